#pragma once
// Moves WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside the
// COMMIT that crosses the threshold and fsyncs while that writer holds the one write lock, so
// every other write waits on the disk. Here the writer only signals; a thread of its own copies
// the WAL back (PASSIVE: it never blocks writers or readers) on its own connection.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/sqlite_db.hpp"

namespace roster::store {

class WalCheckpointer {
 public:
  // Takes over `writer`'s WAL hook (which disables its automatic checkpoint).
  WalCheckpointer(const std::string& path, sqlite::Connection& writer);
  ~WalCheckpointer();  // stops the thread after a last checkpoint
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // The thread checkpoints when the WAL reaches kThresholdPages and after each further
  // kThresholdPages: every checkpoint walks the whole WAL and copies again each page written
  // since the last one, so one per commit (hot table and index tails) costs O(WAL) per commit.
  // Only a WAL copied to its end can start over, which a copy racing a steady stream of commits
  // never achieves; so from kWriterFinishesPages the thread makes one more pass and then the
  // writer finishes the copy itself under the write lock (what came in during that pass), which
  // keeps the WAL file around kWriterFinishesPages.
  static constexpr int kThresholdPages = 1000;
  static constexpr int kWriterFinishesPages = 4000;

  // Checkpoints run so far (by the thread and by the writer), for tests.
  int checkpoints() const { return checkpoints_.load(); }

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int wal_pages);
  void Wake();
  void Loop();

  sqlite::Connection connection_;
  sqlite::Connection& writer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
  // Writer's side (OnCommit runs under the write lock): WAL size of the last commit, and the
  // size from which the thread is asked for its next pass.
  int last_wal_pages_ = 0;
  int next_pass_pages_ = kThresholdPages;
  bool final_pass_asked_ = false;
  std::atomic<int> passed_at_pages_{0};  // WAL size at the thread's last pass (0: none since reset)
  std::atomic<int> checkpoints_{0};
  std::thread thread_;
};

}  // namespace roster::store
