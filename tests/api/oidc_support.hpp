#pragma once
// Building blocks for the OpenID Connect API tests: an organization with a confidential and a
// public client, form posts, authorization requests made with a member's session, and the
// check that an answer is an RFC 6749 error (never problem+json, never a 500).
#include <map>
#include <string>

#include "api_helpers.hpp"
#include "app/oidc/clients.hpp"
#include "harness.hpp"

namespace roster::testing::oidc {

inline constexpr const char* kCallback = "https://rp.test/callback";
inline constexpr const char* kLoggedOut = "https://rp.test/bye";
// RFC 7636 appendix B.
inline constexpr const char* kVerifier = "dBjftJeZ4CVP-mJ0kzJ7XVSqo5tDKRs1ia8-5yMdhKyCb7Uk1Q";

using Params = std::map<std::string, std::string>;

// `path` with `params` form-encoded as its query.
std::string WithQuery(const std::string& path, const Params& params);
std::string FormEncode(const Params& params);

struct OidcWorld {
  explicit OidcWorld(TestServer& server);
  TestServer& server;
  api::Account admin;
  api::Account member;
  app::CreatedClient confidential;
  app::CreatedClient public_client;

  app::CreatedClient Register(const app::ClientSpec& spec);
  // The usual authorization request of `client_id` with PKCE S256 of kVerifier; `extra`
  // overrides or adds parameters (an empty value drops one).
  std::string AuthorizeTarget(const std::string& client_id, const Params& extra = {}) const;
  // Authorizes with `who`'s session and returns the code; throws when no code comes back.
  std::string CodeOk(api::Account& who, const std::string& client_id, const Params& extra = {});
  // POST /oauth/token (or another path) as a form, with an optional Basic client.
  HttpResult Form(const std::string& path, const Params& fields,
                  std::map<std::string, std::string> headers = {});
  // The code exchanged by the confidential client (client_secret_basic).
  HttpResult Exchange(const std::string& code, const Params& extra = {});
  std::map<std::string, std::string> Basic(const app::CreatedClient& client) const;
};

std::map<std::string, std::string> BasicHeader(const std::string& id, const std::string& secret);

// The query parameters of a Location header ("" values when absent).
Params QueryOf(const std::string& location);

// Expects an RFC 6749 JSON error: `status`, application/json, "error" == `error` and a
// non-empty "error_description", no problem+json fields, no-store caching.
void ExpectOAuthError(const HttpResult& r, int status, const std::string& error,
                      const std::string& what);

}  // namespace roster::testing::oidc
