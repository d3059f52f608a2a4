#include "app/organizations.hpp"

#include "app/access.hpp"
#include "app/security.hpp"
#include "domain/rules.hpp"
#include "domain/validation.hpp"

namespace roster::app {

using domain::Error;
using domain::ErrorCode;

namespace {

domain::Member RequireTarget(Transaction& tx, const std::string& org_id,
                             const std::string& user_id) {
  auto target = tx.FindMember(org_id, user_id);
  if (!target) throw Error(ErrorCode::kNotFound, "No such member in this organization.");
  return *target;
}

}  // namespace

domain::Organization Organizations::Activate(const Principal& principal, const std::string& name,
                                             const std::string& client_address) {
  const std::string trimmed = domain::Trim(name);
  if (auto e = domain::ValidateOrganizationName(trimmed)) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.", {*e});
  }
  const auto now = ctx_.clock.Now();
  ThrowIfWaiting(ctx_.limits.TryTake("activation-client:" + ClientLimitKey(client_address),
                                     ctx_.settings.activations_per_client, now),
                 "activation_per_client",
                 "Too many organizations were activated from this network. Try again later.");
  OrganizationRecord org{domain::Organization{NewId(ctx_.random), trimmed, now},
                         domain::OrganizationNameKey(trimmed)};
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  auto user = tx->FindUserById(principal.user_id);
  if (!user) throw Error(ErrorCode::kUnauthenticated, "This account no longer exists.");
  if (!user->user.email_verified) {
    throw Error(ErrorCode::kEmailUnverified,
                "Confirm your email address (follow the link we mailed you) before you activate "
                "an organization.");
  }
  if (tx->FindMembershipOfUser(principal.user_id)) {
    throw domain::Conflict(ErrorCode::kAlreadyInOrganization);
  }
  tx->InsertOrganization(org);  // the unique index on name_key decides simultaneous requests
  tx->InsertMember(MemberOf(*user, org.organization.id, domain::Role::kAdmin, now));
  auto actor = tx->FindMember(org.organization.id, user->user.id);
  RecordAudit(*tx, ctx_, *actor, client_address, "organization.activated", "organization", org.organization.id,
              org.organization.name);
  tx->Commit();
  return org.organization;
}

domain::Organization Organizations::Get(const domain::Member& member) {
  auto tx = ctx_.store.Begin(TxMode::kRead);
  auto org = tx->FindOrganization(member.org_id);
  if (!org) throw Error(ErrorCode::kNotFound, "No such organization.");
  return *org;
}

Page<domain::Member> Organizations::ListMembers(const domain::Member& admin,
                                                const MemberListRequest& request) {
  CheckLimit(request.limit);
  MemberQuery query{admin.org_id, request.status, request.role,
                    domain::AsciiLower(domain::Trim(request.q)), std::nullopt, request.limit + 1};
  if (!request.cursor.empty()) query.after = ctx_.cursors.DecodeMember(request.cursor);
  if (query.prefix_key.size() > domain::kMaxEmailLength) {
    throw Error(ErrorCode::kValidationFailed, "q is too long.",
                {{"q", "too_long", "Search text must be at most 254 characters"}});
  }
  auto tx = ctx_.store.Begin(TxMode::kRead);
  Page<domain::Member> page{tx->ListMembers(query), std::nullopt};
  if (static_cast<int>(page.items.size()) > request.limit) {
    page.items.resize(request.limit);
    const auto& last = page.items.back();
    page.next_cursor = ctx_.cursors.Encode(MemberCursor{domain::UsernameKey(last.username), last.user_id});
  }
  return page;
}

domain::Member Organizations::ChangeRole(const domain::Member& admin, const std::string& user_id,
                                         domain::Role role, const std::string& client_address) {
  const std::string& org_id = admin.org_id;
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  auto actor = RequireAdminInTransaction(*tx, admin);
  bool locked = false;
  for (;;) {  // again when the target changed between its read and the write
    auto target = RequireTarget(*tx, org_id, user_id);
    // Only a change that can lower the number of active admins needs the organization lock,
    // under which the last-admin rule counts them (and, unneeded otherwise, is not counted).
    const bool lowers = target.IsActiveAdmin() && role != domain::Role::kAdmin;
    if (lowers && !locked) {
      actor = RequireAdminForWrite(*tx, admin);
      locked = true;
      continue;
    }
    const int admins = lowers ? tx->CountActiveAdmins(org_id) : 0;
    if (auto refusal = domain::CheckChangeRole(target, role, admins)) throw *refusal;
    if (target.role == role) return target;  // unchanged: a no-op, nothing audited
    if (!tx->UpdateMemberRole(org_id, user_id, role)) continue;
    const std::string details = std::string("{\"from\":\"") + std::string(ToString(target.role)) +
                                "\",\"to\":\"" + std::string(ToString(role)) + "\"}";
    RecordAudit(*tx, ctx_, actor, client_address, "member.role_changed", "member", user_id,
                target.username, details);
    target.role = role;
    tx->Commit();
    return target;
  }
}

domain::Member Organizations::Remove(const domain::Member& admin, const std::string& user_id,
                                     const std::string& client_address) {
  const std::string& org_id = admin.org_id;
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  auto actor = RequireAdminInTransaction(*tx, admin);
  bool locked = false;
  for (;;) {  // again when the target changed between its read and the write
    const auto target = RequireTarget(*tx, org_id, user_id);
    const bool lowers = target.IsActiveAdmin();  // only then the organization lock (ChangeRole)
    if (lowers && !locked) {
      actor = RequireAdminForWrite(*tx, admin);
      locked = true;
      continue;
    }
    const int admins = lowers ? tx->CountActiveAdmins(org_id) : 0;
    if (auto refusal = domain::CheckRemove(actor, target, admins)) throw *refusal;
    const auto now = ctx_.clock.Now();
    if (!tx->MarkMemberRemoved(org_id, user_id, target.role, now, actor.user_id)) continue;
    tx->DeleteCredentialsOfUser(user_id);  // their very next request is 401
    RecordAudit(*tx, ctx_, actor, client_address, "member.removed", "member", user_id,
                target.username,
                std::string("{\"role\":\"") + std::string(ToString(target.role)) + "\"}");
    auto removed = tx->FindMember(org_id, user_id);
    tx->Commit();
    return *removed;
  }
}

Page<domain::AuditEvent> Organizations::ListAudit(const domain::Member& admin,
                                                  const AuditListRequest& request) {
  CheckLimit(request.limit);
  AuditQuery query{admin.org_id, std::nullopt, request.limit + 1, request.action,
                   request.member_user_id};
  if (!request.cursor.empty()) query.before_seq = ctx_.cursors.DecodeAudit(request.cursor);
  auto tx = ctx_.store.Begin(TxMode::kRead);
  auto rows = tx->ListAuditEvents(query);
  Page<domain::AuditEvent> page;
  const bool more = static_cast<int>(rows.size()) > request.limit;
  if (more) rows.resize(request.limit);
  for (auto& row : rows) page.items.push_back(std::move(row.event));
  if (more) page.next_cursor = ctx_.cursors.EncodeAudit(rows.back().seq);
  return page;
}

}  // namespace roster::app
