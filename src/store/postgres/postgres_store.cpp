// The PostgreSQL store: its pool of connections, and its transactions, which send the
// SqlTransaction's statements on one pooled connection.
#include "store/postgres/postgres_store.hpp"

#include <spdlog/spdlog.h>

#include <cassert>

#include "metrics/metrics.hpp"
#include "store/sql_transaction.hpp"

namespace roster::store {

class PostgresTransaction final : public SqlTransaction {
 public:
  // Takes over `connection` from the store's pool and gives it back on destruction. Nothing is
  // sent yet: a write transaction sends BEGIN with its first statement and rolls back unless
  // committed; a read transaction runs its statements in autocommit (see Send).
  PostgresTransaction(PostgresStore& store, std::unique_ptr<pg::Connection> connection,
                      app::TxMode mode)
      : SqlTransaction(PostgresDialect(), mode == app::TxMode::kRead),
        store_(store),
        db_(std::move(connection)) {}
  ~PostgresTransaction() override;
  void Commit() override;

  int Run(const Sql& sql, std::span<const Value> params, RowFn on_row) override;
  void Script(std::string_view sql) override { db_->Exec(sql); }

 private:
  // Throws the error PostgreSQL gives a write in a READ ONLY transaction when this one reads.
  void RefuseIfReadOnly(std::string_view sql) const;
  // Runs a write that a unique index may refuse inside a savepoint, so that, as on SQLite, a
  // refused statement leaves the transaction usable. Rethrows the pg::PgError.
  pg::Result RunUnique(std::string_view sql, const std::vector<pg::Param>& params);
  // Sends `sql` (between SAVEPOINT and RELEASE when `unique`), preceded by BEGIN when it opens a
  // write transaction; retries the first statement on another connection when the pooled one
  // turns out to have been closed by the server.
  pg::Result Send(std::string_view sql, const std::vector<pg::Param>& params, bool unique);

  PostgresStore& store_;
  std::unique_ptr<pg::Connection> db_;
  bool sent_ = false;  // a statement has been sent (for a write transaction: BEGIN too)
  bool done_ = false;
};

PostgresTransaction::~PostgresTransaction() {
  // A lost connection needs no ROLLBACK: the server ends its transaction with it.
  if (!read_only_ && sent_ && !done_ && db_ && !db_->IsBroken()) {
    try {
      db_->Exec("ROLLBACK");
    } catch (const std::exception& e) {
      spdlog::error("rollback failed: {}", e.what());  // Release discards the connection
    }
  }
  if (db_) store_.Release(std::move(db_));  // null when no other connection could be opened
}

void PostgresTransaction::Commit() {
  if (read_only_ || !sent_) {  // autocommitted reads, or no statement: nothing to commit
    done_ = true;
    return;
  }
  const auto result = db_->Exec("COMMIT");
  done_ = true;
  // COMMIT of a transaction in which a statement failed silently rolls back instead.
  if (result.CommandTag() != "COMMIT") {
    throw std::runtime_error("postgres: the transaction was aborted and has been rolled back");
  }
}

int PostgresTransaction::Run(const Sql& sql, std::span<const Value> values, RowFn on_row) {
  const auto params = pg::ToParams(values);
  try {
    switch (sql.access) {
      case Access::kRead:
        // A write filed here would run unchecked in a read transaction: debug builds catch it.
        assert(sql.text.starts_with("SELECT ") && sql.text.find('{') == std::string_view::npos);
        return Send(sql.text, params, false).ForEachRow(on_row);
      case Access::kWrite:
        RefuseIfReadOnly(sql.text);
        return Send(sql.text, params, false).ForEachRow(on_row);
      case Access::kUnique:
        return RunUnique(sql.text, params).ForEachRow(on_row);
    }
  } catch (const pg::PgError& e) {
    if (e.IsUniqueViolation()) ThrowIfConflict(dialect_, e.constraint());
    throw;
  }
  return 0;
}

void PostgresTransaction::RefuseIfReadOnly(std::string_view sql) const {
  if (!read_only_) return;
  // What PostgreSQL answered when read transactions were BEGIN READ ONLY.
  throw pg::PgError(
      "postgres: cannot write in a read-only transaction [" + std::string(sql.substr(0, 120)) + "]",
      "25006", "");
}

pg::Result PostgresTransaction::Send(std::string_view sql, const std::vector<pg::Param>& params,
                                     bool unique) {
  static constexpr const char* kRelease[] = {"RELEASE SAVEPOINT roster_unique"};
  const bool opens = !sent_;
  const char* before[2];
  std::size_t count = 0;
  // Read transactions need no BEGIN: at READ COMMITTED each statement takes its own snapshot
  // even inside a transaction block, so autocommit reads see exactly what they saw in one.
  if (opens && !read_only_) before[count++] = "BEGIN";
  if (unique) before[count++] = "SAVEPOINT roster_unique";
  const std::span<const char* const> after = unique ? kRelease : std::span<const char* const>();
  for (int attempt = 0;; ++attempt) {
    try {
      auto result = db_->Pipeline({before, count}, sql, params, after);
      sent_ = true;
      return result;
    } catch (const pg::PgError&) {
      // An idle pooled connection may have been closed by the server (restart, idle timeout);
      // libpq only notices on use. Nothing was committed on it: try the next one.
      if (!opens || !db_->IsBroken() || attempt >= store_.max_connections_) {
        sent_ = true;
        throw;
      }
      store_.Release(std::move(db_));
      db_ = store_.Acquire();
    }
  }
}

pg::Result PostgresTransaction::RunUnique(std::string_view sql,
                                          const std::vector<pg::Param>& params) {
  RefuseIfReadOnly(sql);
  try {
    return Send(sql, params, true);
  } catch (const pg::PgError& e) {
    if (e.IsUniqueViolation()) {
      db_->Exec("ROLLBACK TO SAVEPOINT roster_unique; RELEASE SAVEPOINT roster_unique");
    }
    throw;
  }
}

PostgresStore::PostgresStore(std::string url, int max_connections)
    : url_(std::move(url)), max_connections_(max_connections) {
  auto connection = std::make_unique<pg::Connection>(url_);
  const int applied = Migrate(*connection, PostgresDialect());
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
  auto tx = Begin(app::TxMode::kWrite);
  return static_cast<SqlTransaction&>(*tx).LoadOrCreateSecret(name, candidate);
}

std::unique_ptr<pg::Connection> PostgresStore::Acquire() {
  std::unique_lock lock(mutex_);
  const auto available = [&] { return !idle_.empty() || open_ < max_connections_; };
  if (!available()) metrics::Count(metrics::Event::kDbPoolWait);
  available_.wait(lock, available);
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
