// Users, sessions, API tokens and the server's shared secrets.
#include "store/accounts.hpp"
#include "store/sql_transaction.hpp"

namespace roster::store {
namespace {

constexpr Sql kInsertUser{
    "INSERT INTO users (id, email, email_key, username, password_hash, created_at, "
    "email_verified) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    Access::kUnique};
constexpr Sql kUserByEmailKey{
    "SELECT id, email, username, created_at, email_key, password_hash, email_verified "
    "FROM users WHERE email_key = $1"};
constexpr Sql kUserById{
    "SELECT id, email, username, created_at, email_key, password_hash, email_verified "
    "FROM users WHERE id = $1"};

constexpr Sql kInsertSession{
    "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, id, "
    "user_agent, client_address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    Access::kWrite};
#define ROSTER_SESSION_COLUMNS \
  "token_hash, user_id, created_at, last_seen_at, expires_at, id, user_agent, client_address"
constexpr Sql kSession{"SELECT " ROSTER_SESSION_COLUMNS " FROM sessions WHERE token_hash = $1"};
constexpr Sql kSessionsOfUser{"SELECT " ROSTER_SESSION_COLUMNS
                              " FROM sessions WHERE user_id = $1 AND expires_at > $2 "
                              "ORDER BY created_at DESC, id DESC"};
#undef ROSTER_SESSION_COLUMNS
constexpr Sql kDeleteSessionById{"DELETE FROM sessions WHERE user_id = $1 AND id = $2",
                                 Access::kWrite};
constexpr Sql kDeleteOtherSessions{"DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
                                   Access::kWrite};
constexpr Sql kTouchSession{"UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
                            Access::kWrite};
constexpr Sql kDeleteSession{"DELETE FROM sessions WHERE token_hash = $1", Access::kWrite};
constexpr Sql kDeleteSessionsOfUser{"DELETE FROM sessions WHERE user_id = $1", Access::kWrite};

constexpr Sql kInsertApiToken{
    "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) "
    "VALUES ($1, $2, $3, $4, $5)",
    Access::kWrite};
constexpr Sql kApiToken{
    "SELECT id, token_hash, user_id, name, created_at FROM api_tokens WHERE token_hash = $1"};
constexpr Sql kDeleteApiTokensOfUser{"DELETE FROM api_tokens WHERE user_id = $1", Access::kWrite};

constexpr Sql kInsertSecret{
    "INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    Access::kWrite};
constexpr Sql kSecret{"SELECT value FROM server_secrets WHERE name = $1"};

}  // namespace

app::ApiTokenRecord ReadApiToken(const Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Time(4)};
}

app::SessionRecord ReadSession(const Row& r) {
  return {r.Text(0), r.Text(1), r.Time(2), r.Time(3), r.Time(4), r.Text(5), r.Text(6), r.Text(7)};
}

app::UserRecord ReadUser(const Row& r) {
  return {domain::User{r.Text(0), r.Text(1), r.Text(2), r.Time(3), r.Int(6) != 0}, r.Text(4),
          r.Text(5)};
}

void SqlTransaction::InsertUser(const app::UserRecord& u) {
  Execute(kInsertUser, u.user.id, u.user.email, u.email_key, u.user.username, u.password_hash,
          u.user.created_at, u.user.email_verified ? 1 : 0);
}

std::optional<app::UserRecord> SqlTransaction::FindUserByEmailKey(std::string_view email_key) {
  return First(kUserByEmailKey, ReadUser, email_key);
}

std::optional<app::UserRecord> SqlTransaction::FindUserById(std::string_view user_id) {
  return First(kUserById, ReadUser, user_id);
}

void SqlTransaction::InsertSession(const app::SessionRecord& s) {
  Execute(kInsertSession, s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at,
          s.id, s.user_agent, s.client_address);
}

std::vector<app::SessionRecord> SqlTransaction::ListSessionsOfUser(std::string_view user_id,
                                                                   app::Timestamp now) {
  std::vector<app::SessionRecord> out;
  Each(kSessionsOfUser, [&](const Row& r) { out.push_back(ReadSession(r)); }, user_id, now);
  return out;
}

bool SqlTransaction::DeleteSessionById(std::string_view user_id, std::string_view session_id) {
  return Execute(kDeleteSessionById, user_id, session_id) > 0;
}

void SqlTransaction::DeleteSessionsOfUser(std::string_view user_id,
                                          std::string_view keep_token_hash) {
  Execute(kDeleteOtherSessions, user_id, keep_token_hash);
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
