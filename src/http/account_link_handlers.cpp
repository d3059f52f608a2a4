// /auth/password-reset, /auth/password-reset/{token}, /auth/email-verification,
// /auth/email-verification/{token}: the mailed links of an account.
#include "http/handlers.hpp"
#include "http/offload.hpp"

namespace roster::http {

namespace {

boost::asio::thread_pool& WritePool(ApiDeps& deps) {
  return deps.write_pool ? *deps.write_pool : deps.db_pool;
}

// The same answer, at the same speed, for known and unknown emails: only validation and the
// limits run before it; the lookup and the mail happen afterwards.
boost::asio::awaitable<Response> RequestReset(ApiDeps& deps, RequestContext& ctx) {
  JsonBody body(ctx.request.body());
  std::string email = body.RequiredString("email");
  body.ThrowIfInvalid();
  co_await Offload(deps.db_pool, [&] {  // the limits may ask the database
    deps.account_links.CheckResetRequest(email, ctx.client_address);
  });
  boost::asio::post(WritePool(deps), deps.account_links.DeferredResetLink(std::move(email)));
  co_return EmptyResponse(ctx.request, status::accepted);
}

boost::asio::awaitable<Response> ResetPassword(ApiDeps& deps, RequestContext& ctx) {
  JsonBody body(ctx.request.body());
  std::string password = body.RequiredString("password");
  body.ThrowIfInvalid();
  co_await Offload(deps.hash_pool, [&] {
    deps.account_links.ResetPassword(ctx.params.at("token"), password);
  });
  co_return EmptyResponse(ctx.request, status::no_content);
}

boost::asio::awaitable<Response> VerifyEmail(ApiDeps& deps, RequestContext& ctx) {
  co_await Offload(WritePool(deps),
                   [&] { deps.account_links.VerifyEmail(ctx.params.at("token")); });
  co_return EmptyResponse(ctx.request, status::no_content);
}

Response ResendVerification(ApiDeps& deps, RequestContext& ctx) {
  deps.account_links.ResendVerification(*ctx.principal, ctx.client_address);
  return EmptyResponse(ctx.request, status::accepted);
}

}  // namespace

void AddAccountLinkRoutes(Router& router, ApiDeps& deps) {
  AddRoute(router, deps, verb::post, "/auth/password-reset", RequestReset);
  AddRoute(router, deps, verb::post, "/auth/password-reset/{token}", ResetPassword);
  AddRoute(router, deps, verb::post, "/auth/email-verification", Access::kSignedIn,
           ResendVerification);
  AddRoute(router, deps, verb::post, "/auth/email-verification/{token}", VerifyEmail);
}

}  // namespace roster::http
