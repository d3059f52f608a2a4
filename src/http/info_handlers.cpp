// GET /info: public server settings the web UI shows (the invitation lifetime, and the hosts
// the login page may return to).
#include <boost/json.hpp>
#include <chrono>

#include "http/api.hpp"

namespace roster::http {

namespace {
boost::asio::awaitable<Response> GetInfo(ApiDeps& deps, RequestContext& ctx);
}  // namespace

void AddInfoRoutes(Router& router, ApiDeps& deps) {
  AddRoute(router, deps, beast_http::verb::get, "/info", GetInfo);
}

namespace {

boost::asio::awaitable<Response> GetInfo(ApiDeps& deps, RequestContext& ctx) {
  const auto ttl =
      std::chrono::duration_cast<std::chrono::seconds>(deps.invitations.invitation_ttl());
  boost::json::array hosts;
  for (const auto& host : deps.return_hosts.entries()) hosts.emplace_back(host);
  boost::json::object out{{"invitation_ttl_seconds", ttl.count()},
                          {"allowed_return_hosts", std::move(hosts)}};
  co_return JsonResponse(ctx.request, beast_http::status::ok, boost::json::serialize(out));
}

}  // namespace

}  // namespace roster::http
