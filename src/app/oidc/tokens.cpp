#include "app/oidc/tokens.hpp"

#include <boost/json.hpp>

#include "app/oidc/clients.hpp"
#include "app/security.hpp"

namespace roster::app {
namespace {

namespace json = boost::json;

std::int64_t Seconds(Timestamp t) { return domain::ToMillis(t) / 1000; }
std::int64_t Seconds(domain::Duration d) {
  return std::chrono::duration_cast<std::chrono::seconds>(d).count();
}

OAuthError InvalidGrant(std::string description) {
  return OAuthError("invalid_grant", std::move(description));
}

// The identity claims of ID tokens and userinfo.
void AddIdentity(json::object& claims, const UserRecord& user, const domain::Member& member,
                 const domain::Organization& org) {
  claims["sub"] = user.user.id;
  claims["email"] = user.user.email;
  claims["email_verified"] = user.user.email_verified;
  claims["preferred_username"] = member.username;
  claims["org_id"] = org.id;
  claims["org_name"] = org.name;
  claims["org_role"] = std::string(domain::ToString(member.role));
}

// The member of the client's organization who may still sign in to it, or nullopt.
std::optional<domain::Member> AllowedMember(Transaction& tx, const ClientRecord& client,
                                            std::string_view user_id) {
  auto member = tx.FindMember(client.org_id, user_id);
  if (!member || member->status != domain::MemberStatus::kActive) return std::nullopt;
  if (!RoleAllowed(client, member->role)) return std::nullopt;
  return member;
}

}  // namespace

ClientRecord Tokens::Authenticate(Transaction& tx, const ClientCredentials& credentials) {
  const int status = 401;
  auto client = credentials.client_id.empty() || credentials.client_id.size() > 128
                    ? std::nullopt
                    : tx.Oidc().FindClient(credentials.client_id);
  if (!client) throw OAuthError("invalid_client", "Unknown client.", status);
  if (client->secret_hash) {
    if (!credentials.secret ||
        !SecureEquals(HashToken(*credentials.secret), *client->secret_hash)) {
      throw OAuthError("invalid_client", "Client authentication failed.", status);
    }
  } else if (credentials.secret) {
    throw OAuthError("invalid_client", "A public client has no secret.", status);
  }
  return *client;
}

TokenResponse Tokens::Exchange(const TokenRequest& request) {
  auto issued = [&] {  // the transaction (and its connection) ends before the signing
    auto tx = ctx_.store.Begin(TxMode::kWrite);
    const auto client = Authenticate(*tx, request.client);
    if (request.grant_type.empty()) throw OAuthError("invalid_request", "grant_type is missing.");
    if (request.grant_type == "authorization_code") return ExchangeCode(*tx, client, request);
    if (request.grant_type == "refresh_token") return Refresh(*tx, client, request);
    throw OAuthError("unsupported_grant_type", "Use authorization_code or refresh_token.");
  }();
  return Sign(std::move(issued));
}

Tokens::Issued Tokens::ExchangeCode(Transaction& tx, const ClientRecord& client,
                                    const TokenRequest& r) {
  if (r.code.empty() || r.code.size() > 128) throw OAuthError("invalid_request", "code is missing.");
  const auto code_hash = HashToken(r.code);
  const auto code = tx.Oidc().FindAuthCode(code_hash);
  if (!code || code->client_id != client.id) throw InvalidGrant("The code is not valid.");
  if (code->used || !tx.Oidc().MarkAuthCodeUsed(code_hash)) {
    // A replayed code: what it issued is revoked (RFC 6749 4.1.2).
    tx.Oidc().DeleteRefreshTokensOfCode(code_hash);
    tx.Commit();
    throw InvalidGrant("The code was already used.");
  }
  const auto now = ctx_.clock.Now();
  if (now >= code->expires_at) throw InvalidGrant("The code has expired.");
  if (r.redirect_uri != code->redirect_uri) throw InvalidGrant("The redirect_uri does not match.");
  if (!code->code_challenge.empty()) {
    if (r.code_verifier.size() < 43 || r.code_verifier.size() > 128 ||
        !SecureEquals(PkceS256(r.code_verifier), code->code_challenge)) {
      throw InvalidGrant("The PKCE code_verifier does not match the code_challenge.");
    }
  } else if (!r.code_verifier.empty()) {
    throw InvalidGrant("No code_challenge was sent for this code.");
  }
  RefreshTokenRecord grant{{}, NewId(ctx_.random), client.id, code->user_id, code->org_id,
                           code->scope, code_hash, code->auth_time, now, now, false};
  auto issued = Issue(tx, client, grant, code->nonce, HasWord(code->scope, "offline_access"));
  tx.Commit();
  return issued;
}

Tokens::Issued Tokens::Refresh(Transaction& tx, const ClientRecord& client,
                               const TokenRequest& r) {
  if (r.refresh_token.empty() || r.refresh_token.size() > 128) {
    throw OAuthError("invalid_request", "refresh_token is missing.");
  }
  const auto hash = HashToken(r.refresh_token);
  const auto token = tx.Oidc().FindRefreshToken(hash);
  if (!token || token->client_id != client.id) throw InvalidGrant("The refresh token is not valid.");
  if (token->used || !tx.Oidc().MarkRefreshTokenUsed(hash)) {
    // A spent token came back: someone holds a copy. The whole family ends.
    tx.Oidc().DeleteRefreshFamily(token->family_id);
    tx.Commit();
    throw InvalidGrant("The refresh token was already used.");
  }
  if (ctx_.clock.Now() >= token->expires_at) throw InvalidGrant("The refresh token has expired.");
  auto issued = Issue(tx, client, *token, {}, true);
  tx.Commit();
  return issued;
}

Tokens::Issued Tokens::Issue(Transaction& tx, const ClientRecord& client,
                             const RefreshTokenRecord& grant, const std::string& nonce,
                             bool with_refresh) {
  const auto member = AllowedMember(tx, client, grant.user_id);
  const auto user = tx.FindUserById(grant.user_id);
  const auto org = tx.FindOrganization(client.org_id);
  if (!member || !user || !org) {
    // Committed: the family stays dead even if the user may sign in again later.
    tx.Oidc().DeleteRefreshFamily(grant.family_id);
    tx.Commit();
    throw InvalidGrant("The user may no longer sign in to this application.");
  }
  const auto now = ctx_.clock.Now();
  const auto iat = Seconds(now);
  json::object access{{"iss", settings_.issuer},
                      {"sub", user->user.id},
                      {"aud", client.id},
                      {"client_id", client.id},
                      {"iat", iat},
                      {"exp", iat + Seconds(settings_.access_token_ttl)},
                      {"jti", NewId(ctx_.random)},
                      {"scope", grant.scope},
                      {"auth_time", Seconds(grant.auth_time)}};
  access["org_id"] = org->id;
  access["org_role"] = std::string(domain::ToString(member->role));
  json::object id{{"iss", settings_.issuer},
                  {"aud", client.id},
                  {"iat", iat},
                  {"exp", iat + Seconds(settings_.id_token_ttl)},
                  {"auth_time", Seconds(grant.auth_time)}};
  AddIdentity(id, *user, *member, *org);
  if (!nonce.empty()) id["nonce"] = nonce;
  Issued issued{{}, json::serialize(access), json::serialize(id)};
  auto& out = issued.response;
  out.expires_in = Seconds(settings_.access_token_ttl);
  out.scope = grant.scope;
  if (with_refresh) {
    auto next = grant;
    out.refresh_token = NewToken(ctx_.random);
    next.token_hash = HashToken(*out.refresh_token);
    next.created_at = now;
    next.expires_at = now + settings_.refresh_token_ttl;
    next.used = false;
    tx.Oidc().InsertRefreshToken(next);
  }
  return issued;
}

TokenResponse Tokens::Sign(Issued issued) {
  issued.response.access_token = keys_.Sign("at+jwt", issued.access_claims);
  issued.response.id_token = keys_.Sign("JWT", issued.id_claims);
  return std::move(issued.response);
}

std::string Tokens::UserInfo(std::string_view access_token) {
  const auto invalid = [] { return OAuthError("invalid_token", "The access token is not valid.", 401); };
  const auto verified = keys_.Verify(access_token);
  if (!verified || verified->typ != "at+jwt") throw invalid();
  json::object claims;
  try {
    claims = json::parse(verified->payload).as_object();
    if (claims.at("iss").as_string() != settings_.issuer ||
        claims.at("exp").to_number<std::int64_t>() <= Seconds(ctx_.clock.Now())) {
      throw invalid();
    }
  } catch (const std::exception&) {
    throw invalid();
  }
  const std::string user_id(claims.at("sub").as_string());
  const std::string client_id(claims.at("client_id").as_string());
  auto tx = ctx_.store.Begin(TxMode::kRead);
  const auto client = tx->Oidc().FindClient(client_id);
  const auto member = client ? AllowedMember(*tx, *client, user_id) : std::nullopt;
  const auto user = tx->FindUserById(user_id);
  const auto org = client ? tx->FindOrganization(client->org_id) : std::nullopt;
  if (!member || !user || !org) throw invalid();
  json::object out;
  AddIdentity(out, *user, *member, *org);
  return json::serialize(out);
}

void Tokens::Revoke(const ClientCredentials& credentials, std::string_view token) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto client = Authenticate(*tx, credentials);
  if (token.empty()) throw OAuthError("invalid_request", "token is missing.");
  if (token.size() > 128) return;
  const auto refresh = tx->Oidc().FindRefreshToken(HashToken(token));
  if (!refresh || refresh->client_id != client.id) return;
  tx->Oidc().DeleteRefreshFamily(refresh->family_id);
  tx->Commit();
}

std::optional<Tokens::HintedLogout> Tokens::VerifyIdTokenHint(std::string_view id_token) {
  const auto verified = keys_.Verify(id_token);
  if (!verified || verified->typ != "JWT") return std::nullopt;
  try {
    const auto claims = json::parse(verified->payload).as_object();
    if (claims.at("iss").as_string() != settings_.issuer) return std::nullopt;
    return HintedLogout{std::string(claims.at("aud").as_string()),
                        std::string(claims.at("sub").as_string())};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace roster::app
