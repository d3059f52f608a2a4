#include "app/account_links.hpp"

#include <memory>

#include "app/email_text.hpp"
#include "app/security.hpp"
#include "domain/validation.hpp"

namespace roster::app {

using domain::Error;
using domain::ErrorCode;

namespace {

constexpr std::size_t kMaxTokenLength = 128;  // ours are 43 characters; longer ones are not hashed

std::string Url(const AppContext& ctx, std::string_view page, const std::string& token) {
  return ctx.settings.public_url + "/" + std::string(page) + "/" + token;
}

void QueueMessage(AppContext& ctx, Transaction& tx, const std::string& recipient,
                  const EmailMessage& email, const std::string& link) {
  const auto now = ctx.clock.Now();
  OutboxMessage message;
  message.id = NewId(ctx.random, now);
  message.recipient = recipient;
  message.subject = email.subject;
  message.body_text = email.text;
  message.body_html = email.html;
  message.link = link;
  message.created_at = now;
  message.next_attempt_at = now;
  tx.InsertOutboxMessage(message);
}

EmailMessage VerificationEmail(const std::string& link, domain::Timestamp expires_at) {
  return ComposeLinkEmail(
      "Confirm your email address for Roster",
      {"Please confirm that this is your email address by opening this link:"}, link,
      {"The link works once and expires on " + FormatHumanUtc(expires_at) + ".",
       "If you did not sign up for Roster, you can ignore this email."});
}

EmailMessage ResetEmail(const std::string& link, domain::Timestamp expires_at) {
  return ComposeLinkEmail(
      "Reset your Roster password",
      {"Someone asked to reset the password of your Roster account. To choose a new password, "
       "open this link:"},
      link,
      {"The link works once and expires on " + FormatHumanUtc(expires_at) + ".",
       "If you did not ask for this, you can ignore this email: your password stays as it is."});
}

std::string CreateLink(AppContext& ctx, Transaction& tx, const std::string& user_id,
                       LinkPurpose purpose, domain::Duration ttl) {
  const auto now = ctx.clock.Now();
  std::string token = NewToken(ctx.random);
  tx.InsertAccountLink(AccountLinkRecord{HashToken(token), user_id, purpose, now, now + ttl});
  return token;
}

}  // namespace

void QueueVerificationMail(AppContext& ctx, Transaction& tx, const UserRecord& user) {
  tx.DeleteAccountLinks(user.user.id, LinkPurpose::kVerifyEmail);
  const auto ttl = ctx.settings.email_verification_ttl;
  const std::string token = CreateLink(ctx, tx, user.user.id, LinkPurpose::kVerifyEmail, ttl);
  const std::string link = Url(ctx, "verify-email", token);
  QueueMessage(ctx, tx, user.user.email, VerificationEmail(link, ctx.clock.Now() + ttl), link);
}

AccountLinks::AccountLinks(AppContext& ctx) : ctx_(ctx) {}

AccountLinks::~AccountLinks() {
  std::unique_lock lock(deferred_mutex_);
  deferred_done_.wait(lock, [&] { return deferred_ == 0; });
}

std::function<void()> AccountLinks::DeferredResetLink(std::string email) {
  {
    std::lock_guard lock(deferred_mutex_);
    ++deferred_;
  }
  // Released once the job has run, or was dropped unrun (a pool stopped early).
  std::shared_ptr<void> done(nullptr, [this](void*) {
    std::lock_guard lock(deferred_mutex_);
    if (--deferred_ == 0) deferred_done_.notify_all();
  });
  return [this, done, email = std::move(email)] {
    try {
      SendResetLink(email);
    } catch (const std::exception&) {
      // Nobody waits for this answer; asking again sends a new link.
    }
  };
}

void AccountLinks::ThrowIfLimited(const std::string& email_key,
                                  const std::string& client_address) {
  const auto now = ctx_.clock.Now();
  const auto& s = ctx_.settings;
  const std::string email_limit_key = "account-mail:" + email_key;
  const std::string client_key = "account-mail-client:" + ClientLimitKey(client_address);
  const std::string message = "Too many emails were asked for. Try again later.";
  ThrowIfWaiting(ctx_.limits.RetryAfterSeconds(email_limit_key, s.account_mail_per_email, now),
                 "account_mail_per_email", message);
  ThrowIfWaiting(ctx_.limits.RetryAfterSeconds(client_key, s.account_mail_per_client, now),
                 "account_mail_per_client", message);
  // Shared with invitation mail.
  ThrowIfWaiting(TakeRecipientMail(ctx_, email_key), "recipient_mail", message);
  ctx_.limits.Record(email_limit_key, s.account_mail_per_email, now);
  ctx_.limits.Record(client_key, s.account_mail_per_client, now);
}

void AccountLinks::ResendVerification(const Principal& principal,
                                      const std::string& client_address) {
  std::string email_key;
  {
    auto tx = ctx_.store.Begin(TxMode::kRead);
    auto user = tx->FindUserById(principal.user_id);
    if (!user) throw Error(ErrorCode::kUnauthenticated, "This account no longer exists.");
    if (user->user.email_verified) return;
    email_key = user->email_key;
  }
  ThrowIfLimited(email_key, client_address);
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  auto user = tx->FindUserById(principal.user_id);
  if (!user || user->user.email_verified) return;
  QueueVerificationMail(ctx_, *tx, *user);
  tx->Commit();
  if (ctx_.mail_signal) ctx_.mail_signal->MessageQueued();
}

AccountLinkRecord AccountLinks::RequireLink(Transaction& tx, const std::string& token,
                                            LinkPurpose purpose) {
  std::optional<AccountLinkRecord> link;
  if (!token.empty() && token.size() <= kMaxTokenLength) link = tx.FindAccountLink(HashToken(token));
  if (!link || link->purpose != purpose || ctx_.clock.Now() >= link->expires_at) {
    throw Error(ErrorCode::kLinkInvalid,
                "This link is not valid: it was already used, replaced by a newer one, or it "
                "expired.");
  }
  return *link;
}

void AccountLinks::VerifyEmail(const std::string& token) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto link = RequireLink(*tx, token, LinkPurpose::kVerifyEmail);
  tx->SetEmailVerified(link.user_id);
  tx->DeleteAccountLinks(link.user_id, LinkPurpose::kVerifyEmail);
  tx->Commit();
}

void AccountLinks::CheckResetRequest(const std::string& email, const std::string& client_address) {
  if (auto e = domain::ValidateEmail(email)) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.", {*e});
  }
  int waiting = 0;
  {
    std::lock_guard lock(deferred_mutex_);
    waiting = deferred_;
  }
  ThrowIfWaiting(waiting >= kMaxDeferred ? 1 : 0, "reset_backlog",
                 "Too many password resets are waiting to be sent. Try again in a moment.");
  ThrowIfLimited(domain::EmailKey(email), client_address);
}

std::optional<std::string> AccountLinks::IssueResetLink(const std::string& email_key) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  auto user = tx->FindUserByEmailKey(email_key);
  if (!user) return std::nullopt;
  const auto membership = tx->FindMembershipOfUser(user->user.id);
  if (membership && membership->status == domain::MemberStatus::kRemoved) return std::nullopt;
  const std::string token = CreateLink(ctx_, *tx, user->user.id, LinkPurpose::kResetPassword,
                                       ctx_.settings.password_reset_ttl);
  tx->Commit();
  return Url(ctx_, "reset-password", token);
}

void AccountLinks::SendResetLink(const std::string& email) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  auto user = tx->FindUserByEmailKey(domain::EmailKey(email));
  if (!user) return;
  const auto membership = tx->FindMembershipOfUser(user->user.id);
  if (membership && membership->status == domain::MemberStatus::kRemoved) return;
  const auto ttl = ctx_.settings.password_reset_ttl;
  const std::string token =
      CreateLink(ctx_, *tx, user->user.id, LinkPurpose::kResetPassword, ttl);
  const std::string link = Url(ctx_, "reset-password", token);
  QueueMessage(ctx_, *tx, user->user.email, ResetEmail(link, ctx_.clock.Now() + ttl), link);
  tx->Commit();
  if (ctx_.mail_signal) ctx_.mail_signal->MessageQueued();
}

void AccountLinks::ResetPassword(const std::string& token, const std::string& password) {
  if (auto e = domain::ValidatePassword(password)) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.", {*e});
  }
  {  // Fail fast, before the slow hash, when the link is no good anyway.
    auto tx = ctx_.store.Begin(TxMode::kRead);
    RequireLink(*tx, token, LinkPurpose::kResetPassword);
  }
  const std::string hash = ctx_.hasher.Hash(password);
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto link = RequireLink(*tx, token, LinkPurpose::kResetPassword);
  tx->SetPasswordHash(link.user_id, hash);
  tx->SetEmailVerified(link.user_id);
  tx->DeleteSessionsOfUser(link.user_id, "");
  tx->DeleteAccountLinks(link.user_id, LinkPurpose::kResetPassword);
  tx->Commit();
}

}  // namespace roster::app
