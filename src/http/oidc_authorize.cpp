// GET /oauth/authorize (code flow) and /oauth/logout (RP-initiated logout), with the small HTML
// pages they show when they must not redirect.
#include <boost/url.hpp>

#include "app/email_text.hpp"
#include "http/api.hpp"
#include "http/oidc_http.hpp"
#include "http/offload.hpp"

namespace roster::http {
namespace {

using Outcome = app::AuthorizeOutcome;

using app::EscapeHtml;  // the emails' escaping serves the error page too

// `base` (a registered redirect URI) with the parameters appended to its query.
std::string WithParams(const std::string& base,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> params) {
  boost::urls::url url(base);
  for (const auto& [key, value] : params) {
    if (!value.empty()) url.params().append({key, value});
  }
  return std::string(url.buffer());
}

// True when a query parameter appears more than once (RFC 6749 3.1: a request error; which
// value was meant, a redirect_uri say, is unknown, so the answer is a page).
bool RepeatedParam(const RequestContext& ctx) {
  std::size_t count = 0;
  auto url = boost::urls::parse_origin_form(ctx.request.target());
  if (url) count = url->params().size();
  return count != ctx.query.size();
}

app::AuthorizeRequest ReadAuthorize(const RequestContext& ctx) {
  const auto& q = ctx.query;
  app::AuthorizeRequest r{Param(q, "client_id"),      Param(q, "redirect_uri"),
                          Param(q, "response_type"),  Param(q, "scope"),
                          Param(q, "state"),          Param(q, "nonce"),
                          Param(q, "code_challenge"), Param(q, "code_challenge_method"),
                          Param(q, "prompt"),         {}, {}};
  if (q.contains("max_age")) r.max_age = Param(q, "max_age");
  if (q.contains("login_after")) r.login_after = Param(q, "login_after");
  return r;
}

// The authorize URL, relative, to come back to after signing in: prompt=login is replaced by
// login_after (only a sign-in made since then counts), so the flow does not loop.
std::string ReturnTo(const RequestContext& ctx, const std::string& login_after) {
  boost::urls::url url("/oauth/authorize");
  for (const auto& [key, value] : ctx.query) {
    if (key == "login_after" || (key == "prompt" && !login_after.empty())) continue;
    url.params().append({key, value});
  }
  if (!login_after.empty()) url.params().append({"login_after", login_after});
  return std::string(url.buffer());
}

Response AuthorizeResponse(ApiDeps& deps, const RequestContext& ctx, const app::AuthorizeRequest& r,
                           const Outcome& out) {
  const auto& iss = deps.oidc->provider.settings().issuer;
  switch (out.kind) {
    case Outcome::kErrorPage:
      return HtmlPage(ctx.request, beast_http::status::bad_request, "Sign-in request refused",
                      out.description);
    case Outcome::kRedirectError:
      return Redirect(ctx.request, WithParams(r.redirect_uri, {{"error", out.error},
                                                               {"error_description", out.description},
                                                               {"state", r.state},
                                                               {"iss", iss}}));
    case Outcome::kDeniedPage:
      return HtmlPage(ctx.request, beast_http::status::forbidden, "You cannot sign in here",
                      out.description,
                      WithParams(r.redirect_uri, {{"error", "access_denied"},
                                                  {"error_description", out.description},
                                                  {"state", r.state},
                                                  {"iss", iss}}),
                      "Back to " + out.client_name);
    case Outcome::kLogin: {
      boost::urls::url login("/login");
      login.params().append({"return_to", ReturnTo(ctx, out.login_after)});
      return Redirect(ctx.request, std::string(login.buffer()));
    }
    case Outcome::kCode:
      break;
  }
  return Redirect(ctx.request,
                  WithParams(r.redirect_uri, {{"code", out.code}, {"state", r.state}, {"iss", iss}}));
}

}  // namespace

Response HtmlPage(const Request& request, beast_http::status status, std::string_view title,
                  std::string_view message, std::string_view link, std::string_view link_text) {
  Response res{status, request.version()};
  res.set(beast_http::field::content_type, "text/html; charset=utf-8");
  res.set(beast_http::field::cache_control, "no-store");
  res.keep_alive(request.keep_alive());
  std::string body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                     EscapeHtml(title) + " · Roster</title></head><body><main><h1>" +
                     EscapeHtml(title) + "</h1><p data-testid=\"oidc-message\">" +
                     EscapeHtml(message) + "</p>";
  if (!link.empty()) {
    body += "<p><a data-testid=\"oidc-continue\" href=\"" + EscapeHtml(link) + "\">" +
            EscapeHtml(link_text) + "</a></p>";
  }
  res.body() = body + "</main></body></html>";
  res.prepare_payload();
  return res;
}

Response Redirect(const Request& request, const std::string& location) {
  Response res{beast_http::status::found, request.version()};
  res.set(beast_http::field::location, location);
  res.set(beast_http::field::cache_control, "no-store");
  res.keep_alive(request.keep_alive());
  res.prepare_payload();
  return res;
}

boost::asio::awaitable<Response> Authorize(ApiDeps& deps, RequestContext& ctx) {
  const auto method = ctx.request.method();
  if (method != beast_http::verb::get && method != beast_http::verb::post) {
    co_return HtmlPage(ctx.request, beast_http::status::method_not_allowed,
                       "Sign-in request refused", "Use GET or POST.");
  }
  if (method == beast_http::verb::post) {
    // Core 1.0 3.1.2.1: the same parameters as a form body.
    try {
      ctx.query = ParseForm(ctx.request);
    } catch (const app::OAuthError& e) {
      co_return HtmlPage(ctx.request, beast_http::status::bad_request, "Sign-in request refused",
                         e.what());
    }
  } else if (RepeatedParam(ctx)) {
    co_return HtmlPage(ctx.request, beast_http::status::bad_request, "Sign-in request refused",
                       "A parameter of the request is repeated.");
  }
  const auto request = ReadAuthorize(ctx);
  const std::string session = CookieValue(ctx.request, "roster_session");
  auto& pool = deps.write_pool ? *deps.write_pool : deps.db_pool;
  const auto outcome = co_await Offload(pool, [&] {
    std::optional<app::SessionCaller> caller;
    if (!session.empty() && session.size() <= 128) {
      if (auto principal = deps.accounts.AuthenticateSession(session)) {
        caller = app::SessionCaller{principal->user_id, principal->session_token_hash};
      }
    }
    return deps.oidc->provider.Authorize(request, caller);
  });
  co_return AuthorizeResponse(deps, ctx, request, outcome);
}

boost::asio::awaitable<Response> EndSession(ApiDeps& deps, RequestContext& ctx) {
  if (RepeatedParam(ctx)) {
    co_return HtmlPage(ctx.request, beast_http::status::bad_request, "Sign-out request refused",
                       "A parameter of the request is repeated.");
  }
  const auto hint = Param(ctx.query, "id_token_hint");
  const auto client_id = Param(ctx.query, "client_id");
  const auto post_logout = Param(ctx.query, "post_logout_redirect_uri");
  const auto state = Param(ctx.query, "state");
  const std::string session = CookieValue(ctx.request, "roster_session");
  auto& pool = deps.write_pool ? *deps.write_pool : deps.db_pool;
  // The redirect target ("" for none), if registered for the client the hint names; nullopt
  // refuses the request. Only an accepted request ends the session the hint's user holds here.
  const auto target = co_await Offload(pool, [&]() -> std::optional<std::string> {
    const auto hinted = hint.empty() ? std::nullopt : deps.oidc->tokens.VerifyIdTokenHint(hint);
    if (!hinted || (!client_id.empty() && client_id != hinted->client_id)) return std::nullopt;
    if (!post_logout.empty()) {
      auto tx = deps.store.Begin(app::TxMode::kRead);
      const auto client = tx->Oidc().FindClient(hinted->client_id);
      if (!client) return std::nullopt;
      const auto& uris = client->post_logout_redirect_uris;
      if (std::find(uris.begin(), uris.end(), post_logout) == uris.end()) return std::nullopt;
    }
    if (!session.empty() && session.size() <= 128) {
      auto principal = deps.accounts.AuthenticateSession(session);
      if (principal && principal->user_id == hinted->user_id) deps.accounts.Logout(*principal);
    }
    return post_logout;
  });
  if (target && !target->empty()) {
    auto res = Redirect(ctx.request, WithParams(*target, {{"state", state}}));
    ClearSessionCookies(res, deps);
    co_return res;
  }
  if (target) {
    auto res = HtmlPage(ctx.request, beast_http::status::ok, "Signed out",
                        "You are signed out of Roster.", "/login", "Sign in again");
    ClearSessionCookies(res, deps);
    co_return res;
  }
  co_return HtmlPage(ctx.request, beast_http::status::bad_request, "Sign-out request refused",
                     "The id_token_hint is missing or not valid, or the post_logout_redirect_uri "
                     "is not registered. To sign out of Roster, use its Log out button.",
                     "/", "Open Roster");
}

}  // namespace roster::http
