// /orgs/{org_id}/applications: the organization's OpenID Connect client applications (ADMIN).
#include <algorithm>

#include "http/handlers.hpp"

namespace roster::http {

namespace {

// allowed_roles: [USER, ADMIN] (in any order) or [ADMIN]; true for ADMIN only.
std::optional<bool> AdminsOnly(std::optional<std::vector<std::string>> roles) {
  if (!roles) return std::nullopt;
  std::sort(roles->begin(), roles->end());
  if (*roles == std::vector<std::string>{"ADMIN"}) return true;
  if (*roles == std::vector<std::string>{"ADMIN", "USER"}) return false;
  throw Error(ErrorCode::kValidationFailed, "allowed_roles must be [USER, ADMIN] or [ADMIN].",
              {{"allowed_roles", "invalid", "Allow USER and ADMIN, or ADMIN only"}});
}

app::ClientSpec ParseSpec(const std::string& text) {
  JsonBody body(text);
  app::ClientSpec spec;
  spec.name = body.RequiredString("name");
  const std::string type = body.RequiredString("type");
  auto redirect_uris = body.StringArrayIfPresent("redirect_uris");
  auto logout_uris = body.StringArrayIfPresent("post_logout_redirect_uris");
  auto roles = body.StringArrayIfPresent("allowed_roles");
  body.ThrowIfInvalid();
  if (type != "confidential" && type != "public") {
    throw Error(ErrorCode::kValidationFailed, "type must be confidential or public.",
                {{"type", "invalid", "Type must be confidential or public"}});
  }
  spec.is_public = type == "public";
  spec.redirect_uris = redirect_uris.value_or(std::vector<std::string>{});
  spec.post_logout_redirect_uris = logout_uris.value_or(std::vector<std::string>{});
  spec.admins_only = AdminsOnly(std::move(roles)).value_or(false);
  return spec;
}

app::ClientChange ParseChange(const std::string& text) {
  JsonBody body(text);
  app::ClientChange change{body.StringIfPresent("name"), body.StringArrayIfPresent("redirect_uris"),
                           body.StringArrayIfPresent("post_logout_redirect_uris"), std::nullopt};
  auto roles = body.StringArrayIfPresent("allowed_roles");
  body.ThrowIfInvalid();
  change.admins_only = AdminsOnly(std::move(roles));
  return change;
}

Response ListApplications(ApiDeps& deps, RequestContext& ctx) {
  json::array items;
  for (const auto& client : deps.applications->List(*ctx.member)) items.push_back(ToJson(client));
  return JsonResponse(ctx.request, status::ok,
                      json::serialize(json::object{{"items", std::move(items)},
                                                   {"next_cursor", nullptr}}));
}

Response CreateApplication(ApiDeps& deps, RequestContext& ctx) {
  auto created = deps.applications->Register(*ctx.member, ParseSpec(ctx.request.body()),
                                              ctx.client_address);
  return JsonResponse(ctx.request, status::created, json::serialize(ToJson(created)));
}

Response GetApplication(ApiDeps& deps, RequestContext& ctx) {
  auto client = deps.applications->Get(*ctx.member, ctx.params.at("client_id"));
  return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(client)));
}

Response UpdateApplication(ApiDeps& deps, RequestContext& ctx) {
  auto client = deps.applications->Update(*ctx.member, ctx.params.at("client_id"),
                                          ParseChange(ctx.request.body()), ctx.client_address);
  return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(client)));
}

Response RotateApplicationSecret(ApiDeps& deps, RequestContext& ctx) {
  auto rotated = deps.applications->RotateSecret(*ctx.member, ctx.params.at("client_id"),
                                                 ctx.client_address);
  return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(rotated)));
}

Response DeleteApplication(ApiDeps& deps, RequestContext& ctx) {
  deps.applications->Delete(*ctx.member, ctx.params.at("client_id"), ctx.client_address);
  return EmptyResponse(ctx.request, status::no_content);
}

}  // namespace

void AddApplicationRoutes(Router& router, ApiDeps& deps) {
  const std::string one = "/orgs/{org_id}/applications/{client_id}";
  AddRoute(router, deps, verb::get, "/orgs/{org_id}/applications", Access::kAdmin,
           ListApplications);
  AddRoute(router, deps, verb::post, "/orgs/{org_id}/applications", Access::kAdmin,
           CreateApplication);
  AddRoute(router, deps, verb::get, one, Access::kAdmin, GetApplication);
  AddRoute(router, deps, verb::patch, one, Access::kAdmin, UpdateApplication);
  AddRoute(router, deps, verb::delete_, one, Access::kAdmin, DeleteApplication);
  AddRoute(router, deps, verb::post, one + "/rotate-secret", Access::kAdmin,
           RotateApplicationSecret);
}

}  // namespace roster::http
