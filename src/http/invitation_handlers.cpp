// /orgs/{org_id}/invitations (admin side) and /invitations/{token} (the public link).
#include "http/handlers.hpp"
#include "http/json_writer.hpp"
#include "http/offload.hpp"

namespace roster::http {

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

Response ListInvitations(ApiDeps& deps, RequestContext& ctx) {
  app::InvitationListRequest request{ParseStatuses(QueryString(ctx, "status")), QueryLimit(ctx),
                                     QueryString(ctx, "cursor")};
  auto page = deps.invitations.List(*ctx.member, request);
  return JsonResponse(ctx.request, status::ok, PageBody(page));
}

Response CreateInvitation(ApiDeps& deps, RequestContext& ctx) {
  JsonBody body(ctx.request.body());
  app::InviteInput input{body.RequiredString("email"), body.RequiredString("username"),
                         body.RequiredString("role")};
  body.ThrowIfInvalid();
  auto view = deps.invitations.Create(*ctx.member, input, ctx.client_address);
  return JsonResponse(ctx.request, status::created, ItemBody(view));
}

Response ResendInvitation(ApiDeps& deps, RequestContext& ctx) {
  auto view = deps.invitations.Resend(*ctx.member, ctx.params.at("invitation_id"), ctx.client_address);
  return JsonResponse(ctx.request, status::ok, ItemBody(view));
}

Response RevokeInvitation(ApiDeps& deps, RequestContext& ctx) {
  auto view = deps.invitations.Revoke(*ctx.member, ctx.params.at("invitation_id"), ctx.client_address);
  return JsonResponse(ctx.request, status::ok, ItemBody(view));
}

boost::asio::awaitable<Response> LookupInvitation(ApiDeps& deps, RequestContext& ctx) {
  auto offer = co_await Offload(deps.db_pool,
                                [&] { return deps.invitations.Lookup(ctx.params.at("token")); });
  co_return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(offer)));
}

boost::asio::awaitable<Response> AcceptInvitation(ApiDeps& deps, RequestContext& ctx) {
  JsonBody body(ctx.request.body());
  const std::string password = body.RequiredString("password");
  body.ThrowIfInvalid();
  auto start = co_await Offload(
      deps.hash_pool, [&] { return deps.invitations.Accept(ctx.params.at("token"), password, ClientOf(ctx)); });
  auto res = JsonResponse(ctx.request, status::created, json::serialize(ToJson(start.me)));
  SetSessionCookies(res, deps, start.session_token, start.csrf_token);
  co_return res;
}

}  // namespace

void AddInvitationRoutes(Router& router, ApiDeps& deps) {
  AddRoute(router, deps, verb::get, "/orgs/{org_id}/invitations", Access::kAdmin, ListInvitations);
  AddRoute(router, deps, verb::post, "/orgs/{org_id}/invitations", Access::kAdmin,
           CreateInvitation);
  AddRoute(router, deps, verb::post, "/orgs/{org_id}/invitations/{invitation_id}/resend",
           Access::kAdmin, ResendInvitation);
  AddRoute(router, deps, verb::post, "/orgs/{org_id}/invitations/{invitation_id}/revoke",
           Access::kAdmin, RevokeInvitation);
  AddRoute(router, deps, verb::get, "/invitations/{token}", LookupInvitation);
  AddRoute(router, deps, verb::post, "/invitations/{token}/accept", AcceptInvitation);
}

}  // namespace roster::http
