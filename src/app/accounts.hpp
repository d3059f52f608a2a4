#pragma once
// Accounts and sessions: signup, login, logout, who-am-I, personal API tokens.
#include <mutex>
#include <optional>
#include <string>

#include "app/context.hpp"

namespace roster::app {

struct MeView {
  domain::User user;
  std::optional<domain::Organization> organization;  // set in organization mode
  domain::Role role = domain::Role::kUser;
};

// A new session: the raw tokens go into cookies and exist nowhere else.
struct SessionStart {
  MeView me;
  std::string session_token;
  std::string csrf_token;
};

struct SignupInput {
  std::string email;
  std::string username;
  std::string password;
  ClientInfo client;
};

struct LoginInput {
  std::string email;
  std::string password;
  ClientInfo client;
};

struct ApiTokenCreated {
  std::string id;
  std::string name;
  std::string token;
};

class Accounts {
 public:
  explicit Accounts(AppContext& ctx);

  // Throws rate_limited when the client address has signed up too often, or (with mail on)
  // the address to verify got too many mails. Counts the attempt; callers check it before
  // queueing the password hash that Signup costs.
  void CheckSignupAllowed(const std::string& email, const std::string& client_address);
  SessionStart Signup(const SignupInput& input);
  // Throws rate_limited while the email or the client address has too many recent failures.
  // Cheap: callers check it before queueing the password hash that Login costs.
  void CheckLoginAllowed(const std::string& email, const std::string& client_address);
  SessionStart Login(const LoginInput& input);
  void Logout(const Principal& principal);
  // The caller of a session or API token, or nullopt. `with_membership` also reads the caller's
  // membership, in the same transaction (for routes that check it).
  std::optional<Principal> AuthenticateSession(std::string_view session_token,
                                               bool with_membership = false);
  std::optional<Principal> AuthenticateBearer(std::string_view api_token,
                                              bool with_membership = false);
  MeView GetMe(const Principal& principal);
  ApiTokenCreated CreateApiToken(const Principal& principal, const std::string& name);

 private:
  void ThrowIfRateLimited(const std::string& email_key, const std::string& client_key);
  // Verified against for unknown emails, so timing reveals nothing; made on first use (an
  // argon2id hash costs 64 MiB and ~80 ms, which start-up need not pay).
  const std::string& DummyHash();

  AppContext& ctx_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

// Shared by signup, login and invitation acceptance: writes a session for `user_id` in `tx`.
SessionStart StartSession(AppContext& ctx, Transaction& tx, const std::string& user_id,
                          const ClientInfo& client);
// An account whose email is not verified does not hold its address: signup and invitation
// acceptance delete it (with its sessions) in their own transaction. Throws email_registered
// when a verified account holds `email_key`.
void ReleaseUnverifiedHolder(Transaction& tx, const std::string& email_key);
MeView LoadMe(Transaction& tx, const std::string& user_id);
// For a write that runs after the transaction that authenticated the caller: throws
// unauthenticated unless the session or API token still exists in `tx` and its owner was not
// removed from their organization meanwhile (removal revokes both in its own transaction).
void RequireLiveCredential(Transaction& tx, const Principal& principal);

}  // namespace roster::app
