// /auth/signup, /auth/login, /auth/logout, /me, /me/tokens
#include "http/handlers.hpp"
#include "http/offload.hpp"

namespace roster::http {

namespace {

Response SessionResponse(const RequestContext& ctx, const ApiDeps& deps, status code,
                         const app::SessionStart& start) {
  auto res = JsonResponse(ctx.request, code, json::serialize(ToJson(start.me)));
  SetSessionCookies(res, deps, start.session_token, start.csrf_token);
  return res;
}

boost::asio::awaitable<Response> Signup(ApiDeps& deps, RequestContext& ctx) {
  JsonBody body(ctx.request.body());
  app::SignupInput input{body.RequiredString("email"), body.RequiredString("username"),
                         body.RequiredString("password"), ClientOf(ctx)};
  body.ThrowIfInvalid();
  co_await Offload(deps.db_pool, [&] {  // before queueing the hash; may ask the database
    deps.accounts.CheckSignupAllowed(input.email, ctx.client_address);
  });
  auto start = co_await Offload(deps.hash_pool, [&] { return deps.accounts.Signup(input); });
  co_return SessionResponse(ctx, deps, status::created, start);
}

boost::asio::awaitable<Response> Login(ApiDeps& deps, RequestContext& ctx) {
  JsonBody body(ctx.request.body());
  app::LoginInput input{body.RequiredString("email"), body.RequiredString("password"),
                        ClientOf(ctx)};
  body.ThrowIfInvalid();
  co_await Offload(deps.db_pool, [&] {  // before queueing the hash; may ask the database
    deps.accounts.CheckLoginAllowed(input.email, ctx.client_address);
  });
  auto start = co_await Offload(deps.hash_pool,
                                [&] { return deps.accounts.Login(input); });
  co_return SessionResponse(ctx, deps, status::ok, start);
}

Response Logout(ApiDeps& deps, RequestContext& ctx) {
  deps.accounts.Logout(*ctx.principal);
  auto res = EmptyResponse(ctx.request, status::no_content);
  ClearSessionCookies(res, deps);
  return res;
}

Response GetMe(ApiDeps& deps, RequestContext& ctx) {
  auto me = deps.accounts.GetMe(*ctx.principal);
  return JsonResponse(ctx.request, status::ok, json::serialize(ToJson(me)));
}

Response CreateApiToken(ApiDeps& deps, RequestContext& ctx) {
  JsonBody body(ctx.request.body(), /*allow_empty=*/true);
  std::string name = body.OptionalString("name");
  body.ThrowIfInvalid();
  auto created = deps.accounts.CreateApiToken(*ctx.principal, name);
  json::object out{{"id", created.id}, {"name", created.name}, {"token", created.token}};
  return JsonResponse(ctx.request, status::created, json::serialize(out));
}

}  // namespace

void AddAccountRoutes(Router& router, ApiDeps& deps) {
  AddRoute(router, deps, verb::post, "/auth/signup", Signup);
  AddRoute(router, deps, verb::post, "/auth/login", Login);
  AddRoute(router, deps, verb::post, "/auth/logout", Access::kSignedIn, Logout);
  AddRoute(router, deps, verb::get, "/me", Access::kSignedIn, GetMe);
  AddRoute(router, deps, verb::post, "/me/tokens", Access::kSignedIn, CreateApiToken);
}

}  // namespace roster::http
