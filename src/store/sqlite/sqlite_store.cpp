#include "store/sqlite/sqlite_store.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store/migrations.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace roster::store {

int MigrateSqlite(sqlite::Connection& db) {
  const auto migrations = SqliteMigrations();
  const int known = migrations.empty() ? 0 : migrations.back().version;
  db.Exec("BEGIN IMMEDIATE");
  try {
    db.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    int current = 0;
    {
      auto st = db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
      if (st.Step()) current = static_cast<int>(st.Int(0));
    }
    if (current > known) {
      throw std::runtime_error("the database schema is version " + std::to_string(current) +
                               ", newer than this roster binary knows (" + std::to_string(known) +
                               "); upgrade roster — the database was not modified");
    }
    int applied = 0;
    for (const auto& m : migrations) {
      if (m.version <= current) continue;
      db.Exec(m.sql);
      db.Prepare("INSERT INTO schema_migrations (version, name, applied_at) "
                 "VALUES (?, ?, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))")
          .Bind(1, m.version)
          .Bind(2, m.name)
          .Run();
      ++applied;
    }
    db.Exec("COMMIT");
    return applied;
  } catch (...) {
    db.Exec("ROLLBACK");
    throw;
  }
}

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
  const int applied = MigrateSqlite(*writer_);
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
  auto& db = static_cast<SqliteTransaction&>(*tx).connection();
  db.Prepare("INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)")
      .Bind(1, name)
      .Bind(2, candidate)
      .Run();
  std::string value;
  {
    auto st = db.Prepare("SELECT value FROM server_secrets WHERE name = ?");
    st.Bind(1, name);
    if (!st.Step()) throw std::runtime_error("server secret was not stored");
    value = st.Text(0);
  }
  tx->Commit();
  return value;
}

std::unique_ptr<sqlite::Connection> SqliteStore::AcquireReader() {
  std::unique_lock lock(pool_mutex_);
  pool_cv_.wait(lock, [&] { return !idle_readers_.empty() || open_readers_ < max_readers_; });
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
