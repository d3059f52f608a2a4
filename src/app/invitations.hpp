#pragma once
// The invitation lifecycle: invite, list, resend, revoke, and the public accept link.
#include <optional>
#include <string>
#include <vector>

#include "app/accounts.hpp"
#include "app/context.hpp"
#include "app/paging.hpp"

namespace roster::app {

struct InviteInput {
  std::string email;
  std::string username;
  std::string role;  // "USER" or "ADMIN"
};

struct InvitationListRequest {
  std::vector<domain::InvitationStatus> statuses;  // empty = all
  int limit = kDefaultPageLimit;
  std::string cursor;
};

// An invitation as an ADMIN sees it, with the status derived at read time.
struct InvitationView {
  domain::Invitation invitation;
  domain::InvitationStatus status = domain::InvitationStatus::kPending;
  // The accept link, only while the latest message is undelivered (DISABLED or FAILED) and the
  // invitation can still be accepted.
  std::optional<std::string> invite_url;
};

// What the public accept page may see.
struct InvitationOffer {
  std::string organization_name;
  std::string email;
  std::string username;
  domain::Role role = domain::Role::kUser;
  domain::InvitationStatus status = domain::InvitationStatus::kPending;
  domain::Timestamp expires_at;
};

class Invitations {
 public:
  explicit Invitations(AppContext& ctx) : ctx_(ctx) {}

  // `admin` is the caller's membership as the route checked it (an ACTIVE ADMIN); writes check
  // it again in their transaction.
  InvitationView Create(const domain::Member& admin, const InviteInput& input,
                        const std::string& client_address);
  Page<InvitationView> List(const domain::Member& admin, const InvitationListRequest& request);
  InvitationView Resend(const domain::Member& admin, const std::string& invitation_id,
                        const std::string& client_address);
  InvitationView Revoke(const domain::Member& admin, const std::string& invitation_id,
                        const std::string& client_address);
  InvitationOffer Lookup(const std::string& token);
  SessionStart Accept(const std::string& token, const std::string& password,
                      const ClientInfo& client);
  domain::Duration invitation_ttl() const { return ctx_.settings.invitation_ttl; }

 private:
  InvitationView View(const domain::Invitation& invitation) const;
  // Issues a fresh token and queues its email; updates `record` (not yet written).
  void IssueToken(Transaction& tx, InvitationRecord& record, const std::string& org_name,
                  Timestamp now);
  // Create's transaction: writes `record` (id, keys and input set) with its token, email and
  // audit event; its limits held shared or `exclusive` (Transaction::HoldInvitationLimits).
  void InsertNew(const domain::Member& admin, InvitationRecord& record,
                 const std::string& client_address, bool exclusive);
  // Per-organization limits: invitations per hour and pending invitations (429 rate_limited).
  // `counts_new`: the new invitation is already written and counted.
  void CheckAbuseLimits(Transaction& tx, const std::string& org_id, Timestamp now,
                        bool counts_new);
  // Invitation mails (creations and resends) an organization may send per hour.
  RateLimit OrgMailBudget() const;
  // Before a creation: the organization's mail budget allows one more, and the recipient's
  // (shared with every other sender) takes it (429 rate_limited otherwise).
  void CheckInvitationMail(const std::string& org_id, const std::string& email_key);
  // After a creation's commit: it counts against the organization's mail budget.
  void RecordInvitationMail(const std::string& org_id, Timestamp at);
  // Counts a resend against the invitation's, the recipient's and the organization's budgets
  // (429 rate_limited beyond any of them).
  void TakeResendBudget(const std::string& org_id, const std::string& invitation_id,
                        const std::string& email_key);
  void CheckConflicts(Transaction& tx, const std::string& org_id, const std::string& email_key,
                      const std::string& username_key);

  AppContext& ctx_;
};

}  // namespace roster::app
