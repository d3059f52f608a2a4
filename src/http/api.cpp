#include "http/api.hpp"

#include <spdlog/spdlog.h>

#include <boost/url.hpp>
#include <charconv>

#include "apidoc/openapi_json.hpp"
#include "app/access.hpp"
#include "app/security.hpp"
#include "http/offload.hpp"
#include "http/oidc_http.hpp"
#include "http/pages.hpp"
#include "http/problem_json.hpp"

namespace roster::http {

using domain::Error;
using domain::ErrorCode;

namespace {

constexpr std::string_view kApiPrefix = "/api/v1";
constexpr std::string_view kApiDocumentPath = "/api/v1/openapi.json";
constexpr std::string_view kMetricsPath = "/metrics";

bool IsStateChanging(beast_http::verb method) {
  return method == beast_http::verb::post || method == beast_http::verb::put ||
         method == beast_http::verb::patch || method == beast_http::verb::delete_;
}

void AddSecurityHeaders(Response& res) {
  res.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
          "form-action 'self'; frame-ancestors 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");  // invitation links carry their token in the path
  res.set("X-Frame-Options", "DENY");
}

// Splits the target into a decoded path and query map; false if the target is not a valid URL.
bool ParseTarget(std::string_view target, RequestContext& ctx) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return false;
  ctx.path = std::string(url->path());
  for (const auto& param : url->params()) {
    ctx.query.emplace(std::string(param.key), std::string(param.value));
  }
  return true;
}

// GET /api/v1/openapi.json: the project's API document, embedded at build time.
Response ApiDocumentResponse(const RequestContext& ctx) {
  const auto method = ctx.request.method();
  if (method != beast_http::verb::get && method != beast_http::verb::head) {
    throw Error(ErrorCode::kMethodNotAllowed, "Method not allowed here.");
  }
  auto res = JsonResponse(ctx.request, beast_http::status::ok, std::string(apidoc::kOpenApiJson));
  res.set(beast_http::field::cache_control, "no-cache");
  return res;
}

// application/json, with or without parameters ("; charset=utf-8"), in any letter case.
bool IsJsonMediaType(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && (content_type.back() == ' ' || content_type.back() == '\t')) {
    content_type.remove_suffix(1);
  }
  while (!content_type.empty() && (content_type.front() == ' ' || content_type.front() == '\t')) {
    content_type.remove_prefix(1);
  }
  return boost::beast::iequals(content_type, "application/json");
}

// Member and admin routes: the caller's membership (read with the credential) must pass.
void CheckAccess(RequestContext& ctx, Access access) {
  if (access != Access::kMember && access != Access::kAdmin) return;
  const auto& membership = ctx.principal->membership;
  const auto& org_id = ctx.params.at("org_id");
  ctx.member = access == Access::kAdmin ? &app::RequireAdmin(membership, org_id)
                                        : &app::RequireMember(membership, org_id);
}

}  // namespace

Api::Api(ApiDeps deps) : deps_(deps) {
  AddAccountRoutes(router_, deps_);
  AddOrganizationRoutes(router_, deps_);
  AddInvitationRoutes(router_, deps_);
  AddInfoRoutes(router_, deps_);
  AddAccountLinkRoutes(router_, deps_);
  AddSessionRoutes(router_, deps_);
  if (deps_.applications) AddApplicationRoutes(router_, deps_);
  std::vector<metrics::RequestMetrics::RouteKey> routes;
  for (const auto& route : router_.routes()) {
    routes.push_back({std::string(beast_http::to_string(route.method)),
                      std::string(kApiPrefix) + route.pattern});
  }
  for (std::string_view path : {std::string_view("/healthz"), std::string_view("/readyz"),
                                kApiDocumentPath, kMetricsPath}) {
    routes.push_back({"GET", std::string(path)});
  }
  request_metrics_ = std::make_unique<metrics::RequestMetrics>(routes);
}

void Api::Authenticate(RequestContext& ctx, bool with_membership) {
  const auto authorization = ctx.request[beast_http::field::authorization];
  if (authorization.starts_with("Bearer ")) {
    ctx.principal = deps_.accounts.AuthenticateBearer(authorization.substr(7), with_membership);
    if (!ctx.principal) throw Error(ErrorCode::kUnauthenticated, "The API token is not valid.");
    return;
  }
  const std::string session = CookieValue(ctx.request, "roster_session");
  if (!session.empty() && session.size() <= 128) {
    ctx.principal = deps_.accounts.AuthenticateSession(session, with_membership);
  }
  if (!ctx.principal) throw Error(ErrorCode::kUnauthenticated, "Log in to continue.");
  if (IsStateChanging(ctx.request.method())) {
    // Double submit: the header must equal the roster_csrf cookie set with the session.
    const std::string cookie = CookieValue(ctx.request, "roster_csrf");
    const auto header = ctx.request["X-CSRF-Token"];
    if (cookie.empty() || !app::SecureEquals(cookie, header)) {
      throw Error(ErrorCode::kCsrfFailed,
                  "Missing or wrong X-CSRF-Token header (it must equal the roster_csrf cookie).");
    }
  }
}

boost::asio::awaitable<Response> Api::HandleApi(RequestContext& ctx) {
  const auto sub_path = std::string_view(ctx.path).substr(kApiPrefix.size());
  auto match = router_.Find(ctx.request.method(), sub_path, ctx.params);
  if (!match.route) {
    if (match.path_known) throw Error(ErrorCode::kMethodNotAllowed, "Method not allowed here.");
    throw Error(ErrorCode::kNotFound, "No such endpoint.");
  }
  ctx.route = std::string(kApiPrefix) + match.route->pattern;
  // Only JSON bodies: a cross-site form can post text/plain, never application/json.
  if (!ctx.request.body().empty() &&
      !IsJsonMediaType(ctx.request[beast_http::field::content_type])) {
    throw Error(ErrorCode::kUnsupportedMediaType,
                "Send the request body as JSON, with Content-Type: application/json.");
  }
  const Route& route = *match.route;
  if (route.access == Access::kPublic) co_return co_await route.handler(ctx);
  auto& pool =
      IsStateChanging(ctx.request.method()) && deps_.write_pool ? *deps_.write_pool : deps_.db_pool;
  co_return co_await Offload(pool, [&] {
    Authenticate(ctx, route.access != Access::kSignedIn);
    CheckAccess(ctx, route.access);
    return route.db_handler(ctx);
  });
}

boost::asio::awaitable<Response> Api::Handle(const Request& request, std::string client_address,
                                             std::string request_id, std::string& route_for_log) {
  RequestContext ctx{request, {}, {}, {}, std::move(client_address), std::move(request_id),
                     std::nullopt, {}};
  Response response;
  try {
    if (!ParseTarget(request.target(), ctx)) {
      throw Error(ErrorCode::kBadRequest, "The request target is not a valid path.");
    }
    if (ctx.path == kApiDocumentPath) {
      ctx.route = ctx.path;
      response = ApiDocumentResponse(ctx);
    } else if (ctx.path == kApiPrefix || ctx.path.starts_with(std::string(kApiPrefix) + "/")) {
      response = co_await HandleApi(ctx);
    } else if (ctx.path == "/auth/forward") {
      ctx.route = ctx.path;
      response = co_await HandleForwardAuth(deps_, ctx);
    } else if (IsOidcPath(ctx.path)) {
      ctx.route = ctx.path;
      response = co_await HandleOidc(deps_, ctx);
    } else if (ctx.path == "/healthz" || ctx.path == "/readyz") {
      ctx.route = ctx.path;
      response = co_await HandleHealth(ctx, deps_.store, deps_.db_pool);
    } else if (ctx.path == kMetricsPath && MetricsAuthorized(request, deps_.metrics_token)) {
      ctx.route = ctx.path;
      response = co_await MetricsResponse(ctx, deps_, *request_metrics_);
    } else {
      response = ServePage(ctx);
    }
  } catch (const Error& error) {
    response = ProblemResponse(error, request.version(), request.keep_alive());
  } catch (const std::exception& e) {
    spdlog::error("request {} {} failed: {}", ctx.request_id, ctx.route, e.what());
    response = ProblemResponse(Error(ErrorCode::kInternal, "Something went wrong on our side."),
                               request.version(), request.keep_alive());
  }
  if (ctx.route.empty()) ctx.route = RedactedPath(ctx.path);
  route_for_log = ctx.route;
  response.set("X-Request-Id", ctx.request_id);
  AddSecurityHeaders(response);
  if (!response.has_content_length()) response.prepare_payload();
  co_return response;
}

// ---- helpers shared by the handlers ----

Response JsonResponse(const Request& request, beast_http::status status, std::string body) {
  Response res{status, request.version()};
  res.set(beast_http::field::content_type, "application/json");
  res.set(beast_http::field::cache_control, "no-store");
  res.keep_alive(request.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response EmptyResponse(const Request& request, beast_http::status status) {
  Response res{status, request.version()};
  res.set(beast_http::field::cache_control, "no-store");
  res.keep_alive(request.keep_alive());
  res.prepare_payload();
  return res;
}

namespace {
std::string CookieAttributes(const ApiDeps& deps, int max_age, bool http_only) {
  std::string attrs = "; Path=/; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (!deps.cookie_domain.empty()) attrs += "; Domain=" + deps.cookie_domain;
  if (http_only) attrs += "; HttpOnly";
  if (deps.secure_cookies) attrs += "; Secure";
  return attrs;
}
}  // namespace

void SetSessionCookies(Response& res, const ApiDeps& deps, const std::string& session_token,
                       const std::string& csrf_token) {
  res.insert(beast_http::field::set_cookie,
             "roster_session=" + session_token +
                 CookieAttributes(deps, deps.session_max_age_seconds, true));
  res.insert(beast_http::field::set_cookie,
             "roster_csrf=" + csrf_token + CookieAttributes(deps, deps.session_max_age_seconds, false));
}

void ClearSessionCookies(Response& res, const ApiDeps& deps) {
  res.insert(beast_http::field::set_cookie, "roster_session=" + CookieAttributes(deps, 0, true));
  res.insert(beast_http::field::set_cookie, "roster_csrf=" + CookieAttributes(deps, 0, false));
}

std::string CookieValue(const Request& request, std::string_view name) {
  for (auto it = request.find(beast_http::field::cookie);
       it != request.end() && it->name() == beast_http::field::cookie; ++it) {
    std::string_view header = it->value();
    while (!header.empty()) {
      const auto semi = header.find(';');
      auto pair = header.substr(0, semi);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
        return std::string(pair.substr(eq + 1));
      }
      if (semi == std::string_view::npos) break;
      header.remove_prefix(semi + 1);
    }
  }
  return {};
}

void AddRoute(Router& router, ApiDeps& deps, beast_http::verb method, std::string pattern,
              Access access, DbRoute handler) {
  router.Add(method, std::move(pattern), access,
             DbHandler([&deps, handler](RequestContext& ctx) { return handler(deps, ctx); }));
}

void AddRoute(Router& router, ApiDeps& deps, beast_http::verb method, std::string pattern,
              PublicRoute handler) {
  router.Add(method, std::move(pattern), Access::kPublic,
             Handler([&deps, handler](RequestContext& ctx) { return handler(deps, ctx); }));
}

app::ClientInfo ClientOf(const RequestContext& ctx) {
  return app::ClientInfo{ctx.client_address, std::string(ctx.request[beast_http::field::user_agent])};
}

int QueryLimit(const RequestContext& ctx) {
  auto it = ctx.query.find("limit");
  if (it == ctx.query.end()) return app::kDefaultPageLimit;
  int limit = 0;
  const auto& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
  if (ec != std::errc{} || end != text.data() + text.size()) limit = -1;
  app::CheckLimit(limit);
  return limit;
}

std::string QueryString(const RequestContext& ctx, const std::string& name) {
  auto it = ctx.query.find(name);
  return it == ctx.query.end() ? std::string() : it->second;
}

}  // namespace roster::http
