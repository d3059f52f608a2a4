#include "app/oidc/provider.hpp"

#include <algorithm>
#include <charconv>

#include "app/oidc/clients.hpp"
#include "app/security.hpp"

namespace roster::app {
namespace {

AuthorizeOutcome ErrorPage(std::string description) {
  return {AuthorizeOutcome::kErrorPage, "invalid_request", std::move(description)};
}

AuthorizeOutcome Back(std::string error, std::string description) {
  return {AuthorizeOutcome::kRedirectError, std::move(error), std::move(description)};
}

AuthorizeOutcome Login(std::optional<Timestamp> fresh_since) {
  AuthorizeOutcome out{AuthorizeOutcome::kLogin};
  if (fresh_since) out.login_after = std::to_string(domain::ToMillis(*fresh_since));
  return out;
}

std::optional<std::int64_t> ParseNumber(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// Request errors the client made, sent back to its (registered) redirect URI.
std::optional<AuthorizeOutcome> CheckRequest(const AuthorizeRequest& r, const ClientRecord& c) {
  if (r.response_type.empty()) return Back("invalid_request", "response_type is missing.");
  if (r.response_type != "code") {
    return Back("unsupported_response_type", "Only response_type=code is supported.");
  }
  if (!HasWord(r.scope, "openid")) return Back("invalid_scope", "The scope must include openid.");
  if (!r.code_challenge.empty() && r.code_challenge_method != "S256") {
    return Back("invalid_request", "code_challenge_method must be S256.");
  }
  if (!r.code_challenge.empty() && (r.code_challenge.size() < 43 || r.code_challenge.size() > 128)) {
    return Back("invalid_request", "The code_challenge is malformed.");
  }
  if (!c.secret_hash && r.code_challenge.empty()) {
    return Back("invalid_request", "A public client must send a PKCE S256 code_challenge.");
  }
  if (HasWord(r.prompt, "none") && SpaceList(r.prompt).size() > 1) {
    return Back("invalid_request", "prompt=none cannot be combined with other values.");
  }
  if (r.max_age && !ParseNumber(*r.max_age)) {
    return Back("invalid_request", "max_age must be a non-negative integer.");
  }
  if (r.nonce.size() > 512 || r.state.size() > 2048) {
    return Back("invalid_request", "The state or nonce is too long.");
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> SpaceList(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool HasWord(std::string_view list, std::string_view word) {
  const auto words = SpaceList(list);
  return std::find(words.begin(), words.end(), word) != words.end();
}

AuthorizeOutcome Provider::Authorize(const AuthorizeRequest& r,
                                     const std::optional<SessionCaller>& caller) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto client = r.client_id.empty() ? std::nullopt : tx->Oidc().FindClient(r.client_id);
  if (!client) return ErrorPage("The application is not registered with Roster (unknown client_id).");
  const auto& uris = client->redirect_uris;
  if (std::find(uris.begin(), uris.end(), r.redirect_uri) == uris.end()) {
    return ErrorPage("The redirect_uri is not one registered for this application.");
  }
  if (auto error = CheckRequest(r, *client)) return *error;
  const bool silent = HasWord(r.prompt, "none");
  if (!caller) {
    if (silent) return Back("login_required", "The user is not signed in to Roster.");
    return Login(HasWord(r.prompt, "login") ? ctx_.clock.Now() : std::optional<Timestamp>());
  }
  const auto session = tx->FindSession(caller->session_token_hash);
  const auto now = ctx_.clock.Now();
  if (!session) return Login({});
  const auto auth_time = session->created_at;
  bool stale = false;
  if (r.max_age) {
    // Capped so that the conversion to milliseconds cannot overflow; a century means no limit.
    constexpr std::int64_t kCentury = 100LL * 365 * 24 * 3600;
    stale = now - auth_time > std::chrono::seconds(std::min(*ParseNumber(*r.max_age), kCentury));
  }
  if (r.login_after) {
    const auto after = ParseNumber(*r.login_after);
    stale = stale || !after || domain::ToMillis(auth_time) < *after;
  }
  if (HasWord(r.prompt, "login") && !r.login_after) {
    return Login(now);
  }
  if (stale) {
    if (silent) return Back("login_required", "A fresher sign-in is required.");
    return Login(now);
  }
  auto outcome = IssueCode(*tx, r, *client, *caller, auth_time);
  if (outcome.kind == AuthorizeOutcome::kCode) tx->Commit();
  return outcome;
}

AuthorizeOutcome Provider::IssueCode(Transaction& tx, const AuthorizeRequest& r,
                                     const ClientRecord& client, const SessionCaller& caller,
                                     Timestamp auth_time) {
  const auto member = tx.FindMembershipOfUser(caller.user_id);
  AuthorizeOutcome denied{AuthorizeOutcome::kDeniedPage, "access_denied", {}, {}, client.name};
  if (!member || member->org_id != client.org_id) {
    denied.description = "You are not a member of the organization that runs " + client.name + ".";
  } else if (member->status != domain::MemberStatus::kActive) {
    denied.description = "You were removed from the organization that runs " + client.name + ".";
  } else if (!RoleAllowed(client, member->role)) {
    denied.description = "Only the organization's admins may sign in to " + client.name + ".";
  }
  if (!denied.description.empty()) {
    if (HasWord(r.prompt, "none")) denied.kind = AuthorizeOutcome::kRedirectError;
    return denied;
  }
  const auto now = ctx_.clock.Now();
  AuthorizeOutcome out{AuthorizeOutcome::kCode};
  out.code = NewToken(ctx_.random);
  out.client_name = client.name;
  tx.Oidc().InsertAuthCode({HashToken(out.code), client.id, caller.user_id, client.org_id,
                            r.redirect_uri, r.nonce, r.code_challenge, r.scope, auth_time,
                            now + settings_.code_ttl, false});
  return out;
}

}  // namespace roster::app
