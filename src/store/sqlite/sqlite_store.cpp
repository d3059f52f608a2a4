#include "store/sqlite/sqlite_store.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "metrics/metrics.hpp"
#include "store/sql_transaction.hpp"

namespace roster::store {

// A transaction on the writer connection (inside a group commit) or on a pooled reader.
class SqliteTransaction final : public SqlTransaction {
 public:
  // Writers pass the held writer lock; readers pass a pooled connection to give back.
  SqliteTransaction(SqliteStore& store, sqlite::Connection& connection,
                    std::unique_lock<std::mutex> writer_lock,
                    std::unique_ptr<sqlite::Connection> reader)
      : SqlTransaction(SqliteDialect(), !writer_lock.owns_lock()),
        store_(store),
        db_(connection),
        writer_lock_(std::move(writer_lock)),
        reader_(std::move(reader)) {
    if (writer_lock_.owns_lock()) return;  // GroupCommit::Enter opened its savepoint
    try {
      db_.Prepare("BEGIN").Run();  // cached: no parse per transaction
    } catch (...) {
      if (reader_) store_.ReleaseReader(std::move(reader_));
      throw;
    }
  }

  ~SqliteTransaction() override {
    if (!done_) {
      if (writer_lock_.owns_lock()) {
        store_.groups_->Abort(std::move(writer_lock_));
      } else {
        try {
          db_.Prepare("ROLLBACK").Run();
        } catch (const std::exception& e) {
          spdlog::error("rollback failed: {}", e.what());
        }
      }
    }
    if (reader_) store_.ReleaseReader(std::move(reader_));
  }

  void Commit() override {
    if (writer_lock_.owns_lock()) {
      done_ = true;
      store_.groups_->Commit(std::move(writer_lock_));  // returns once its group committed
    } else {
      db_.Prepare("COMMIT").Run();
      done_ = true;
    }
  }

  int Run(const Sql& sql, std::span<const Value> params, RowFn on_row) override {
    return db_.Run(sql, params, on_row);
  }
  void Script(std::string_view sql) override { db_.Exec(sql); }

 private:
  SqliteStore& store_;
  sqlite::Connection& db_;
  std::unique_lock<std::mutex> writer_lock_;
  std::unique_ptr<sqlite::Connection> reader_;
  bool done_ = false;
};

SqliteStore::SqliteStore(std::string path, int max_readers)
    : path_(std::move(path)), max_readers_(max_readers) {
  const auto parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  writer_ = std::make_unique<sqlite::Connection>(path_);
  // Switching to WAL needs an exclusive lock and SQLite answers BUSY at once (no busy handler)
  // while another process opens the same file: retry for a while.
  for (int attempt = 0;; ++attempt) {
    try {
      writer_->Exec("PRAGMA journal_mode = WAL");
      break;
    } catch (const sqlite::SqliteError& e) {
      if (!e.IsBusy() || attempt >= 200) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }
  const int applied = Migrate(*writer_, SqliteDialect());
  if (applied > 0) spdlog::info("database {}: applied {} migration(s)", path_, applied);
  writer_->Exec("PRAGMA journal_size_limit = 67108864");  // the WAL file shrinks back to 64 MiB
  checkpointer_ = std::make_unique<WalCheckpointer>(path_, *writer_);
  groups_ = std::make_unique<GroupCommit>(*writer_);
}

SqliteStore::~SqliteStore() = default;

std::unique_ptr<app::Transaction> SqliteStore::Begin(app::TxMode mode) {
  if (mode == app::TxMode::kWrite) {
    auto lock = groups_->Enter();
    return std::make_unique<SqliteTransaction>(*this, *writer_, std::move(lock), nullptr);
  }
  auto reader = AcquireReader();
  auto& connection = *reader;
  return std::make_unique<SqliteTransaction>(*this, connection, std::unique_lock<std::mutex>(),
                                             std::move(reader));
}

void SqliteStore::Ping() {
  auto tx = Begin(app::TxMode::kRead);
  tx->FindOrganization("");
}

std::string SqliteStore::LoadOrCreateSecret(std::string_view name, const std::string& candidate) {
  auto tx = Begin(app::TxMode::kWrite);
  return static_cast<SqlTransaction&>(*tx).LoadOrCreateSecret(name, candidate);
}

std::unique_ptr<sqlite::Connection> SqliteStore::AcquireReader() {
  std::unique_lock lock(pool_mutex_);
  const auto available = [&] { return !idle_readers_.empty() || open_readers_ < max_readers_; };
  if (!available()) metrics::Count(metrics::Event::kDbPoolWait);
  pool_cv_.wait(lock, available);
  if (!idle_readers_.empty()) {
    auto connection = std::move(idle_readers_.back());
    idle_readers_.pop_back();
    return connection;
  }
  ++open_readers_;
  lock.unlock();
  try {
    auto connection = std::make_unique<sqlite::Connection>(path_);
    // Read transactions never write: SQLite refuses it, as READ ONLY does on PostgreSQL.
    connection->Exec("PRAGMA query_only = ON");
    return connection;
  } catch (...) {
    std::lock_guard relock(pool_mutex_);
    --open_readers_;
    pool_cv_.notify_one();
    throw;
  }
}

void SqliteStore::ReleaseReader(std::unique_ptr<sqlite::Connection> connection) {
  std::lock_guard lock(pool_mutex_);
  idle_readers_.push_back(std::move(connection));
  pool_cv_.notify_one();
}

void SqliteStore::Backup(const std::string& destination) {
  sqlite::Connection target(destination);
  auto source = AcquireReader();
  sqlite3_backup* backup = sqlite3_backup_init(target.handle(), "main", source->handle(), "main");
  if (!backup) {
    ReleaseReader(std::move(source));
    throw std::runtime_error(std::string("backup: ") + sqlite3_errmsg(target.handle()));
  }
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  ReleaseReader(std::move(source));
  if (rc != SQLITE_DONE) {
    throw std::runtime_error(std::string("backup failed: ") + sqlite3_errstr(rc));
  }
}

std::unique_ptr<app::Store> OpenSqliteStore(const std::string& path) {
  return std::make_unique<SqliteStore>(path);
}

}  // namespace roster::store
