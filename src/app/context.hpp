#pragma once
// What every use case needs: the ports and the settings that shape behaviour.
#include <chrono>
#include <optional>
#include <string>

#include "app/paging.hpp"
#include "app/ports.hpp"
#include "app/limit_store.hpp"

namespace roster::app {

struct AppSettings {
  std::string public_url = "http://127.0.0.1:8080";  // no trailing slash
  domain::Duration invitation_ttl = std::chrono::hours(24 * 7);
  domain::Duration session_idle = std::chrono::hours(24 * 7);
  domain::Duration session_absolute = std::chrono::hours(24 * 30);
  // A session's last-seen time is written at most this often.
  bool mail_enabled = false;  // SMTP configured; otherwise messages are only logged
  domain::Duration session_touch_interval = std::chrono::minutes(1);
  RateLimit login_per_email{10, std::chrono::minutes(15)};
  RateLimit login_per_client{100, std::chrono::minutes(15)};
  int invitations_per_hour = 100;     // per organization
  int max_pending_invitations = 1000; // per organization
  domain::Duration email_verification_ttl = std::chrono::hours(24);
  domain::Duration password_reset_ttl = std::chrono::hours(1);
  // Account mail one address or one client may ask for (reset links, verification resends).
  RateLimit account_mail_per_email{5, std::chrono::hours(1)};
  RateLimit account_mail_per_client{200, std::chrono::minutes(15)};
  // Mail cannons: resends of one invitation, and mails (invitations, resends, account mail) to
  // one address whichever organization sends them.
  RateLimit resends_per_invitation{3, std::chrono::hours(1)};
  RateLimit mails_per_recipient{20, std::chrono::hours(1)};
  // Unauthenticated or cheap-account work per client address; generous enough for an office
  // behind one NAT address.
  RateLimit signups_per_client{300, std::chrono::hours(1)};
  RateLimit activations_per_client{300, std::chrono::hours(1)};
};

struct AppContext {
  Store& store;
  const Clock& clock;
  Random& random;
  PasswordHasher& hasher;
  MailSignal* mail_signal = nullptr;  // may be null (no worker, e.g. some tests)
  AppSettings settings;
  CursorCodec cursors;  // signs page cursors with the key the instances share
  LimitStore& limits;   // rate-limit counts, shared by the instances on PostgreSQL
};

// Counts one mail to `email_key` against settings.mails_per_recipient; returns 0, or the
// seconds to wait when the address got its share of mail this hour.
inline int TakeRecipientMail(AppContext& ctx, const std::string& email_key) {
  return ctx.limits.TryTake("mail-to:" + email_key, ctx.settings.mails_per_recipient,
                            ctx.clock.Now());
}

// Where a request comes from, recorded with the sessions it starts.
struct ClientInfo {
  std::string address;
  std::string user_agent;
};

// Who is calling: resolved from a session cookie or a bearer token.
struct Principal {
  std::string user_id;
  std::string session_token_hash;  // empty for bearer tokens
  bool via_bearer = false;
  std::string api_token_hash;  // set for bearer tokens
  // The caller's membership, read with the credential when the route asked for it.
  std::optional<domain::Member> membership;
};

}  // namespace roster::app
