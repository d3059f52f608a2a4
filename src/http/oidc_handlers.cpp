// Discovery, JWKS, token, userinfo and revocation; the dispatch of every OAuth path.
#include <boost/beast/core/detail/base64.hpp>
#include <boost/json.hpp>
#include <boost/url.hpp>

#include "http/api.hpp"
#include "http/oidc_http.hpp"
#include "http/offload.hpp"

namespace roster::http {
namespace {

namespace json = boost::json;
using app::OAuthError;

constexpr std::size_t kMaxFormBody = 16 * 1024;

Response OAuthJson(const Request& request, beast_http::status status, std::string body) {
  auto res = JsonResponse(request, status, std::move(body));
  res.set(beast_http::field::pragma, "no-cache");
  return res;
}

Response OAuthErrorResponse(const Request& request, const OAuthError& e, bool basic) {
  json::object body{{"error", e.error()}, {"error_description", e.what()}};
  auto res = OAuthJson(request, static_cast<beast_http::status>(e.status()), json::serialize(body));
  if (e.status() == 401) {
    res.set(beast_http::field::www_authenticate,
            basic ? "Basic realm=\"roster\"" : "Bearer error=\"" + e.error() + "\"");
  }
  return res;
}

}  // namespace

std::string DiscoveryDocument(const app::OidcSettings& s) {
  const auto& iss = s.issuer;
  json::object doc{
      {"issuer", iss},
      {"authorization_endpoint", iss + "/oauth/authorize"},
      {"token_endpoint", iss + "/oauth/token"},
      {"userinfo_endpoint", iss + "/oauth/userinfo"},
      {"jwks_uri", iss + "/oauth/jwks"},
      {"revocation_endpoint", iss + "/oauth/revoke"},
      {"end_session_endpoint", iss + "/oauth/logout"},
      {"response_types_supported", json::array{"code"}},
      {"response_modes_supported", json::array{"query"}},
      {"grant_types_supported", json::array{"authorization_code", "refresh_token"}},
      {"subject_types_supported", json::array{"public"}},
      {"id_token_signing_alg_values_supported", json::array{"RS256"}},
      {"scopes_supported", json::array{"openid", "profile", "email", "offline_access"}},
      {"token_endpoint_auth_methods_supported",
       json::array{"client_secret_basic", "client_secret_post", "none"}},
      {"revocation_endpoint_auth_methods_supported",
       json::array{"client_secret_basic", "client_secret_post", "none"}},
      {"code_challenge_methods_supported", json::array{"S256"}},
      {"prompt_values_supported", json::array{"none", "login"}},
      {"claims_supported",
       json::array{"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "email",
                   "email_verified", "preferred_username", "org_id", "org_name", "org_role"}},
      {"authorization_response_iss_parameter_supported", true},
      {"claims_parameter_supported", false},
      {"request_parameter_supported", false},
      {"request_uri_parameter_supported", false}};
  return json::serialize(doc);
}

std::unordered_map<std::string, std::string> ParseForm(const Request& request) {
  auto type = std::string(request[beast_http::field::content_type]);
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  if (!boost::beast::iequals(type, "application/x-www-form-urlencoded")) {
    throw OAuthError("invalid_request", "Send the body as application/x-www-form-urlencoded.");
  }
  if (request.body().size() > kMaxFormBody) throw OAuthError("invalid_request", "Body too large.");
  auto query = boost::urls::parse_query(request.body());
  if (!query) throw OAuthError("invalid_request", "The form body is malformed.");
  std::unordered_map<std::string, std::string> form;
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (const auto& param : *query) {
    std::string key = param.key.decode(opts);
    std::string value = param.has_value ? param.value.decode(opts) : std::string();
    if (!form.emplace(std::move(key), std::move(value)).second) {
      throw OAuthError("invalid_request", "A parameter is repeated.");
    }
  }
  return form;
}

namespace {

std::string FormDecode(std::string_view text) {
  auto pct = boost::urls::make_pct_string_view(text);
  if (!pct) throw OAuthError("invalid_client", "Malformed client credentials.", 401);
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  return pct->decode(opts);
}

// client_secret_basic (RFC 6749 2.3.1: form-encoded id and secret) or client_secret_post/none.
app::ClientCredentials Credentials(const Request& request,
                                   const std::unordered_map<std::string, std::string>& form) {
  app::ClientCredentials out;
  const auto authorization = request[beast_http::field::authorization];
  if (authorization.starts_with("Basic ")) {
    const auto encoded = authorization.substr(6);
    std::string decoded(boost::beast::detail::base64::decoded_size(encoded.size()), '\0');
    decoded.resize(
        boost::beast::detail::base64::decode(decoded.data(), encoded.data(), encoded.size()).first);
    const auto colon = decoded.find(':');
    if (colon == std::string::npos || form.contains("client_secret")) {
      throw OAuthError("invalid_client", "Malformed client credentials.", 401);
    }
    out.client_id = FormDecode(std::string_view(decoded).substr(0, colon));
    out.secret = FormDecode(std::string_view(decoded).substr(colon + 1));
    out.via_basic = true;
    return out;
  }
  out.client_id = Param(form, "client_id");
  if (form.contains("client_secret")) out.secret = Param(form, "client_secret");
  return out;
}

Response TokenJson(const Request& request, const app::TokenResponse& t) {
  json::object body{{"access_token", t.access_token}, {"token_type", "Bearer"},
                    {"expires_in", t.expires_in},     {"id_token", t.id_token},
                    {"scope", t.scope}};
  if (t.refresh_token) body["refresh_token"] = *t.refresh_token;
  return OAuthJson(request, beast_http::status::ok, json::serialize(body));
}

Response Token(ApiDeps& deps, RequestContext& ctx) {
  if (ctx.request.method() != beast_http::verb::post) {
    throw OAuthError("invalid_request", "Use POST.", 405);
  }
  const auto form = ParseForm(ctx.request);
  app::TokenRequest request{Credentials(ctx.request, form), Param(form, "grant_type"),
                            Param(form, "code"),            Param(form, "redirect_uri"),
                            Param(form, "code_verifier"),   Param(form, "refresh_token")};
  return TokenJson(ctx.request, deps.oidc->tokens.Exchange(request));
}

Response UserInfo(ApiDeps& deps, RequestContext& ctx) {
  const auto authorization = ctx.request[beast_http::field::authorization];
  if (!authorization.starts_with("Bearer ")) {
    throw OAuthError("invalid_token", "Send the access token as a Bearer token.", 401);
  }
  const auto body = deps.oidc->tokens.UserInfo(authorization.substr(7));
  return OAuthJson(ctx.request, beast_http::status::ok, body);
}

Response Revoke(ApiDeps& deps, RequestContext& ctx) {
  if (ctx.request.method() != beast_http::verb::post) {
    throw OAuthError("invalid_request", "Use POST.", 405);
  }
  const auto form = ParseForm(ctx.request);
  deps.oidc->tokens.Revoke(Credentials(ctx.request, form), Param(form, "token"));
  return EmptyResponse(ctx.request, beast_http::status::ok);
}

}  // namespace

bool IsOidcPath(std::string_view path) {
  return path == "/.well-known/openid-configuration" || path.starts_with("/oauth/");
}

std::string Param(const std::unordered_map<std::string, std::string>& params,
                  const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

boost::asio::awaitable<Response> HandleOidc(ApiDeps& deps, RequestContext& ctx) {
  ctx.route = ctx.path;  // never the query: it may carry codes
  const auto& request = ctx.request;
  // The challenge names the scheme the endpoint takes: Basic for client authentication,
  // Bearer at userinfo whatever the caller sent.
  const bool basic = ctx.path != "/oauth/userinfo" &&
                     request[beast_http::field::authorization].starts_with("Basic ");
  try {
    if (!deps.oidc) throw OAuthError("not_found", "No such endpoint.", 404);
    if (ctx.path == "/.well-known/openid-configuration") {
      co_return OAuthJson(request, beast_http::status::ok, deps.oidc->discovery);
    }
    if (ctx.path == "/oauth/jwks") {
      auto body = co_await Offload(deps.db_pool, [&] { return deps.oidc->keys.JwksJson(); });
      auto res = JsonResponse(request, beast_http::status::ok, std::move(body));
      res.set(beast_http::field::cache_control, "max-age=60");
      co_return res;
    }
    if (ctx.path == "/oauth/authorize") co_return co_await Authorize(deps, ctx);
    if (ctx.path == "/oauth/logout") co_return co_await EndSession(deps, ctx);
    auto& pool = deps.write_pool ? *deps.write_pool : deps.db_pool;
    if (ctx.path == "/oauth/token") co_return co_await Offload(pool, [&] { return Token(deps, ctx); });
    if (ctx.path == "/oauth/revoke") co_return co_await Offload(pool, [&] { return Revoke(deps, ctx); });
    if (ctx.path == "/oauth/userinfo") {
      co_return co_await Offload(deps.db_pool, [&] { return UserInfo(deps, ctx); });
    }
    throw OAuthError("not_found", "No such endpoint.", 404);
  } catch (const OAuthError& e) {
    co_return OAuthErrorResponse(request, e, basic);
  }
}

}  // namespace roster::http
