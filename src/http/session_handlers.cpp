// /me/password, /me/sessions, /me/sessions/{session_id}: a person's own sessions and password.
#include "http/handlers.hpp"

namespace roster::http {

namespace {

json::value OrNull(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

json::object ToJson(const app::SessionView& s) {
  return {{"id", s.id},
          {"created_at", domain::FormatRfc3339(s.created_at)},
          {"last_seen_at", domain::FormatRfc3339(s.last_seen_at)},
          {"expires_at", domain::FormatRfc3339(s.expires_at)},
          {"user_agent", OrNull(s.user_agent)},
          {"client_address", OrNull(s.client_address)},
          {"current", s.current}};
}

Response ListSessions(ApiDeps& deps, RequestContext& ctx) {
  json::array items;
  for (const auto& session : deps.sessions.List(*ctx.principal)) items.push_back(ToJson(session));
  return JsonResponse(ctx.request, status::ok, json::serialize(json::object{{"items", items}}));
}

Response EndSession(ApiDeps& deps, RequestContext& ctx) {
  const bool was_current = deps.sessions.End(*ctx.principal, ctx.params.at("session_id"));
  auto res = EmptyResponse(ctx.request, status::no_content);
  if (was_current) ClearSessionCookies(res, deps);
  return res;
}

Response EndOtherSessions(ApiDeps& deps, RequestContext& ctx) {
  deps.sessions.EndOthers(*ctx.principal);
  return EmptyResponse(ctx.request, status::no_content);
}

Response ChangePassword(ApiDeps& deps, RequestContext& ctx) {
  JsonBody body(ctx.request.body());
  std::string current = body.RequiredString("current_password");
  std::string next = body.RequiredString("new_password");
  body.ThrowIfInvalid();
  deps.sessions.ChangePassword(*ctx.principal, current, next);
  return EmptyResponse(ctx.request, status::no_content);
}

}  // namespace

void AddSessionRoutes(Router& router, ApiDeps& deps) {
  AddRoute(router, deps, verb::get, "/me/sessions", Access::kSignedIn, ListSessions);
  AddRoute(router, deps, verb::delete_, "/me/sessions", Access::kSignedIn, EndOtherSessions);
  AddRoute(router, deps, verb::delete_, "/me/sessions/{session_id}", Access::kSignedIn,
           EndSession);
  AddRoute(router, deps, verb::post, "/me/password", Access::kSignedIn, ChangePassword);
}

}  // namespace roster::http
