// GET /auth/forward: the subrequest of nginx auth_request, Traefik ForwardAuth and Caddy
// forward_auth. Answers from the session cookie and the membership read with it, in one hop to
// the database pool: 204 with X-Roster-* headers for an ACTIVE member that passes ?org= and
// ?role=, 401 (or 302 to the login page with ?redirect=1) without a live session, 403 otherwise.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "app/access.hpp"
#include "http/api.hpp"
#include "http/offload.hpp"

namespace roster::http {

using domain::Error;
using domain::ErrorCode;

namespace {

// The URL the proxy was asked for: X-Forwarded-Proto/-Host/-Uri (Traefik, Caddy) or
// X-Original-URL (nginx). Any client can send these; the result is only ever a return_to, kept
// to ROSTER_ALLOWED_RETURN_HOSTS, which a link to the login page could name as well.
std::string OriginalUrl(const Request& request) {
  const auto host = request["X-Forwarded-Host"];
  if (host.empty()) return std::string(request["X-Original-URL"]);
  const auto proto = request["X-Forwarded-Proto"];
  auto uri = request["X-Forwarded-Uri"];
  if (uri.empty()) uri = "/";
  if ((proto != "http" && proto != "https") || uri.front() != '/') return {};
  return std::string(proto) + "://" + std::string(host) + std::string(uri);
}

Response LoginRedirect(const ApiDeps& deps, const RequestContext& ctx) {
  std::string location = deps.public_url + "/login";
  if (auto back = deps.return_hosts.Check(OriginalUrl(ctx.request))) {
    location += "?return_to=" + boost::urls::encode(*back, boost::urls::unreserved_chars);
  }
  Response res = EmptyResponse(ctx.request, beast_http::status::found);
  res.set(beast_http::field::location, location);
  return res;
}

// ?role=USER|ADMIN (the least role let in) and ?org=ID; bad values are a proxy misconfiguration.
std::optional<domain::Role> WantedRole(const RequestContext& ctx) {
  const auto text = QueryString(ctx, "role");
  if (text.empty()) return std::nullopt;
  auto role = domain::ParseRole(text);
  if (!role) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.",
                {domain::FieldError{"role", "invalid", "role must be USER or ADMIN"}});
  }
  return role;
}

Response Granted(const RequestContext& ctx, const domain::Member& member) {
  Response res = EmptyResponse(ctx.request, beast_http::status::no_content);
  res.set("X-Roster-User-Id", member.user_id);
  res.set("X-Roster-Username", member.username);
  res.set("X-Roster-Email", member.email);
  res.set("X-Roster-Org-Id", member.org_id);
  res.set("X-Roster-Role", domain::ToString(member.role));
  return res;
}

}  // namespace

boost::asio::awaitable<Response> HandleForwardAuth(ApiDeps& deps, RequestContext& ctx) {
  const auto method = ctx.request.method();
  if (method != beast_http::verb::get && method != beast_http::verb::head) {
    throw Error(ErrorCode::kMethodNotAllowed, "Method not allowed here.");
  }
  const auto role = WantedRole(ctx);
  const auto org = QueryString(ctx, "org");
  const bool redirect = QueryString(ctx, "redirect") == "1";
  const std::string session = CookieValue(ctx.request, "roster_session");
  co_return co_await Offload(deps.db_pool, [&] {
    std::optional<app::Principal> principal;
    if (!session.empty() && session.size() <= 128) {
      principal = deps.accounts.AuthenticateSession(session, /*with_membership=*/true);
    }
    if (!principal) {
      if (redirect) return LoginRedirect(deps, ctx);
      throw Error(ErrorCode::kUnauthenticated, "Log in to continue.");
    }
    const auto& membership = principal->membership;
    const std::string org_id = !org.empty() ? org : membership ? membership->org_id : "";
    const auto& member = role == domain::Role::kAdmin ? app::RequireAdmin(membership, org_id)
                                                      : app::RequireMember(membership, org_id);
    return Granted(ctx, member);
  });
}

}  // namespace roster::http
