// The per-organization and per-recipient limits of invitations: the organization's mail budget
// (shared by creations and resends), the recipient's, each invitation's resends, invitations per
// hour and pending invitations.
#include "app/invitations.hpp"
#include "app/security.hpp"
#include "metrics/metrics.hpp"

namespace roster::app {

using domain::Error;
using domain::ErrorCode;

namespace {

std::string OrgMailKey(const std::string& org_id) { return "invitation-mail-org:" + org_id; }
std::string OrgBudgetMessage(int per_hour) {
  return "This organization sent " + std::to_string(per_hour) +
         " invitation emails in the last hour. Try again later.";
}
constexpr const char* kRecipientMessage =
    "This address got too many emails in the last hour. Try again later.";

}  // namespace

RateLimit Invitations::OrgMailBudget() const {
  return RateLimit{ctx_.settings.invitations_per_hour, std::chrono::hours(1)};
}

void Invitations::CheckInvitationMail(const std::string& org_id, const std::string& email_key) {
  ThrowIfWaiting(ctx_.limits.RetryAfterSeconds(OrgMailKey(org_id), OrgMailBudget(),
                                               ctx_.clock.Now()),
                 "invitations_per_hour", OrgBudgetMessage(ctx_.settings.invitations_per_hour));
  ThrowIfWaiting(TakeRecipientMail(ctx_, email_key), "recipient_mail", kRecipientMessage);
}

void Invitations::RecordInvitationMail(const std::string& org_id, Timestamp at) {
  ctx_.limits.Record(OrgMailKey(org_id), OrgMailBudget(), at);
}

void Invitations::TakeResendBudget(const std::string& org_id, const std::string& invitation_id,
                                   const std::string& email_key) {
  const auto now = ctx_.clock.Now();
  const auto& per_invitation = ctx_.settings.resends_per_invitation;
  // Narrowest first: a refused resend uses up no budget of the wider limits.
  ThrowIfWaiting(ctx_.limits.TryTake("resend:" + invitation_id, per_invitation, now),
                 "invitation_resend",
                 "This invitation was resent " + std::to_string(per_invitation.max_events) +
                     " times lately. Try again later.");
  ThrowIfWaiting(TakeRecipientMail(ctx_, email_key), "recipient_mail", kRecipientMessage);
  ThrowIfWaiting(ctx_.limits.TryTake(OrgMailKey(org_id), OrgMailBudget(), now),
                 "invitations_per_hour",
                 OrgBudgetMessage(ctx_.settings.invitations_per_hour));
}

void Invitations::CheckAbuseLimits(Transaction& tx, const std::string& org_id, Timestamp now,
                                   bool counts_new) {
  const auto window = std::chrono::hours(1);
  const int per_hour = ctx_.settings.invitations_per_hour;
  const int extra = counts_new ? 1 : 0;  // the new invitation may make the limit, not pass it
  if (const auto oldest = tx.InvitationRateLimitReached(org_id, now - window, per_hour + extra)) {
    const auto wait = std::chrono::ceil<std::chrono::seconds>(*oldest + window - now);
    metrics::RateLimited("invitations_per_hour");
    throw Error(ErrorCode::kRateLimited,
                "This organization sent " + std::to_string(per_hour) +
                    " invitations in the last hour. Try again later.")
        .RetryAfter(std::max<int>(1, static_cast<int>(wait.count())));
  }
  if (tx.PendingInvitationCapReached(org_id, now, ctx_.settings.max_pending_invitations + extra)) {
    metrics::RateLimited("pending_invitations");
    throw Error(ErrorCode::kRateLimited,
                "This organization has too many pending invitations. Revoke some or wait "
                "until they are accepted or expire.")
        .RetryAfter(3600);
  }
}

}  // namespace roster::app
