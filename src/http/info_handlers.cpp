// GET /info: public server settings the web UI shows (the invitation lifetime).
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
  boost::json::object out{{"invitation_ttl_seconds", ttl.count()}};
  co_return JsonResponse(ctx.request, beast_http::status::ok, boost::json::serialize(out));
}

}  // namespace

}  // namespace roster::http
