// The OpenID Connect provider's tables: signing keys, clients, authorization codes, refresh
// tokens. URI lists are stored one per line (a valid URI holds no line break).
#include "store/sql_transaction.hpp"

namespace roster::store {
namespace {

constexpr Sql kInsertKey{
    "INSERT INTO oidc_signing_keys (kid, private_jwk, public_jwk, created_at, retired_at) "
    "VALUES ($1, $2, $3, $4, $5)",
    Access::kWrite};
constexpr Sql kKeys{
    "SELECT kid, private_jwk, public_jwk, created_at, retired_at FROM oidc_signing_keys "
    "ORDER BY created_at DESC, kid DESC"};
constexpr Sql kRetireKeys{
    "UPDATE oidc_signing_keys SET retired_at = $1 WHERE retired_at IS NULL", Access::kWrite};
constexpr Sql kDeleteRetiredKeys{
    "DELETE FROM oidc_signing_keys WHERE retired_at IS NOT NULL AND retired_at < $1",
    Access::kWrite};

constexpr Sql kInsertClient{
    "INSERT INTO oauth_clients (id, org_id, name, redirect_uris, post_logout_redirect_uris, "
    "secret_hash, admins_only, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    Access::kWrite};
constexpr Sql kClient{
    "SELECT id, org_id, name, redirect_uris, post_logout_redirect_uris, secret_hash, "
    "admins_only, created_at FROM oauth_clients WHERE id = $1"};
constexpr Sql kClientsOfOrg{
    "SELECT id, org_id, name, redirect_uris, post_logout_redirect_uris, secret_hash, "
    "admins_only, created_at FROM oauth_clients WHERE org_id = $1 ORDER BY created_at, id"};
constexpr Sql kUpdateClient{
    "UPDATE oauth_clients SET name = $2, redirect_uris = $3, post_logout_redirect_uris = $4, "
    "secret_hash = $5, admins_only = $6 WHERE id = $1",
    Access::kWrite};
// Codes and refresh tokens are deleted by name, not left to ON DELETE CASCADE alone.
constexpr Sql kDeleteCodesOfClient{"DELETE FROM oauth_codes WHERE client_id = $1",
                                   Access::kWrite};
constexpr Sql kDeleteRefreshOfClient{"DELETE FROM oauth_refresh_tokens WHERE client_id = $1",
                                     Access::kWrite};
constexpr Sql kDeleteClient{"DELETE FROM oauth_clients WHERE id = $1", Access::kWrite};

constexpr Sql kInsertCode{
    "INSERT INTO oauth_codes (code_hash, client_id, user_id, org_id, redirect_uri, nonce, "
    "code_challenge, scope, auth_time, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    Access::kWrite};
constexpr Sql kCode{
    "SELECT code_hash, client_id, user_id, org_id, redirect_uri, nonce, code_challenge, scope, "
    "auth_time, expires_at, used FROM oauth_codes WHERE code_hash = $1"};
constexpr Sql kUseCode{"UPDATE oauth_codes SET used = 1 WHERE code_hash = $1 AND used = 0",
                       Access::kWrite};

constexpr Sql kInsertRefresh{
    "INSERT INTO oauth_refresh_tokens (token_hash, family_id, client_id, user_id, org_id, scope, "
    "code_hash, auth_time, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    Access::kWrite};
constexpr Sql kRefresh{
    "SELECT token_hash, family_id, client_id, user_id, org_id, scope, code_hash, auth_time, "
    "created_at, expires_at, used FROM oauth_refresh_tokens WHERE token_hash = $1"};
constexpr Sql kUseRefresh{
    "UPDATE oauth_refresh_tokens SET used = 1 WHERE token_hash = $1 AND used = 0",
    Access::kWrite};
constexpr Sql kDeleteFamily{"DELETE FROM oauth_refresh_tokens WHERE family_id = $1",
                            Access::kWrite};
constexpr Sql kDeleteOfCode{"DELETE FROM oauth_refresh_tokens WHERE code_hash = $1",
                            Access::kWrite};

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "\n") + item;
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

app::SigningKeyRecord ReadKey(const Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Time(3), r.OptTime(4)};
}

app::ClientRecord ReadClient(const Row& r) {
  return {r.Text(0), r.Text(1),     r.Text(2), SplitLines(r.Text(3)), r.OptText(5),
          r.Int(6) != 0, r.Time(7), SplitLines(r.Text(4))};
}

app::AuthCodeRecord ReadCode(const Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
          r.Text(6), r.Text(7), r.Time(8), r.Time(9), r.Int(10) != 0};
}

app::RefreshTokenRecord ReadRefresh(const Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
          r.Text(6), r.Time(7), r.Time(8), r.Time(9), r.Int(10) != 0};
}

}  // namespace

void SqlTransaction::InsertSigningKey(const app::SigningKeyRecord& k) {
  Execute(kInsertKey, k.kid, k.private_jwk, k.public_jwk, k.created_at, k.retired_at);
}

std::vector<app::SigningKeyRecord> SqlTransaction::ListSigningKeys() {
  std::vector<app::SigningKeyRecord> keys;
  Each(kKeys, [&](const Row& r) { keys.push_back(ReadKey(r)); });
  return keys;
}

void SqlTransaction::RetireSigningKeys(app::Timestamp at) { Execute(kRetireKeys, at); }

void SqlTransaction::DeleteSigningKeysRetiredBefore(app::Timestamp before) {
  Execute(kDeleteRetiredKeys, before);
}

void SqlTransaction::InsertClient(const app::ClientRecord& c) {
  Execute(kInsertClient, c.id, c.org_id, c.name, JoinLines(c.redirect_uris),
          JoinLines(c.post_logout_redirect_uris), c.secret_hash, c.admins_only ? 1 : 0,
          c.created_at);
}

std::optional<app::ClientRecord> SqlTransaction::FindClient(std::string_view client_id) {
  return First(kClient, ReadClient, client_id);
}

std::vector<app::ClientRecord> SqlTransaction::ListClientsOfOrg(std::string_view org_id) {
  std::vector<app::ClientRecord> clients;
  Each(kClientsOfOrg, [&](const Row& r) { clients.push_back(ReadClient(r)); }, org_id);
  return clients;
}

void SqlTransaction::UpdateClient(const app::ClientRecord& c) {
  Execute(kUpdateClient, c.id, c.name, JoinLines(c.redirect_uris),
          JoinLines(c.post_logout_redirect_uris), c.secret_hash, c.admins_only ? 1 : 0);
}

void SqlTransaction::DeleteClient(std::string_view client_id) {
  Execute(kDeleteCodesOfClient, client_id);
  Execute(kDeleteRefreshOfClient, client_id);
  Execute(kDeleteClient, client_id);
}

void SqlTransaction::InsertAuthCode(const app::AuthCodeRecord& c) {
  Execute(kInsertCode, c.code_hash, c.client_id, c.user_id, c.org_id, c.redirect_uri, c.nonce,
          c.code_challenge, c.scope, c.auth_time, c.expires_at);
}

std::optional<app::AuthCodeRecord> SqlTransaction::FindAuthCode(std::string_view code_hash) {
  return First(kCode, ReadCode, code_hash);
}

bool SqlTransaction::MarkAuthCodeUsed(std::string_view code_hash) {
  return Execute(kUseCode, code_hash) == 1;
}

void SqlTransaction::InsertRefreshToken(const app::RefreshTokenRecord& t) {
  Execute(kInsertRefresh, t.token_hash, t.family_id, t.client_id, t.user_id, t.org_id, t.scope,
          t.code_hash, t.auth_time, t.created_at, t.expires_at);
}

std::optional<app::RefreshTokenRecord> SqlTransaction::FindRefreshToken(
    std::string_view token_hash) {
  return First(kRefresh, ReadRefresh, token_hash);
}

bool SqlTransaction::MarkRefreshTokenUsed(std::string_view token_hash) {
  return Execute(kUseRefresh, token_hash) == 1;
}

void SqlTransaction::DeleteRefreshFamily(std::string_view family_id) {
  Execute(kDeleteFamily, family_id);
}

void SqlTransaction::DeleteRefreshTokensOfCode(std::string_view code_hash) {
  Execute(kDeleteOfCode, code_hash);
}

}  // namespace roster::store
