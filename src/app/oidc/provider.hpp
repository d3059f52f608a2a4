#pragma once
// The OpenID Connect authorization endpoint's decisions (Core 1.0 code flow, RFC 7636 PKCE):
// which client and redirect URI, whether the caller must sign in (again), whether they may
// enter the application, and the single-use code. No HTTP here: http/oidc_handlers.cpp turns
// the outcome into a redirect or a page.
#include <optional>
#include <string>

#include "app/context.hpp"
#include "app/oidc/oidc_store.hpp"

namespace roster::app {

struct OidcSettings {
  std::string issuer;  // the public URL, no trailing slash
  domain::Duration access_token_ttl = std::chrono::minutes(5);
  domain::Duration id_token_ttl = std::chrono::minutes(60);
  domain::Duration refresh_token_ttl = std::chrono::hours(24 * 30);
  domain::Duration code_ttl = std::chrono::seconds(60);
  domain::Duration LongestSignedLifetime() const {
    return std::max(access_token_ttl, id_token_ttl);
  }
};

struct AuthorizeRequest {
  std::string client_id;
  std::string redirect_uri;
  std::string response_type;
  std::string scope;
  std::string state;
  std::string nonce;
  std::string code_challenge;
  std::string code_challenge_method;
  std::string prompt;
  std::optional<std::string> max_age;
  std::optional<std::string> login_after;  // set by Roster itself when prompt=login sent here
};

struct AuthorizeOutcome {
  enum Kind {
    kErrorPage,      // client or redirect URI unknown: never redirect
    kRedirectError,  // error (+ description) to the redirect URI
    kDeniedPage,     // access_denied, with a page that says why and a link back
    kLogin,          // the Roster login page, then back here
    kCode,           // code to the redirect URI
  };
  Kind kind = kErrorPage;
  std::string error;        // OAuth error code
  std::string description;  // shown or sent
  std::string code;
  std::string client_name;
  // kLogin for prompt=login or an old sign-in: the flow comes back with login_after=this
  // (ms), and only a sign-in made since then counts.
  std::string login_after;
};

// Who is signed in with a session cookie, if anyone.
struct SessionCaller {
  std::string user_id;
  std::string session_token_hash;
};

class Provider {
 public:
  Provider(AppContext& ctx, const OidcSettings& settings) : ctx_(ctx), settings_(settings) {}

  AuthorizeOutcome Authorize(const AuthorizeRequest& request,
                             const std::optional<SessionCaller>& caller);
  const OidcSettings& settings() const { return settings_; }

 private:
  AuthorizeOutcome IssueCode(Transaction& tx, const AuthorizeRequest& request,
                             const ClientRecord& client, const SessionCaller& caller,
                             Timestamp auth_time);

  AppContext& ctx_;
  OidcSettings settings_;
};

// Splits a space-separated list (scope, prompt).
std::vector<std::string> SpaceList(std::string_view text);
bool HasWord(std::string_view list, std::string_view word);

}  // namespace roster::app
