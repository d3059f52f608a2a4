// /orgs/{org_id}/invitations (admin side) and /invitations/{token} (the public link).
#include "http/api.hpp"
#include "http/json_io.hpp"
#include "http/json_writer.hpp"
#include "http/offload.hpp"

namespace roster::http {

namespace json = boost::json;
using beast_http::status;
using beast_http::verb;
using domain::Error;
using domain::ErrorCode;

namespace {

std::vector<domain::InvitationStatus> ParseStatuses(const std::string& text) {
  std::vector<domain::InvitationStatus> statuses;
  std::size_t start = 0;
  while (!text.empty() && start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto item = text.substr(start, comma == std::string::npos ? comma : comma - start);
    auto status = domain::ParseInvitationStatus(item);
    if (!status) {
      throw Error(ErrorCode::kValidationFailed,
                  "status must list PENDING, ACCEPTED, REVOKED or EXPIRED, separated by commas.",
                  {{"status", "invalid", "Unknown invitation status: " + item}});
    }
    statuses.push_back(*status);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return statuses;
}

}  // namespace

void AddInvitationRoutes(Router& router, ApiDeps& deps) {
  router.Add(verb::get, "/orgs/{org_id}/invitations", Access::kAuthenticated,
             [&deps](RequestContext& ctx) {
               return AdminOnly(deps, ctx, [&] {
                 app::InvitationListRequest request{ParseStatuses(QueryString(ctx, "status")),
                                                    QueryLimit(ctx), QueryString(ctx, "cursor")};
                 auto page =
                     deps.invitations.List(*ctx.principal, ctx.params.at("org_id"), request);
                 return JsonResponse(ctx.request, status::ok, PageBody(page));
               });
             });

  router.Add(
      verb::post, "/orgs/{org_id}/invitations", Access::kAuthenticated,
      [&deps](RequestContext& ctx) {
        return AdminOnly(deps, ctx, [&] {
          JsonBody body(ctx.request.body());
          app::InviteInput input{body.RequiredString("email"), body.RequiredString("username"),
                                 body.RequiredString("role")};
          body.ThrowIfInvalid();
          auto view = deps.invitations.Create(*ctx.principal, ctx.params.at("org_id"), input);
          return JsonResponse(ctx.request, status::created, json::serialize(ToJson(view)));
        });
      });

  router.Add(verb::post, "/orgs/{org_id}/invitations/{invitation_id}/resend",
             Access::kAuthenticated, [&deps](RequestContext& ctx) {
               auto view = deps.invitations.Resend(*ctx.principal, ctx.params.at("org_id"),
                                                   ctx.params.at("invitation_id"));
               return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(view)));
             });

  router.Add(verb::post, "/orgs/{org_id}/invitations/{invitation_id}/revoke",
             Access::kAuthenticated, [&deps](RequestContext& ctx) {
               auto view = deps.invitations.Revoke(*ctx.principal, ctx.params.at("org_id"),
                                                   ctx.params.at("invitation_id"));
               return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(view)));
             });

  router.Add(verb::get, "/invitations/{token}", Access::kPublic,
             [&deps](RequestContext& ctx) -> boost::asio::awaitable<Response> {
               auto offer = co_await Offload(deps.db_pool, [&] {
                 return deps.invitations.Lookup(ctx.params.at("token"));
               });
               co_return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(offer)));
             });

  router.Add(verb::post, "/invitations/{token}/accept", Access::kPublic,
             [&deps](RequestContext& ctx) -> boost::asio::awaitable<Response> {
               JsonBody body(ctx.request.body());
               const std::string password = body.RequiredString("password");
               body.ThrowIfInvalid();
               auto start = co_await Offload(deps.hash_pool, [&] {
                 return deps.invitations.Accept(ctx.params.at("token"), password, ClientOf(ctx));
               });
               auto res = JsonResponse(ctx.request, status::created,
                                       json::serialize(ToJson(start.me)));
               SetSessionCookies(res, deps, start.session_token, start.csrf_token);
               co_return res;
             });
}

}  // namespace roster::http
