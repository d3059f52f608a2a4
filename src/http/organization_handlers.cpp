// /organizations, /orgs/{org_id}, members and the audit trail.
#include "domain/validation.hpp"
#include "http/api.hpp"
#include "http/json_io.hpp"
#include "http/json_writer.hpp"

namespace roster::http {

namespace json = boost::json;
using beast_http::status;
using beast_http::verb;
using domain::Error;
using domain::ErrorCode;

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

}  // namespace

void AddOrganizationRoutes(Router& router, ApiDeps& deps) {
  router.Add(verb::post, "/organizations", Access::kAuthenticated, [&deps](RequestContext& ctx) {
    JsonBody body(ctx.request.body());
    const std::string name = body.RequiredString("name");
    body.ThrowIfInvalid();
    auto org = deps.organizations.Activate(*ctx.principal, name);
    return JsonResponse(ctx.request, status::created, json::serialize(ToJson(org)));
  });

  router.Add(verb::get, "/orgs/{org_id}", Access::kAuthenticated, [&deps](RequestContext& ctx) {
    auto org = deps.organizations.Get(*ctx.principal, ctx.params.at("org_id"));
    return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(org)));
  });

  router.Add(
      verb::get, "/orgs/{org_id}/members", Access::kAuthenticated, [&deps](RequestContext& ctx) {
        return AdminOnly(deps, ctx, [&] {
          const auto request = ParseMemberList(ctx);
          auto page =
              deps.organizations.ListMembers(*ctx.principal, ctx.params.at("org_id"), request);
          return JsonResponse(ctx.request, status::ok, PageBody(page));
        });
      });

  router.Add(verb::patch, "/orgs/{org_id}/members/{user_id}", Access::kAuthenticated,
             [&deps](RequestContext& ctx) {
               return AdminOnly(deps, ctx, [&] {
                 const auto role = ParseRoleBody(ctx.request.body());
                 auto member = deps.organizations.ChangeRole(
                     *ctx.principal, ctx.params.at("org_id"), ctx.params.at("user_id"), role);
                 return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(member)));
               });
             });

  router.Add(verb::delete_, "/orgs/{org_id}/members/{user_id}", Access::kAuthenticated,
             [&deps](RequestContext& ctx) {
               auto member = deps.organizations.Remove(*ctx.principal, ctx.params.at("org_id"),
                                                       ctx.params.at("user_id"));
               return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(member)));
             });

  router.Add(verb::get, "/orgs/{org_id}/audit-events", Access::kAuthenticated,
             [&deps](RequestContext& ctx) {
               return AdminOnly(deps, ctx, [&] {
                 app::AuditListRequest request{QueryLimit(ctx), QueryString(ctx, "cursor")};
                 auto page =
                     deps.organizations.ListAudit(*ctx.principal, ctx.params.at("org_id"), request);
                 return JsonResponse(ctx.request, status::ok, json::serialize(PageJson(page)));
               });
             });
}

}  // namespace roster::http
