#pragma once
// The embedded default: the Store port on SQLite (WAL, foreign keys, busy timeout).
// Write transactions are serialized in-process (one writer connection, BEGIN IMMEDIATE), so a
// guardrail check and its write can never interleave with another writer, and committed in
// groups (group_commit.hpp); readers use their own connections and see committed snapshots.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/ports.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/sqlite/wal_checkpointer.hpp"

namespace roster::store {

class SqliteStore final : public app::Store {
 public:
  // Opens (creating if needed) the database at `path` and applies pending migrations.
  // Throws if the database has a newer schema than this binary knows.
  explicit SqliteStore(std::string path, int max_readers = 8);
  ~SqliteStore() override;

  std::unique_ptr<app::Transaction> Begin(app::TxMode mode) override;
  void Ping() override;
  std::string LoadOrCreateSecret(std::string_view name, const std::string& candidate) override;

  // Online backup (consistent while serving) into `destination`.
  void Backup(const std::string& destination);
  const std::string& path() const { return path_; }

 private:
  friend class SqliteTransaction;
  std::unique_ptr<sqlite::Connection> AcquireReader();
  void ReleaseReader(std::unique_ptr<sqlite::Connection> connection);

  std::string path_;
  int max_readers_;
  std::unique_ptr<sqlite::Connection> writer_;
  std::unique_ptr<GroupCommit> groups_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // after writer_: stops first
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<sqlite::Connection>> idle_readers_;
  int open_readers_ = 0;
};

std::unique_ptr<app::Store> OpenSqliteStore(const std::string& path);

}  // namespace roster::store
