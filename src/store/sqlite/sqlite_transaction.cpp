// Transactions on SQLite: users, sessions, API tokens, organizations (members: sqlite_members.cpp).
#include "store/sqlite/sqlite_transaction.hpp"

#include <spdlog/spdlog.h>

#include "domain/error.hpp"

namespace roster::store {

using domain::Error;
using domain::ErrorCode;
using domain::FromMillis;
using domain::ToMillis;

namespace {

app::UserRecord ReadUser(const sqlite::Statement& st) {
  return app::UserRecord{
      domain::User{st.Text(0), st.Text(1), st.Text(2), FromMillis(st.Int(3))}, st.Text(4),
      st.Text(5)};
}

constexpr const char* kUserColumns =
    "SELECT id, email, username, created_at, email_key, password_hash FROM users ";

}  // namespace

SqliteTransaction::SqliteTransaction(SqliteStore& store, sqlite::Connection& connection,
                                     std::unique_lock<std::mutex> writer_lock,
                                     std::unique_ptr<sqlite::Connection> reader)
    : store_(store),
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

SqliteTransaction::~SqliteTransaction() {
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

void SqliteTransaction::Commit() {
  if (writer_lock_.owns_lock()) {
    done_ = true;
    store_.groups_->Commit(std::move(writer_lock_));  // returns once its group committed
  } else {
    db_.Prepare("COMMIT").Run();
    done_ = true;
  }
}

// ---- users ----

void SqliteTransaction::InsertUser(const app::UserRecord& u) {
  try {
    db_.Prepare(
           "INSERT INTO users (id, email, email_key, username, password_hash, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?)")
        .Bind(1, u.user.id)
        .Bind(2, u.user.email)
        .Bind(3, u.email_key)
        .Bind(4, u.user.username)
        .Bind(5, u.password_hash)
        .Bind(6, ToMillis(u.user.created_at))
        .Run();
  } catch (const sqlite::SqliteError& e) {
    if (e.IsConstraint()) {
      throw Error(ErrorCode::kEmailRegistered, "An account with this email already exists.");
    }
    throw;
  }
}

std::optional<app::UserRecord> SqliteTransaction::FindUserByEmailKey(std::string_view email_key) {
  auto st = db_.Prepare(std::string(kUserColumns) + "WHERE email_key = ?");
  st.Bind(1, email_key);
  if (!st.Step()) return std::nullopt;
  return ReadUser(st);
}

std::optional<app::UserRecord> SqliteTransaction::FindUserById(std::string_view user_id) {
  auto st = db_.Prepare(std::string(kUserColumns) + "WHERE id = ?");
  st.Bind(1, user_id);
  if (!st.Step()) return std::nullopt;
  return ReadUser(st);
}

// ---- sessions and API tokens ----

void SqliteTransaction::InsertSession(const app::SessionRecord& s) {
  db_.Prepare(
         "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) "
         "VALUES (?, ?, ?, ?, ?)")
      .Bind(1, s.token_hash)
      .Bind(2, s.user_id)
      .Bind(3, ToMillis(s.created_at))
      .Bind(4, ToMillis(s.last_seen_at))
      .Bind(5, ToMillis(s.expires_at))
      .Run();
}

std::optional<app::SessionRecord> SqliteTransaction::FindSession(std::string_view token_hash) {
  auto st = db_.Prepare(
      "SELECT token_hash, user_id, created_at, last_seen_at, expires_at FROM sessions "
      "WHERE token_hash = ?");
  st.Bind(1, token_hash);
  if (!st.Step()) return std::nullopt;
  return app::SessionRecord{st.Text(0), st.Text(1), FromMillis(st.Int(2)), FromMillis(st.Int(3)),
                            FromMillis(st.Int(4))};
}

void SqliteTransaction::TouchSession(std::string_view token_hash, app::Timestamp at) {
  db_.Prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
      .Bind(1, ToMillis(at))
      .Bind(2, token_hash)
      .Run();
}

void SqliteTransaction::DeleteSession(std::string_view token_hash) {
  db_.Prepare("DELETE FROM sessions WHERE token_hash = ?").Bind(1, token_hash).Run();
}

void SqliteTransaction::InsertApiToken(const app::ApiTokenRecord& t) {
  db_.Prepare(
         "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) "
         "VALUES (?, ?, ?, ?, ?)")
      .Bind(1, t.id)
      .Bind(2, t.token_hash)
      .Bind(3, t.user_id)
      .Bind(4, t.name)
      .Bind(5, ToMillis(t.created_at))
      .Run();
}

std::optional<app::ApiTokenRecord> SqliteTransaction::FindApiToken(std::string_view token_hash) {
  auto st = db_.Prepare(
      "SELECT id, token_hash, user_id, name, created_at FROM api_tokens WHERE token_hash = ?");
  st.Bind(1, token_hash);
  if (!st.Step()) return std::nullopt;
  return app::ApiTokenRecord{st.Text(0), st.Text(1), st.Text(2), st.Text(3),
                             FromMillis(st.Int(4))};
}

void SqliteTransaction::DeleteCredentialsOfUser(std::string_view user_id) {
  db_.Prepare("DELETE FROM sessions WHERE user_id = ?").Bind(1, user_id).Run();
  db_.Prepare("DELETE FROM api_tokens WHERE user_id = ?").Bind(1, user_id).Run();
}

// ---- organizations ----

void SqliteTransaction::InsertOrganization(const app::OrganizationRecord& o) {
  try {
    db_.Prepare("INSERT INTO organizations (id, name, name_key, created_at) VALUES (?, ?, ?, ?)")
        .Bind(1, o.organization.id)
        .Bind(2, o.organization.name)
        .Bind(3, o.name_key)
        .Bind(4, ToMillis(o.organization.created_at))
        .Run();
  } catch (const sqlite::SqliteError& e) {
    if (e.IsConstraint()) {
      throw Error(ErrorCode::kOrganizationNameTaken, "An organization with this name already exists.");
    }
    throw;
  }
}

std::optional<domain::Organization> SqliteTransaction::FindOrganization(std::string_view org_id) {
  auto st = db_.Prepare("SELECT id, name, created_at FROM organizations WHERE id = ?");
  st.Bind(1, org_id);
  if (!st.Step()) return std::nullopt;
  return domain::Organization{st.Text(0), st.Text(1), FromMillis(st.Int(2))};
}

int SqliteTransaction::CountOrganizations() {
  auto st = db_.Prepare("SELECT COUNT(*) FROM organizations");
  st.Step();
  return static_cast<int>(st.Int(0));
}

bool SqliteTransaction::LockOrganization(std::string_view org_id) {
  // BEGIN IMMEDIATE already holds the database write lock; only existence is left to tell.
  return FindOrganization(org_id).has_value();
}

}  // namespace roster::store
