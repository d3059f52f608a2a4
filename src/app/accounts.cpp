#include "app/accounts.hpp"

#include "app/account_links.hpp"
#include "app/security.hpp"
#include "domain/validation.hpp"

namespace roster::app {

using domain::Error;
using domain::ErrorCode;
using domain::FieldError;

MeView LoadMe(Transaction& tx, const std::string& user_id) {
  auto account = tx.FindAccount(user_id);
  if (!account) throw Error(ErrorCode::kUnauthenticated, "This account no longer exists.");
  MeView me{std::move(account->user.user), std::move(account->organization),
            domain::Role::kUser};
  if (account->membership) me.role = account->membership->role;
  return me;
}

void RequireLiveCredential(Transaction& tx, const Principal& principal) {
  const bool live = principal.via_bearer ? tx.FindApiToken(principal.api_token_hash).has_value()
                                         : tx.FindSession(principal.session_token_hash).has_value();
  const auto membership = live ? tx.FindMembershipOfUser(principal.user_id) : std::nullopt;
  if (!live || (membership && membership->status == domain::MemberStatus::kRemoved)) {
    throw Error(ErrorCode::kUnauthenticated, "Log in to continue.");
  }
}

SessionStart StartSession(AppContext& ctx, Transaction& tx, const std::string& user_id,
                          const ClientInfo& client) {
  constexpr std::size_t kMaxUserAgent = 256;
  const auto now = ctx.clock.Now();
  SessionStart start;
  start.session_token = NewToken(ctx.random);
  start.csrf_token = NewToken(ctx.random);
  tx.InsertSession(SessionRecord{HashToken(start.session_token), user_id, now, now,
                                 now + ctx.settings.session_absolute, NewId(ctx.random),
                                 domain::ToValidUtf8(client.user_agent.substr(0, kMaxUserAgent)),
                                 client.address});
  start.me = LoadMe(tx, user_id);
  return start;
}

void ReleaseUnverifiedHolder(Transaction& tx, const std::string& email_key) {
  auto holder = tx.FindUserByEmailKey(email_key);
  if (!holder) return;
  if (holder->user.email_verified) throw domain::Conflict(ErrorCode::kEmailRegistered);
  tx.LockUser(holder->user.id);  // waits for a login of that account that is under way
  tx.DeleteUser(holder->user.id);
}

Accounts::Accounts(AppContext& ctx) : ctx_(ctx) {}

const std::string& Accounts::DummyHash() {
  std::call_once(dummy_once_, [&] { dummy_hash_ = ctx_.hasher.Hash("not-a-real-password-0"); });
  return dummy_hash_;
}

SessionStart Accounts::Signup(const SignupInput& input) {
  std::vector<FieldError> errors;
  if (auto e = domain::ValidateEmail(input.email)) errors.push_back(*e);
  if (auto e = domain::ValidateUsername(input.username)) errors.push_back(*e);
  if (auto e = domain::ValidatePassword(input.password)) errors.push_back(*e);
  if (!errors.empty()) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.", std::move(errors));
  }
  const std::string hash = ctx_.hasher.Hash(input.password);  // slow: before the transaction
  const auto now = ctx_.clock.Now();
  // Without SMTP (development mode) nobody could follow a link: the address counts as verified.
  const bool verified = !ctx_.settings.mail_enabled;
  UserRecord record{domain::User{NewId(ctx_.random), domain::NormalizeEmail(input.email),
                                 input.username, now, verified},
                    domain::EmailKey(input.email), hash};
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  ReleaseUnverifiedHolder(*tx, record.email_key);
  tx->InsertUser(record);
  if (!verified) QueueVerificationMail(ctx_, *tx, record);
  auto start = StartSession(ctx_, *tx, record.user.id, input.client);
  tx->Commit();
  if (!verified && ctx_.mail_signal) ctx_.mail_signal->MessageQueued();
  return start;
}

void Accounts::ThrowIfRateLimited(const std::string& email_key, const std::string& client_key) {
  const auto now = ctx_.clock.Now();
  const auto& s = ctx_.settings;
  const std::string message = "Too many failed login attempts. Try again later.";
  ThrowIfWaiting(ctx_.limits.RetryAfterSeconds(email_key, s.login_per_email, now),
                 "login_per_email", message);
  ThrowIfWaiting(ctx_.limits.RetryAfterSeconds(client_key, s.login_per_client, now),
                 "login_per_client", message);
}

namespace {
std::string LoginEmailKey(const std::string& email) {
  return "login-email:" + domain::EmailKey(domain::Trim(email));
}
std::string LoginClientKey(const std::string& address) {
  return "login-client:" + ClientLimitKey(address);
}
}  // namespace

void Accounts::CheckSignupAllowed(const std::string& email, const std::string& client_address) {
  const auto now = ctx_.clock.Now();
  const std::string client_key = "signup-client:" + ClientLimitKey(client_address);
  ThrowIfWaiting(ctx_.limits.TryTake(client_key, ctx_.settings.signups_per_client, now),
                 "signup_per_client", "Too many signups from this network. Try again later.");
  // Each signup of an unverified address mails it a link: the address's mail budget bounds them.
  if (ctx_.settings.mail_enabled && !domain::ValidateEmail(email)) {
    ThrowIfWaiting(TakeRecipientMail(ctx_, domain::EmailKey(email)), "recipient_mail",
                   "Too many emails went to this address. Try again later.");
  }
}

void Accounts::CheckLoginAllowed(const std::string& email, const std::string& client_address) {
  ThrowIfRateLimited(LoginEmailKey(email), LoginClientKey(client_address));
}

SessionStart Accounts::Login(const LoginInput& input) {
  const std::string email_key = LoginEmailKey(input.email);
  const std::string client_key = LoginClientKey(input.client.address);
  ThrowIfRateLimited(email_key, client_key);  // again: failures may have landed while queued

  std::optional<UserRecord> user;
  {
    auto tx = ctx_.store.Begin(TxMode::kRead);
    user = tx->FindUserByEmailKey(domain::EmailKey(domain::Trim(input.email)));
  }
  // Verify even for an unknown email so both failures cost the same time.
  const bool ok = ctx_.hasher.Verify(user ? user->password_hash : DummyHash(), input.password);
  if (!user || !ok) {
    const auto now = ctx_.clock.Now();
    ctx_.limits.Record(email_key, ctx_.settings.login_per_email, now);
    ctx_.limits.Record(client_key, ctx_.settings.login_per_client, now);
    throw Error(ErrorCode::kInvalidCredentials, "The email or password is incorrect.");
  }
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  if (!tx->LockUser(user->user.id)) {  // an unverified account taken over meanwhile
    throw Error(ErrorCode::kInvalidCredentials, "The email or password is incorrect.");
  }
  auto membership = tx->FindMembershipOfUser(user->user.id);
  if (membership && membership->status == domain::MemberStatus::kRemoved) {
    throw Error(ErrorCode::kAccountRemoved,
                "This account was removed from its organization and can no longer sign in.");
  }
  auto start = StartSession(ctx_, *tx, user->user.id, input.client);
  tx->Commit();
  tx.reset();  // the limit store may need a connection of its own
  ctx_.limits.Reset(email_key);
  return start;
}

void Accounts::Logout(const Principal& principal) {
  if (principal.session_token_hash.empty()) return;  // bearer tokens have no session to end
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  tx->DeleteSession(principal.session_token_hash);
  tx->Commit();
}

std::optional<Principal> Accounts::AuthenticateSession(std::string_view session_token,
                                                       bool with_membership) {
  const std::string hash = HashToken(session_token);
  const auto now = ctx_.clock.Now();
  std::optional<SessionRecord> session;
  std::optional<domain::Member> membership;
  {
    auto tx = ctx_.store.Begin(TxMode::kRead);
    if (!with_membership) {
      session = tx->FindSession(hash);
    } else if (auto found = tx->FindSessionWithMembership(hash)) {
      session = std::move(found->credential);
      membership = std::move(found->membership);
    }
  }
  if (!session) return std::nullopt;
  const bool expired = now >= session->expires_at ||
                       now >= session->last_seen_at + ctx_.settings.session_idle;
  if (expired || now - session->last_seen_at >= ctx_.settings.session_touch_interval) {
    auto tx = ctx_.store.Begin(TxMode::kWrite);
    if (expired) {
      tx->DeleteSession(hash);
    } else {
      tx->TouchSession(hash, now);
    }
    tx->Commit();
    if (expired) return std::nullopt;
  }
  return Principal{session->user_id, hash, false, {}, std::move(membership)};
}

std::optional<Principal> Accounts::AuthenticateBearer(std::string_view api_token,
                                                      bool with_membership) {
  auto tx = ctx_.store.Begin(TxMode::kRead);
  const std::string hash = HashToken(api_token);
  if (!with_membership) {
    auto token = tx->FindApiToken(hash);
    if (!token) return std::nullopt;
    return Principal{token->user_id, {}, true, token->token_hash, std::nullopt};
  }
  auto token = tx->FindApiTokenWithMembership(hash);
  if (!token) return std::nullopt;
  return Principal{token->credential.user_id, {}, true, token->credential.token_hash,
                   std::move(token->membership)};
}

MeView Accounts::GetMe(const Principal& principal) {
  auto tx = ctx_.store.Begin(TxMode::kRead);
  return LoadMe(*tx, principal.user_id);
}

ApiTokenCreated Accounts::CreateApiToken(const Principal& principal, const std::string& name) {
  if (domain::CountCodePoints(name) > 100) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.",
                {FieldError{"name", "too_long", "Name must be at most 100 characters"}});
  }
  ApiTokenCreated created{NewId(ctx_.random), name, NewToken(ctx_.random)};
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  RequireLiveCredential(*tx, principal);
  tx->InsertApiToken(ApiTokenRecord{created.id, HashToken(created.token), principal.user_id,
                                    name, ctx_.clock.Now()});
  tx->Commit();
  return created;
}

}  // namespace roster::app
