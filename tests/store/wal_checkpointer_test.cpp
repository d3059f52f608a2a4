// The SQLite WAL stays bounded under a steady stream of commits, and checkpoints (each of which
// walks the whole WAL) run per thousand pages written, not per commit.
#include "store/sqlite/wal_checkpointer.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace roster::store::testing {
namespace {

TEST(WalCheckpointer, KeepsTheWalBoundedWithFewCheckpoints) {
  const auto path = std::filesystem::temp_directory_path() / "roster-wal-checkpointer.db";
  std::filesystem::remove(path);
  const std::string wal = path.string() + "-wal";
  constexpr int kCommits = 12000;  // a new page each: several times kWriterFinishesPages
  std::uintmax_t largest_wal = 0;
  int checkpoints = 0;
  {
    sqlite::Connection writer(path.string());
    writer.Exec("PRAGMA journal_mode = WAL; CREATE TABLE t (x BLOB)");
    WalCheckpointer checkpointer(path.string(), writer);
    for (int i = 0; i < kCommits; ++i) {
      writer.Exec("INSERT INTO t VALUES (randomblob(3000))");
      if (i % 100 == 0) largest_wal = std::max(largest_wal, std::filesystem::file_size(wal));
    }
    checkpoints = checkpointer.checkpoints();
  }
  constexpr std::uintmax_t kFrameBytes = 4096 + 24;
  EXPECT_LE(largest_wal,
            (WalCheckpointer::kWriterFinishesPages + 2 * WalCheckpointer::kThresholdPages) *
                kFrameBytes);
  EXPECT_GE(checkpoints, 3);  // the WAL did start over
  // About five per WAL cycle (three steps, a final pass, the writer's finish); one per commit
  // would be thousands.
  EXPECT_LE(checkpoints, kCommits / 100);
  sqlite::Connection reader(path.string());
  auto st = reader.Prepare("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(st.Step());
  EXPECT_EQ(st.Int(0), kCommits);
  std::filesystem::remove(path);
  std::filesystem::remove(wal);
  std::filesystem::remove(path.string() + "-shm");
}

}  // namespace
}  // namespace roster::store::testing
