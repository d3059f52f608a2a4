// The transaction itself (BEGIN, COMMIT, how statements are sent), then users, sessions and API
// tokens on PostgreSQL.
#include "store/postgres/postgres_transaction.hpp"

#include <spdlog/spdlog.h>

#include <cassert>

#include "domain/error.hpp"

namespace roster::store {

using domain::Error;
using domain::ErrorCode;
using domain::FromMillis;
using domain::ToMillis;

namespace {

constexpr const char* kUserColumns =
    "SELECT id, email, username, created_at, email_key, password_hash FROM users ";

std::optional<app::UserRecord> FirstUser(const pg::Result& r) {
  if (r.Empty()) return std::nullopt;
  return app::UserRecord{
      domain::User{r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), FromMillis(r.Int(0, 3))},
      r.Text(0, 4), r.Text(0, 5)};
}

}  // namespace

PostgresTransaction::PostgresTransaction(PostgresStore& store,
                                         std::unique_ptr<pg::Connection> connection,
                                         app::TxMode mode)
    : store_(store), db_(std::move(connection)), read_only_(mode == app::TxMode::kRead) {}

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

pg::Result PostgresTransaction::ReadQuery(std::string_view sql,
                                          const std::vector<pg::Param>& params) {
  // A write filed here would run unchecked in a read transaction: debug builds catch that.
  assert(sql.starts_with("SELECT ") && sql.find("FOR UPDATE") == std::string_view::npos);
  return Send(sql, params, false);
}

pg::Result PostgresTransaction::WriteQuery(std::string_view sql,
                                           const std::vector<pg::Param>& params) {
  RefuseIfReadOnly(sql);
  return Send(sql, params, false);
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

void PostgresTransaction::RunUnique(std::string_view sql, const std::vector<pg::Param>& params) {
  RefuseIfReadOnly(sql);
  try {
    Send(sql, params, true);
  } catch (const pg::PgError& e) {
    if (e.IsUniqueViolation()) {
      db_->Exec("ROLLBACK TO SAVEPOINT roster_unique; RELEASE SAVEPOINT roster_unique");
    }
    throw;
  }
}

// ---- users ----

void PostgresTransaction::InsertUser(const app::UserRecord& u) {
  try {
    RunUnique(
        "INSERT INTO users (id, email, email_key, username, password_hash, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {u.user.id, u.user.email, u.email_key, u.user.username, u.password_hash,
         pg::ToParam(ToMillis(u.user.created_at))});
  } catch (const pg::PgError& e) {
    if (e.IsUniqueViolation()) {
      throw Error(ErrorCode::kEmailRegistered, "An account with this email already exists.");
    }
    throw;
  }
}

std::optional<app::UserRecord> PostgresTransaction::FindUserByEmailKey(
    std::string_view email_key) {
  return FirstUser(Read(std::string(kUserColumns) + "WHERE email_key = $1", email_key));
}

std::optional<app::UserRecord> PostgresTransaction::FindUserById(std::string_view user_id) {
  return FirstUser(Read(std::string(kUserColumns) + "WHERE id = $1", user_id));
}

// ---- sessions and API tokens ----

void PostgresTransaction::InsertSession(const app::SessionRecord& s) {
  Write(
      "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      s.token_hash, s.user_id, ToMillis(s.created_at), ToMillis(s.last_seen_at),
      ToMillis(s.expires_at));
}

std::optional<app::SessionRecord> PostgresTransaction::FindSession(std::string_view token_hash) {
  const auto r = Read(
      "SELECT token_hash, user_id, created_at, last_seen_at, expires_at FROM sessions "
      "WHERE token_hash = $1",
      token_hash);
  if (r.Empty()) return std::nullopt;
  return app::SessionRecord{r.Text(0, 0), r.Text(0, 1), FromMillis(r.Int(0, 2)),
                            FromMillis(r.Int(0, 3)), FromMillis(r.Int(0, 4))};
}

void PostgresTransaction::TouchSession(std::string_view token_hash, app::Timestamp at) {
  Write("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", ToMillis(at), token_hash);
}

void PostgresTransaction::DeleteSession(std::string_view token_hash) {
  Write("DELETE FROM sessions WHERE token_hash = $1", token_hash);
}

void PostgresTransaction::InsertApiToken(const app::ApiTokenRecord& t) {
  Write(
      "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      t.id, t.token_hash, t.user_id, t.name, ToMillis(t.created_at));
}

std::optional<app::ApiTokenRecord> PostgresTransaction::FindApiToken(
    std::string_view token_hash) {
  const auto r = Read(
      "SELECT id, token_hash, user_id, name, created_at FROM api_tokens WHERE token_hash = $1",
      token_hash);
  if (r.Empty()) return std::nullopt;
  return app::ApiTokenRecord{r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), r.Text(0, 3),
                             FromMillis(r.Int(0, 4))};
}

void PostgresTransaction::DeleteCredentialsOfUser(std::string_view user_id) {
  Write("DELETE FROM sessions WHERE user_id = $1", user_id);
  Write("DELETE FROM api_tokens WHERE user_id = $1", user_id);
}

}  // namespace roster::store
