#include "app/sessions.hpp"

#include <algorithm>

#include "domain/validation.hpp"

namespace roster::app {

using domain::Error;
using domain::ErrorCode;

Sessions::Sessions(AppContext& ctx) : ctx_(ctx) {}

std::vector<SessionView> Sessions::List(const Principal& principal) {
  const auto now = ctx_.clock.Now();
  std::vector<SessionRecord> records;
  {
    auto tx = ctx_.store.Begin(TxMode::kRead);
    records = tx->ListSessionsOfUser(principal.user_id, now);
  }
  std::vector<SessionView> views;
  for (auto& r : records) {
    const auto expires_at = std::min(r.expires_at, r.last_seen_at + ctx_.settings.session_idle);
    if (expires_at <= now) continue;  // idle past its limit: ends at its next use
    views.push_back(SessionView{std::move(r.id), r.created_at, r.last_seen_at, expires_at,
                                std::move(r.user_agent), std::move(r.client_address),
                                r.token_hash == principal.session_token_hash});
  }
  return views;
}

bool Sessions::End(const Principal& principal, const std::string& session_id) {
  bool current = false;
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  if (!principal.session_token_hash.empty()) {
    if (auto own = tx->FindSession(principal.session_token_hash)) current = own->id == session_id;
  }
  if (!tx->DeleteSessionById(principal.user_id, session_id)) {
    throw Error(ErrorCode::kNotFound, "No such session: it may have ended already.");
  }
  tx->Commit();
  return current;
}

void Sessions::EndOthers(const Principal& principal) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  tx->DeleteSessionsOfUser(principal.user_id, principal.session_token_hash);
  tx->Commit();
}

void Sessions::ChangePassword(const Principal& principal, const std::string& current_password,
                              const std::string& new_password) {
  if (auto e = domain::ValidatePassword(new_password, "new_password")) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.", {*e});
  }
  const auto now = ctx_.clock.Now();
  const std::string key = "password-user:" + principal.user_id;  // wrong current passwords
  const auto& limit = ctx_.settings.login_per_email;
  ThrowIfWaiting(ctx_.limits.RetryAfterSeconds(key, limit, now), "password_change",
                 "Too many wrong passwords. Try again later.");
  std::optional<UserRecord> user;
  {
    auto tx = ctx_.store.Begin(TxMode::kRead);
    user = tx->FindUserById(principal.user_id);
  }
  if (!user) throw Error(ErrorCode::kUnauthenticated, "This account no longer exists.");
  if (!ctx_.hasher.Verify(user->password_hash, current_password)) {
    ctx_.limits.Record(key, limit, now);
    throw Error(ErrorCode::kWrongCurrentPassword, "The current password is incorrect.");
  }
  const std::string hash = ctx_.hasher.Hash(new_password);
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  if (!tx->LockUser(principal.user_id)) {
    throw Error(ErrorCode::kUnauthenticated, "This account no longer exists.");
  }
  tx->SetPasswordHash(principal.user_id, hash);
  tx->DeleteSessionsOfUser(principal.user_id, principal.session_token_hash);
  tx->DeleteAccountLinks(principal.user_id, LinkPurpose::kResetPassword);
  tx->Commit();
  tx.reset();  // the limit store may need a connection of its own
  ctx_.limits.Reset(key);
}

}  // namespace roster::app
