#pragma once
// The token side of the provider: the token endpoint (authorization_code with PKCE,
// refresh_token with rotation and reuse detection), userinfo, revocation (RFC 7009) and the
// id_token_hint of RP-initiated logout. Tokens are RS256 JWTs: ID tokens and RFC 9068 access
// tokens; refresh tokens are opaque and stored hashed.
#include <optional>
#include <stdexcept>
#include <string>

#include "app/context.hpp"
#include "app/oidc/provider.hpp"
#include "app/oidc/signing_keys.hpp"

namespace roster::app {

// An RFC 6749 error: {"error": code, "error_description": ...} with `status`.
class OAuthError : public std::runtime_error {
 public:
  OAuthError(std::string error, std::string description, int status = 400)
      : std::runtime_error(description), error_(std::move(error)), status_(status) {}
  const std::string& error() const { return error_; }
  int status() const { return status_; }

 private:
  std::string error_;
  int status_;
};

// How the client authenticated at the token or revocation endpoint.
struct ClientCredentials {
  std::string client_id;
  std::optional<std::string> secret;  // client_secret_basic or client_secret_post
  bool via_basic = false;
};

struct TokenRequest {
  ClientCredentials client;
  std::string grant_type;
  std::string code;
  std::string redirect_uri;
  std::string code_verifier;
  std::string refresh_token;
};

struct TokenResponse {
  std::string access_token;
  std::string id_token;
  std::optional<std::string> refresh_token;
  std::int64_t expires_in = 0;
  std::string scope;
};

class Tokens {
 public:
  Tokens(AppContext& ctx, const OidcSettings& settings, SigningKeys& keys)
      : ctx_(ctx), settings_(settings), keys_(keys) {}

  // Throws OAuthError.
  TokenResponse Exchange(const TokenRequest& request);
  // The claims of the access token's user as JSON; throws OAuthError("invalid_token", ..., 401)
  // for a bad or expired token or a caller who is no longer an ACTIVE member.
  std::string UserInfo(std::string_view access_token);
  // RFC 7009: a refresh token of this client ends with its family; anything else is ignored.
  void Revoke(const ClientCredentials& client, std::string_view token);
  // The client_id and subject of an ID token this provider signed (expired ones too), or nullopt.
  struct HintedLogout {
    std::string client_id;
    std::string user_id;
  };
  std::optional<HintedLogout> VerifyIdTokenHint(std::string_view id_token);

 private:
  // What a grant issues, decided in its transaction; the two JWTs are signed after it commits,
  // so no writer waits on RSA.
  struct Issued {
    TokenResponse response;  // without access_token and id_token
    std::string access_claims;
    std::string id_claims;
  };

  ClientRecord Authenticate(Transaction& tx, const ClientCredentials& credentials);
  Issued ExchangeCode(Transaction& tx, const ClientRecord& client, const TokenRequest& r);
  Issued Refresh(Transaction& tx, const ClientRecord& client, const TokenRequest& r);
  // The tokens of `grant` for the member as the store has them now.
  Issued Issue(Transaction& tx, const ClientRecord& client, const RefreshTokenRecord& grant,
               const std::string& nonce, bool with_refresh);
  TokenResponse Sign(Issued issued);

  AppContext& ctx_;
  OidcSettings settings_;
  SigningKeys& keys_;
};

}  // namespace roster::app
