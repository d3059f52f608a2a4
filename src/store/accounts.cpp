// Users, sessions, API tokens and the server's shared secrets.
#include "store/sql_transaction.hpp"

namespace roster::store {
namespace {

constexpr Sql kInsertUser{
    "INSERT INTO users (id, email, email_key, username, password_hash, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)",
    Access::kUnique};
constexpr Sql kUserByEmailKey{
    "SELECT id, email, username, created_at, email_key, password_hash FROM users "
    "WHERE email_key = $1"};
constexpr Sql kUserById{
    "SELECT id, email, username, created_at, email_key, password_hash FROM users WHERE id = $1"};

app::UserRecord ReadUser(const Row& r) {
  return {domain::User{r.Text(0), r.Text(1), r.Text(2), r.Time(3)}, r.Text(4), r.Text(5)};
}

constexpr Sql kInsertSession{
    "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)",
    Access::kWrite};
constexpr Sql kSession{
    "SELECT token_hash, user_id, created_at, last_seen_at, expires_at FROM sessions "
    "WHERE token_hash = $1"};
constexpr Sql kTouchSession{"UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
                            Access::kWrite};
constexpr Sql kDeleteSession{"DELETE FROM sessions WHERE token_hash = $1", Access::kWrite};
constexpr Sql kDeleteSessionsOfUser{"DELETE FROM sessions WHERE user_id = $1", Access::kWrite};

app::SessionRecord ReadSession(const Row& r) {
  return {r.Text(0), r.Text(1), r.Time(2), r.Time(3), r.Time(4)};
}

constexpr Sql kInsertApiToken{
    "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) "
    "VALUES ($1, $2, $3, $4, $5)",
    Access::kWrite};
constexpr Sql kApiToken{
    "SELECT id, token_hash, user_id, name, created_at FROM api_tokens WHERE token_hash = $1"};
constexpr Sql kDeleteApiTokensOfUser{"DELETE FROM api_tokens WHERE user_id = $1", Access::kWrite};

app::ApiTokenRecord ReadApiToken(const Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Time(4)};
}

constexpr Sql kInsertSecret{
    "INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    Access::kWrite};
constexpr Sql kSecret{"SELECT value FROM server_secrets WHERE name = $1"};

}  // namespace

void SqlTransaction::InsertUser(const app::UserRecord& u) {
  Execute(kInsertUser, u.user.id, u.user.email, u.email_key, u.user.username, u.password_hash,
          u.user.created_at);
}

std::optional<app::UserRecord> SqlTransaction::FindUserByEmailKey(std::string_view email_key) {
  return First(kUserByEmailKey, ReadUser, email_key);
}

std::optional<app::UserRecord> SqlTransaction::FindUserById(std::string_view user_id) {
  return First(kUserById, ReadUser, user_id);
}

void SqlTransaction::InsertSession(const app::SessionRecord& s) {
  Execute(kInsertSession, s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at);
}

std::optional<app::SessionRecord> SqlTransaction::FindSession(std::string_view token_hash) {
  return First(kSession, ReadSession, token_hash);
}

void SqlTransaction::TouchSession(std::string_view token_hash, app::Timestamp at) {
  Execute(kTouchSession, at, token_hash);
}

void SqlTransaction::DeleteSession(std::string_view token_hash) {
  Execute(kDeleteSession, token_hash);
}

void SqlTransaction::InsertApiToken(const app::ApiTokenRecord& t) {
  Execute(kInsertApiToken, t.id, t.token_hash, t.user_id, t.name, t.created_at);
}

std::optional<app::ApiTokenRecord> SqlTransaction::FindApiToken(std::string_view token_hash) {
  return First(kApiToken, ReadApiToken, token_hash);
}

void SqlTransaction::DeleteCredentialsOfUser(std::string_view user_id) {
  Execute(kDeleteSessionsOfUser, user_id);
  Execute(kDeleteApiTokensOfUser, user_id);
}

std::string SqlTransaction::LoadOrCreateSecret(std::string_view name,
                                               const std::string& candidate) {
  Execute(kInsertSecret, name, candidate);
  auto value = First(
      kSecret, [](const Row& r) { return r.Text(0); }, name);
  if (!value || value->empty()) throw std::runtime_error("server secret was not stored");
  Commit();
  return std::move(*value);
}

}  // namespace roster::store
