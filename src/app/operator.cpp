#include "app/operator.hpp"

#include "app/access.hpp"
#include "domain/validation.hpp"

namespace roster::app {

using domain::Error;
using domain::ErrorCode;

namespace {

// The actor of the audit events that `roster admin` writes.
domain::Member CliActor(const std::string& org_id) {
  domain::Member actor;
  actor.org_id = org_id;
  actor.user_id = "cli";
  actor.username = "roster admin";
  return actor;
}

UserRecord RequireUser(Transaction& tx, const std::string& email) {
  auto user = tx.FindUserByEmailKey(domain::EmailKey(domain::Trim(email)));
  if (!user) throw Error(ErrorCode::kNotFound, "no account has the email " + email);
  return *user;
}

}  // namespace

bool Operator::Promote(const std::string& org_name, const std::string& email) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto org = tx->FindOrganizationByNameKey(domain::OrganizationNameKey(domain::Trim(org_name)));
  if (!org) throw Error(ErrorCode::kNotFound, "no organization is named " + org_name);
  tx->LockOrganization(org->id);
  const auto user = RequireUser(*tx, email);
  const auto member = tx->FindMember(org->id, user.user.id);
  if (!member) {
    throw Error(ErrorCode::kNotFound, email + " is not a member of " + org->name);
  }
  if (member->status != domain::MemberStatus::kActive) {
    throw Error(ErrorCode::kMemberRemoved, email + " was removed from " + org->name +
                                               " and cannot be promoted");
  }
  if (member->role == domain::Role::kAdmin) return false;
  tx->UpdateMemberRole(org->id, user.user.id, domain::Role::kAdmin);
  RecordAudit(*tx, ctx_, CliActor(org->id), "", "member.role_changed", "member", user.user.id,
              member->username, R"({"from":"USER","to":"ADMIN"})");
  tx->Commit();
  return true;
}

std::string Operator::ResetLink(const std::string& email) {
  {
    auto tx = ctx_.store.Begin(TxMode::kRead);
    const auto user = RequireUser(*tx, email);
    const auto membership = tx->FindMembershipOfUser(user.user.id);
    if (membership && membership->status != domain::MemberStatus::kActive) {
      throw Error(ErrorCode::kMemberRemoved,
                  email + " was removed from their organization and cannot sign in");
    }
  }
  auto link = links_.IssueResetLink(domain::EmailKey(domain::Trim(email)));
  if (!link) throw Error(ErrorCode::kNotFound, "no account has the email " + email);
  return *link;
}

std::vector<OrganizationSummary> Operator::Organizations() {
  auto tx = ctx_.store.Begin(TxMode::kRead);
  return tx->ListOrganizationSummaries();
}

}  // namespace roster::app
