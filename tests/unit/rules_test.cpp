// Every guardrail of the guide, as a table: who acts, on whom, with how many active admins.
#include "domain/rules.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace roster::domain {
namespace {

Member MakeMember(std::string id, Role role, MemberStatus status = MemberStatus::kActive) {
  Member m;
  m.org_id = "org";
  m.user_id = std::move(id);
  m.username = m.user_id;
  m.role = role;
  m.status = status;
  return m;
}

std::optional<ErrorCode> CodeOf(const std::optional<Error>& e) {
  return e ? std::optional<ErrorCode>(e->code()) : std::nullopt;
}

struct RoleCase {
  const char* name;
  Member target;
  Role new_role;
  int active_admins;
  std::optional<ErrorCode> expected;
};

TEST(CheckChangeRole, Table) {
  const RoleCase cases[] = {
      {"promote user", MakeMember("u", Role::kUser), Role::kAdmin, 1, std::nullopt},
      {"demote one of two admins", MakeMember("a", Role::kAdmin), Role::kUser, 2, std::nullopt},
      {"demote the last admin", MakeMember("a", Role::kAdmin), Role::kUser, 1, ErrorCode::kLastAdmin},
      {"last admin keeps ADMIN (no-op)", MakeMember("a", Role::kAdmin), Role::kAdmin, 1, std::nullopt},
      {"user stays user", MakeMember("u", Role::kUser), Role::kUser, 1, std::nullopt},
      {"removed user cannot be promoted", MakeMember("r", Role::kUser, MemberStatus::kRemoved),
       Role::kAdmin, 1, ErrorCode::kMemberRemoved},
      {"removed admin cannot be changed", MakeMember("r", Role::kAdmin, MemberStatus::kRemoved),
       Role::kUser, 3, ErrorCode::kMemberRemoved},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CodeOf(CheckChangeRole(c.target, c.new_role, c.active_admins)), c.expected) << c.name;
  }
}

struct RemoveCase {
  const char* name;
  Member actor;
  Member target;
  int active_admins;
  std::optional<ErrorCode> expected;
};

TEST(CheckRemove, Table) {
  const auto admin = MakeMember("admin", Role::kAdmin);
  const RemoveCase cases[] = {
      {"remove a user", admin, MakeMember("u", Role::kUser), 1, std::nullopt},
      {"remove another admin", admin, MakeMember("b", Role::kAdmin), 2, std::nullopt},
      {"remove yourself", admin, admin, 2, ErrorCode::kCannotRemoveSelf},
      {"remove yourself as last admin", admin, admin, 1, ErrorCode::kCannotRemoveSelf},
      {"remove the last active admin", admin, MakeMember("b", Role::kAdmin), 1, ErrorCode::kLastAdmin},
      {"remove a removed member", admin, MakeMember("r", Role::kUser, MemberStatus::kRemoved), 1,
       ErrorCode::kMemberRemoved},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CodeOf(CheckRemove(c.actor, c.target, c.active_admins)), c.expected) << c.name;
  }
}

TEST(CheckCanManage, OnlyActiveAdmins) {
  EXPECT_FALSE(CheckCanManage(MakeMember("a", Role::kAdmin)).has_value());
  EXPECT_EQ(CodeOf(CheckCanManage(MakeMember("u", Role::kUser))), ErrorCode::kAdminRequired);
  EXPECT_EQ(CodeOf(CheckCanManage(MakeMember("r", Role::kAdmin, MemberStatus::kRemoved))),
            ErrorCode::kAdminRequired);
}

Invitation MakeInvitation(InvitationStatus stored, Timestamp expires_at) {
  Invitation inv;
  inv.stored_status = stored;
  inv.expires_at = expires_at;
  return inv;
}

TEST(InvitationLifecycle, ExpiryIsDerivedFromExpiresAt) {
  const Timestamp now = FromMillis(1'000'000);
  const auto pending = MakeInvitation(InvitationStatus::kPending, now + std::chrono::seconds(1));
  EXPECT_EQ(pending.StatusAt(now), InvitationStatus::kPending);
  EXPECT_EQ(pending.StatusAt(now + std::chrono::seconds(1)), InvitationStatus::kExpired);
  const auto revoked = MakeInvitation(InvitationStatus::kRevoked, now - std::chrono::hours(1));
  EXPECT_EQ(revoked.StatusAt(now), InvitationStatus::kRevoked);  // revoked stays revoked
}

TEST(InvitationLifecycle, AcceptResendRevokeTable) {
  const Timestamp now = FromMillis(5'000'000);
  const auto future = now + std::chrono::hours(1);
  const auto past = now - std::chrono::hours(1);
  struct Case {
    InvitationStatus stored;
    Timestamp expires;
    std::optional<ErrorCode> accept, resend, revoke;
    bool accept_gone;  // the accept answer is 410
  };
  const Case cases[] = {
      {InvitationStatus::kPending, future, std::nullopt, std::nullopt, std::nullopt, false},
      {InvitationStatus::kPending, past, ErrorCode::kInvitationExpired, std::nullopt, std::nullopt,
       true},
      {InvitationStatus::kExpired, past, ErrorCode::kInvitationExpired, std::nullopt, std::nullopt,
       true},
      {InvitationStatus::kRevoked, future, ErrorCode::kInvitationLinkRevoked,
       ErrorCode::kInvitationRevoked, std::nullopt, true},
      {InvitationStatus::kAccepted, future, ErrorCode::kInvitationAccepted,
       ErrorCode::kInvitationAccepted, ErrorCode::kInvitationAccepted, false},
  };
  for (const auto& c : cases) {
    const auto inv = MakeInvitation(c.stored, c.expires);
    const auto accept = CheckAccept(inv, now);
    EXPECT_EQ(CodeOf(accept), c.accept) << ToString(c.stored);
    if (accept) {
      EXPECT_EQ(Spec(accept->code()).status == 410, c.accept_gone) << ToString(c.stored);
    }
    EXPECT_EQ(CodeOf(CheckResend(inv, now)), c.resend) << ToString(c.stored);
    EXPECT_EQ(CodeOf(CheckRevoke(inv, now)), c.revoke) << ToString(c.stored);
  }
}

}  // namespace
}  // namespace roster::domain
