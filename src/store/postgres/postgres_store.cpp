#include "store/postgres/postgres_store.hpp"

#include <spdlog/spdlog.h>

#include "store/migrations.hpp"
#include "store/postgres/postgres_transaction.hpp"

namespace roster::store {
namespace {

// pg_advisory_xact_lock key of the migration step ("roster" in ASCII).
constexpr const char* kMigrationLockKey = "125823003944306";

}  // namespace

int MigratePostgres(pg::Connection& db) {
  const auto migrations = PostgresMigrations();
  const int known = migrations.empty() ? 0 : migrations.back().version;
  db.Exec("BEGIN");
  try {
    db.Exec(std::string("SELECT pg_advisory_xact_lock(") + kMigrationLockKey + ")");
    db.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    const int current = static_cast<int>(
        db.Exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Int(0, 0));
    if (current > known) {
      throw std::runtime_error("the database schema is version " + std::to_string(current) +
                               ", newer than this roster binary knows (" + std::to_string(known) +
                               "); upgrade roster — the database was not modified");
    }
    int applied = 0;
    for (const auto& m : migrations) {
      if (m.version <= current) continue;
      db.Exec(m.sql);
      db.Run("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, "
             "(extract(epoch FROM clock_timestamp()) * 1000)::bigint)",
             m.version, m.name);
      ++applied;
    }
    db.Exec("COMMIT");
    return applied;
  } catch (...) {
    try {
      db.Exec("ROLLBACK");
    } catch (const std::exception& e) {
      spdlog::error("migration rollback failed: {}", e.what());
    }
    throw;
  }
}

PostgresStore::PostgresStore(std::string url, int max_connections)
    : url_(std::move(url)), max_connections_(max_connections) {
  auto connection = std::make_unique<pg::Connection>(url_);
  const int applied = MigratePostgres(*connection);
  if (applied > 0) spdlog::info("postgresql database: applied {} migration(s)", applied);
  idle_.push_back(std::move(connection));
  open_ = 1;
}

PostgresStore::~PostgresStore() = default;

std::unique_ptr<app::Transaction> PostgresStore::Begin(app::TxMode mode) {
  // No round trip here: the transaction sends BEGIN (writes only) with its first statement, and
  // replaces a pooled connection the server has closed then.
  auto connection = Acquire();
  return std::make_unique<PostgresTransaction>(*this, std::move(connection), mode);
}

void PostgresStore::Ping() {
  auto tx = Begin(app::TxMode::kRead);
  tx->FindOrganization("");
}

std::string PostgresStore::LoadOrCreateSecret(std::string_view name, const std::string& candidate) {
  auto connection = Acquire();
  try {
    connection->Run(
        "INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        name, candidate);
    auto result = connection->Run("SELECT value FROM server_secrets WHERE name = $1", name);
    std::string value = result.Empty() ? std::string() : result.Text(0, 0);
    Release(std::move(connection));
    if (value.empty()) throw std::runtime_error("server secret was not stored");
    return value;
  } catch (...) {
    if (connection) Release(std::move(connection));
    throw;
  }
}

std::unique_ptr<pg::Connection> PostgresStore::Acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || open_ < max_connections_; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;
  lock.unlock();
  try {
    return std::make_unique<pg::Connection>(url_);
  } catch (...) {
    std::lock_guard relock(mutex_);
    --open_;
    available_.notify_one();
    throw;
  }
}

void PostgresStore::Release(std::unique_ptr<pg::Connection> connection) {
  const bool broken = !connection || !connection->IsIdle();
  if (broken) connection.reset();  // close outside the pool lock
  std::lock_guard lock(mutex_);
  if (broken) {
    --open_;
  } else {
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

std::unique_ptr<app::Store> OpenPostgresStore(const std::string& url) {
  return std::make_unique<PostgresStore>(url);
}

}  // namespace roster::store
