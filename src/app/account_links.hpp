#pragma once
// Mailed single-use links of an account: email verification and password reset.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

#include "app/context.hpp"

namespace roster::app {

// Writes a fresh verification link for `user` and its message in `tx` (earlier links of the
// account stop working). Signup calls it when SMTP is configured.
void QueueVerificationMail(AppContext& ctx, Transaction& tx, const UserRecord& user);

class AccountLinks {
 public:
  static constexpr int kMaxDeferred = 1000;  // reset jobs waiting to run

  explicit AccountLinks(AppContext& ctx);
  // Waits for the reset mails still to be queued (see DeferredResetLink).
  ~AccountLinks();

  // POST /auth/email-verification: mails the caller a fresh link; nothing when verified.
  void ResendVerification(const Principal& principal, const std::string& client_address);
  // POST /auth/email-verification/{token}: link_invalid when unknown, used or expired.
  void VerifyEmail(const std::string& token);

  // POST /auth/password-reset, the part the answer waits for: validation and the per-email and
  // per-client limits (no database, no hash: known and unknown emails cost the same); 429 while
  // kMaxDeferred reset jobs wait to run, so a flood cannot grow that queue without end.
  void CheckResetRequest(const std::string& email, const std::string& client_address);
  // The part that runs after the answer: mails a link when the email has an account that is
  // not a removed member.
  void SendResetLink(const std::string& email);
  // SendResetLink(email) as a job to run later on a worker thread; this object outlives it.
  std::function<void()> DeferredResetLink(std::string email);
  // A link for `email_key`'s account, for `roster admin reset-link`; nullopt when none.
  std::optional<std::string> IssueResetLink(const std::string& email_key);
  // POST /auth/password-reset/{token}: sets the password (slow: argon2id), ends every session
  // of the account and every reset link, and counts the email as verified (the link came by mail).
  void ResetPassword(const std::string& token, const std::string& password);

 private:
  // The live link behind `token` or link_invalid.
  AccountLinkRecord RequireLink(Transaction& tx, const std::string& token, LinkPurpose purpose);
  void ThrowIfLimited(const std::string& email_key, const std::string& client_address);

  AppContext& ctx_;
  std::mutex deferred_mutex_;
  std::condition_variable deferred_done_;
  int deferred_ = 0;  // jobs made by DeferredResetLink that have not finished
};

}  // namespace roster::app
