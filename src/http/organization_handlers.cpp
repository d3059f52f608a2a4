// /organizations, /orgs/{org_id}, members and the audit trail.
#include <algorithm>
#include <iterator>

#include "domain/validation.hpp"
#include "http/handlers.hpp"
#include "http/json_writer.hpp"

namespace roster::http {

namespace {

template <class T>
std::optional<T> QueryEnum(const RequestContext& ctx, const std::string& name,
                           std::optional<T> (*parse)(std::string_view), const char* allowed) {
  const std::string text = QueryString(ctx, name);
  if (text.empty()) return std::nullopt;
  auto value = parse(text);
  if (!value) {
    throw Error(ErrorCode::kValidationFailed, name + " must be one of " + allowed + ".",
                {{name, "invalid", std::string("Must be one of ") + allowed}});
  }
  return value;
}

app::MemberListRequest ParseMemberList(const RequestContext& ctx) {
  app::MemberListRequest request;
  const std::string status_text = QueryString(ctx, "status");
  if (status_text != "ALL") {
    request.status = QueryEnum<domain::MemberStatus>(ctx, "status", domain::ParseMemberStatus,
                                                     "ACTIVE, REMOVED, ALL");
  }
  request.role = QueryEnum<domain::Role>(ctx, "role", domain::ParseRole, "USER, ADMIN");
  request.q = QueryString(ctx, "q");
  request.limit = QueryLimit(ctx);
  request.cursor = QueryString(ctx, "cursor");
  return request;
}

domain::Role ParseRoleBody(const std::string& text) {
  JsonBody body(text);
  const std::string role_text = body.RequiredString("role");
  body.ThrowIfInvalid();
  auto role = domain::ParseRole(role_text);
  if (!role) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.",
                {{"role", "invalid", "Role must be USER or ADMIN"}});
  }
  return *role;
}

// The contract's AuditEvent actions.
constexpr std::string_view kAuditActions[] = {
    "organization.activated", "member.role_changed", "member.removed",      "invitation.created",
    "invitation.resent",      "invitation.revoked",  "invitation.accepted", "application.created",
    "application.updated",    "application.secret_rotated",                 "application.deleted",
};

app::AuditListRequest ParseAuditList(const RequestContext& ctx) {
  app::AuditListRequest request{QueryLimit(ctx), QueryString(ctx, "cursor"), std::nullopt,
                                std::nullopt};
  if (auto action = QueryString(ctx, "action"); !action.empty()) {
    if (std::find(std::begin(kAuditActions), std::end(kAuditActions), action) ==
        std::end(kAuditActions)) {
      throw Error(ErrorCode::kValidationFailed, "action must be an audit event action.",
                  {{"action", "invalid", "Unknown audit event action: " + action}});
    }
    request.action = std::move(action);
  }
  if (auto user_id = QueryString(ctx, "user_id"); !user_id.empty()) {
    request.member_user_id = std::move(user_id);
  }
  return request;
}

Response ActivateOrganization(ApiDeps& deps, RequestContext& ctx) {
  JsonBody body(ctx.request.body());
  const std::string name = body.RequiredString("name");
  body.ThrowIfInvalid();
  auto org = deps.organizations.Activate(*ctx.principal, name, ctx.client_address);
  return JsonResponse(ctx.request, status::created, json::serialize(ToJson(org)));
}

Response GetOrganization(ApiDeps& deps, RequestContext& ctx) {
  auto org = deps.organizations.Get(*ctx.member);
  return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(org)));
}

Response ListMembers(ApiDeps& deps, RequestContext& ctx) {
  auto page = deps.organizations.ListMembers(*ctx.member, ParseMemberList(ctx));
  return JsonResponse(ctx.request, status::ok, PageBody(page));
}

Response ChangeRole(ApiDeps& deps, RequestContext& ctx) {
  const auto role = ParseRoleBody(ctx.request.body());
  auto member = deps.organizations.ChangeRole(*ctx.member, ctx.params.at("user_id"), role,
                                               ctx.client_address);
  return JsonResponse(ctx.request, status::ok, ItemBody(member));
}

Response RemoveMember(ApiDeps& deps, RequestContext& ctx) {
  auto member = deps.organizations.Remove(*ctx.member, ctx.params.at("user_id"), ctx.client_address);
  return JsonResponse(ctx.request, status::ok, ItemBody(member));
}

Response ListAuditEvents(ApiDeps& deps, RequestContext& ctx) {
  auto page = deps.organizations.ListAudit(*ctx.member, ParseAuditList(ctx));
  return JsonResponse(ctx.request, status::ok, json::serialize(PageJson(page)));
}

}  // namespace

void AddOrganizationRoutes(Router& router, ApiDeps& deps) {
  AddRoute(router, deps, verb::post, "/organizations", Access::kSignedIn, ActivateOrganization);
  AddRoute(router, deps, verb::get, "/orgs/{org_id}", Access::kMember, GetOrganization);
  AddRoute(router, deps, verb::get, "/orgs/{org_id}/members", Access::kAdmin, ListMembers);
  AddRoute(router, deps, verb::patch, "/orgs/{org_id}/members/{user_id}", Access::kAdmin,
           ChangeRole);
  AddRoute(router, deps, verb::delete_, "/orgs/{org_id}/members/{user_id}", Access::kAdmin,
           RemoveMember);
  AddRoute(router, deps, verb::get, "/orgs/{org_id}/audit-events", Access::kAdmin, ListAuditEvents);
}

}  // namespace roster::http
