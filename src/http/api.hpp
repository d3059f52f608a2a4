#pragma once
// The request -> response function of Roster (no socket I/O here): routing, authentication,
// CSRF, the handlers, problem+json, pages and assets, security headers.
#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <string>

#include "app/account_links.hpp"
#include "app/accounts.hpp"
#include "app/invitations.hpp"
#include "app/oidc/clients.hpp"
#include "app/organizations.hpp"
#include "app/sessions.hpp"
#include "http/return_hosts.hpp"
#include "http/router.hpp"
#include "http/types.hpp"
#include "metrics/metrics.hpp"

namespace roster::http {

class BoundedPool;  // http/offload.hpp
struct OidcDeps;    // http/oidc_http.hpp

struct ApiDeps {
  app::Accounts& accounts;
  app::Organizations& organizations;
  app::Invitations& invitations;
  app::AccountLinks& account_links;
  app::Sessions& sessions;
  app::Store& store;
  boost::asio::thread_pool& db_pool;    // database work
  BoundedPool& hash_pool;  // password hashing (signup, login, accept): bounded queue, then 503
  bool secure_cookies = false;          // public URL is https
  int session_max_age_seconds = 30 * 24 * 3600;
  // State-changing requests (POST, PUT, PATCH, DELETE); null: db_pool. Its threads mostly wait
  // for the one writer, and the more are queued the more a SQLite group commit carries.
  boost::asio::thread_pool* write_pool = nullptr;
  // ROSTER_METRICS_TOKEN: GET /metrics answers only a bearer of it; empty: it is an unknown path.
  std::string metrics_token;
  std::string public_url = "http://127.0.0.1:8080";  // no trailing slash
  std::string cookie_domain;  // ROSTER_COOKIE_DOMAIN: the cookies' Domain; empty: host-only
  ReturnHosts return_hosts;   // ROSTER_ALLOWED_RETURN_HOSTS
  OidcDeps* oidc = nullptr;  // the OpenID Connect provider (oidc_http.hpp); null: not served
  app::Clients* applications = nullptr;  // null: /orgs/{org_id}/applications is not served
};

class Api {
 public:
  explicit Api(ApiDeps deps);

  // Answers one request. Never throws.
  boost::asio::awaitable<Response> Handle(const Request& request, std::string client_address,
                                          std::string request_id, std::string& route_for_log);
  const Router& router() const { return router_; }
  // Counts one answered request under its route pattern (`route` as Handle reported it).
  void RecordRequest(std::string_view method, const std::string& route, int status,
                     double seconds) {
    request_metrics_->Record(method, route, status, seconds);
  }

 private:
  boost::asio::awaitable<Response> HandleApi(RequestContext& ctx);
  // Sets ctx.principal (with its membership when `with_membership`) or throws unauthenticated /
  // csrf_failed. Database work: runs on db_pool.
  void Authenticate(RequestContext& ctx, bool with_membership);

  ApiDeps deps_;
  Router router_;
  std::unique_ptr<metrics::RequestMetrics> request_metrics_;  // one series per route
};

// Handlers are named functions of the dependencies and the request; AddRoute binds one to its
// route. A public handler is a coroutine that offloads its own blocking work; the others run on
// the database pool (see DbHandler).
using DbRoute = Response (*)(ApiDeps& deps, RequestContext& ctx);
using PublicRoute = boost::asio::awaitable<Response> (*)(ApiDeps& deps, RequestContext& ctx);
void AddRoute(Router& router, ApiDeps& deps, beast_http::verb method, std::string pattern,
              Access access, DbRoute handler);
void AddRoute(Router& router, ApiDeps& deps, beast_http::verb method, std::string pattern,
              PublicRoute handler);

// Route groups, one file each.
void AddAccountRoutes(Router& router, ApiDeps& deps);
void AddOrganizationRoutes(Router& router, ApiDeps& deps);
void AddInvitationRoutes(Router& router, ApiDeps& deps);
void AddInfoRoutes(Router& router, ApiDeps& deps);  // info_handlers.cpp
void AddAccountLinkRoutes(Router& router, ApiDeps& deps);
void AddSessionRoutes(Router& router, ApiDeps& deps);
// GET /auth/forward (forward_auth.cpp): outside /api/v1, for reverse proxies.
boost::asio::awaitable<Response> HandleForwardAuth(ApiDeps& deps, RequestContext& ctx);

// GET /metrics (metrics_handler.cpp): whether the request carries the metrics token, and the
// Prometheus text of the counters.
bool MetricsAuthorized(const Request& request, const std::string& token);
boost::asio::awaitable<Response> MetricsResponse(const RequestContext& ctx, ApiDeps& deps,
                                                 const metrics::RequestMetrics& requests);

void AddApplicationRoutes(Router& router, ApiDeps& deps);  // application_handlers.cpp

// Response helpers shared by the handlers.
Response JsonResponse(const Request& request, beast_http::status status, std::string body);
Response EmptyResponse(const Request& request, beast_http::status status);
// Adds the session and CSRF cookies of a new session.
void SetSessionCookies(Response& response, const ApiDeps& deps, const std::string& session_token,
                       const std::string& csrf_token);
void ClearSessionCookies(Response& response, const ApiDeps& deps);
// The value of cookie `name` in the request, or "".
std::string CookieValue(const Request& request, std::string_view name);

// The client address and user agent of the request, recorded with a new session.
app::ClientInfo ClientOf(const RequestContext& ctx);

// Query helpers: limit (1..200, default 50) and enum values; bad values throw validation_failed.
int QueryLimit(const RequestContext& ctx);
std::string QueryString(const RequestContext& ctx, const std::string& name);

}  // namespace roster::http
