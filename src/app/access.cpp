#include "app/access.hpp"

#include "app/security.hpp"
#include "domain/rules.hpp"

namespace roster::app {

using domain::Error;
using domain::ErrorCode;

const domain::Member& RequireMember(const std::optional<domain::Member>& membership,
                                    std::string_view org_id) {
  if (!membership) {
    throw Error(ErrorCode::kOrganizationRequired,
                "Activate organization mode first (Settings -> Organization).");
  }
  if (membership->org_id != org_id || membership->status != domain::MemberStatus::kActive) {
    throw Error(ErrorCode::kNotAMember, "You are not a member of this organization.");
  }
  return *membership;
}

const domain::Member& RequireAdmin(const std::optional<domain::Member>& membership,
                                   std::string_view org_id) {
  const auto& member = RequireMember(membership, org_id);
  if (auto refusal = domain::CheckCanManage(member)) throw *refusal;
  return member;
}

domain::Member RequireAdminForWrite(Transaction& tx, const domain::Member& admin) {
  tx.LockOrganization(admin.org_id);
  return RequireAdminInTransaction(tx, admin);
}

domain::Member RequireAdminSharing(Transaction& tx, const domain::Member& admin) {
  tx.ShareOrganization(admin.org_id);
  return RequireAdminInTransaction(tx, admin);
}

domain::Member RequireAdminInTransaction(Transaction& tx, const domain::Member& admin) {
  return RequireAdmin(tx.FindMembershipOfUser(admin.user_id), admin.org_id);
}

void RecordAudit(Transaction& tx, AppContext& ctx, const domain::Member& actor,
                 std::string_view client_address, std::string_view action, std::string_view target_type,
                 std::string_view target_id, std::string_view target_label,
                 std::string details_json) {
  domain::AuditEvent event;
  event.at = ctx.clock.Now();
  event.id = NewId(ctx.random, event.at);
  event.org_id = actor.org_id;
  event.actor_user_id = actor.user_id;
  event.actor_username = actor.username;
  event.action = action;
  event.target_type = target_type;
  event.target_id = target_id;
  event.target_label = target_label;
  event.details_json = std::move(details_json);
  event.client_address = client_address;
  tx.InsertAuditEvent(event);
}

}  // namespace roster::app
