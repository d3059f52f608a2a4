#pragma once
// The OpenID Connect provider's endpoints (no /api/v1 prefix): discovery, JWKS, authorize,
// token, userinfo, revocation, end-session. OAuth errors are RFC 6749 JSON, never problem+json.
#include "app/oidc/provider.hpp"
#include "app/oidc/signing_keys.hpp"
#include "app/oidc/tokens.hpp"
#include "http/types.hpp"

namespace roster::http {

struct ApiDeps;

struct OidcDeps {
  app::Provider& provider;
  app::Tokens& tokens;
  app::SigningKeys& keys;
  std::string discovery;  // DiscoveryDocument(), made once
};

// The Discovery 1.0 document of the provider.
std::string DiscoveryDocument(const app::OidcSettings& settings);

// True for the paths this provider serves.
bool IsOidcPath(std::string_view path);
boost::asio::awaitable<Response> HandleOidc(ApiDeps& deps, RequestContext& ctx);

// oidc_authorize.cpp
boost::asio::awaitable<Response> Authorize(ApiDeps& deps, RequestContext& ctx);
boost::asio::awaitable<Response> EndSession(ApiDeps& deps, RequestContext& ctx);

// Shared by both files.
Response HtmlPage(const Request& request, beast_http::status status, std::string_view title,
                  std::string_view message, std::string_view link = {},
                  std::string_view link_text = {});
Response Redirect(const Request& request, const std::string& location);
// An application/x-www-form-urlencoded body ('+' is a space) of at most 16 KiB; throws
// OAuthError("invalid_request") for another media type, a malformed or a repeated parameter.
std::unordered_map<std::string, std::string> ParseForm(const Request& request);
// The request's parameter `name` ("" when absent); throws OAuthError for a repeated one.
std::string Param(const std::unordered_map<std::string, std::string>& params,
                  const std::string& name);

}  // namespace roster::http
