#pragma once
// The request -> response function of Roster (no socket I/O here): routing, authentication,
// CSRF, the handlers, problem+json, pages and assets, security headers.
#include <boost/asio/thread_pool.hpp>
#include <string>

#include "app/account_links.hpp"
#include "app/accounts.hpp"
#include "app/invitations.hpp"
#include "app/organizations.hpp"
#include "app/sessions.hpp"
#include "domain/error.hpp"
#include "http/router.hpp"
#include "http/types.hpp"

namespace roster::http {

struct ApiDeps {
  app::Accounts& accounts;
  app::Organizations& organizations;
  app::Invitations& invitations;
  app::AccountLinks& account_links;
  app::Sessions& sessions;
  app::Store& store;
  boost::asio::thread_pool& db_pool;    // database work
  boost::asio::thread_pool& hash_pool;  // password hashing (signup, login, accept)
  bool secure_cookies = false;          // public URL is https
  int session_max_age_seconds = 30 * 24 * 3600;
  // State-changing requests (POST, PUT, PATCH, DELETE); null: db_pool. Its threads mostly wait
  // for the one writer, and the more are queued the more a SQLite group commit carries.
  boost::asio::thread_pool* write_pool = nullptr;
};

class Api {
 public:
  explicit Api(ApiDeps deps);

  // Answers one request. Never throws.
  boost::asio::awaitable<Response> Handle(const Request& request, std::string client_address,
                                          std::string request_id, std::string& route_for_log);
  const Router& router() const { return router_; }

 private:
  boost::asio::awaitable<Response> HandleApi(RequestContext& ctx);
  // Sets ctx.principal or throws unauthenticated / csrf_failed. Database work: runs on db_pool.
  void Authenticate(RequestContext& ctx);

  ApiDeps deps_;
  Router router_;
};

// Route groups, one file each.
void AddAccountRoutes(Router& router, ApiDeps& deps);
void AddOrganizationRoutes(Router& router, ApiDeps& deps);
void AddInvitationRoutes(Router& router, ApiDeps& deps);
void AddInfoRoutes(Router& router, ApiDeps& deps);  // info_handlers.cpp
void AddAccountLinkRoutes(Router& router, ApiDeps& deps);
void AddSessionRoutes(Router& router, ApiDeps& deps);

// Response helpers shared by the handlers.
Response JsonResponse(const Request& request, beast_http::status status, std::string body);
Response EmptyResponse(const Request& request, beast_http::status status);
// Adds the session and CSRF cookies of a new session.
void SetSessionCookies(Response& response, const ApiDeps& deps, const std::string& session_token,
                       const std::string& csrf_token);
void ClearSessionCookies(Response& response, const ApiDeps& deps);
// The value of cookie `name` in the request, or "".
std::string CookieValue(const Request& request, std::string_view name);

// Throws admin_required / not_a_member / ... unless the caller administers {org_id}.
void RequireAdminAccess(ApiDeps& deps, const RequestContext& ctx);

// Runs the work of an admin-only route. When it succeeds, the use case has already checked
// access inside its own transaction, so no extra one is spent. When anything is refused, access
// is checked first: an outsider gets 403, never a validation or conflict answer about a
// resource it may not touch. Database work (DbHandler code only).
template <class Handle>
Response AdminOnly(ApiDeps& deps, const RequestContext& ctx, Handle handle) {
  try {
    return handle();
  } catch (const domain::Error&) {
    RequireAdminAccess(deps, ctx);  // an access refusal replaces the error
    throw;
  }
}

// The client address and user agent of the request, recorded with a new session.
app::ClientInfo ClientOf(const RequestContext& ctx);

// Query helpers: limit (1..200, default 50) and enum values; bad values throw validation_failed.
int QueryLimit(const RequestContext& ctx);
std::string QueryString(const RequestContext& ctx, const std::string& name);

}  // namespace roster::http
