// Invitations: round trips, the pending-only unique indexes, releasing expired holders, and the
// newest-first list with derived statuses.
#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

using domain::DeliveryState;
using domain::ErrorCode;
using domain::InvitationStatus;

class InvitationStore : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    SeedOrg("o1");
    SeedMember("o1", "admin", domain::Role::kAdmin);
  }
  void Insert(const app::InvitationRecord& record) {
    auto tx = Write();
    tx->InsertInvitation(record);
    tx->Commit();
  }
  std::vector<std::string> Ids(app::InvitationQuery query) {
    std::vector<std::string> ids;
    for (const auto& inv : Read()->ListInvitations(query)) ids.push_back(inv.id);
    return ids;
  }
};
ROSTER_STORE_SUITE(InvitationStore);

TEST_P(InvitationStore, RoundTripWithInviterAndLatestMessage) {
  auto record = Invitation("o1", "i1", "bob", 10, 1000);
  record.invitation.role = domain::Role::kAdmin;
  {
    auto tx = Write();
    auto message = Message("m1", "i1", 10);
    message.state = DeliveryState::kDisabled;
    tx->InsertOutboxMessage(message);  // before its invitation: the key is checked at commit
    record.latest_message_id = "m1";
    tx->InsertInvitation(record);
    tx->Commit();
  }
  auto tx = Read();
  const auto found = tx->FindInvitation("o1", "i1");
  ASSERT_TRUE(found);
  const auto& inv = found->invitation;
  EXPECT_EQ(inv.email, "bob@example.com");
  EXPECT_EQ(inv.username, "bob");
  EXPECT_EQ(inv.role, domain::Role::kAdmin);
  EXPECT_EQ(inv.stored_status, InvitationStatus::kPending);
  EXPECT_EQ(inv.created_at, At(10));
  EXPECT_EQ(inv.expires_at, At(1000));
  EXPECT_EQ(inv.invited_by_username, "admin");
  EXPECT_EQ(inv.email_delivery, DeliveryState::kDisabled);
  EXPECT_EQ(inv.pending_link, "https://roster.example/i/m1");
  EXPECT_EQ(found->latest_message_id, "m1");
  EXPECT_EQ(found->email_key, "bob@example.com");
  EXPECT_EQ(found->username_key, "bob");
  EXPECT_FALSE(tx->FindInvitation("o2", "i1"));
  EXPECT_EQ(tx->FindInvitationByTokenHash("token-i1")->invitation.id, "i1");
  EXPECT_FALSE(tx->FindInvitationByTokenHash("token-none"));
}

TEST_P(InvitationStore, UpdateWritesStatusTokenExpiryAndTimes) {
  Insert(Invitation("o1", "i1", "bob", 10, 1000));
  auto record = *Read()->FindInvitation("o1", "i1");
  record.invitation.stored_status = InvitationStatus::kAccepted;
  record.invitation.token_hash = "token-new";
  record.invitation.expires_at = At(2000);
  record.invitation.accepted_at = At(20);
  {
    auto tx = Write();
    tx->UpdateInvitation(record);
    tx->Commit();
  }
  const auto found = Read()->FindInvitationByTokenHash("token-new");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->invitation.stored_status, InvitationStatus::kAccepted);
  EXPECT_EQ(found->invitation.expires_at, At(2000));
  EXPECT_EQ(found->invitation.accepted_at, At(20));
  EXPECT_FALSE(found->invitation.revoked_at);
  EXPECT_FALSE(found->latest_message_id);
  EXPECT_EQ(found->invitation.email_delivery, DeliveryState::kQueued);  // no message
  EXPECT_FALSE(found->invitation.pending_link);
}

TEST_P(InvitationStore, OnlyPendingInvitationsHoldEmailAndUsername) {
  Insert(Invitation("o1", "i1", "bob", 10, 1000));
  auto tx = Write();
  EXPECT_TRUE(tx->IsEmailHeldByPendingInvitation("o1", "bob@example.com"));
  EXPECT_TRUE(tx->IsUsernameHeldByPendingInvitation("o1", "bob"));
  auto same_email = Invitation("o1", "i2", "robert", 11, 1000);
  same_email.email_key = "bob@example.com";
  EXPECT_EQ(ErrorOf([&] { tx->InsertInvitation(same_email); }), ErrorCode::kEmailInvited);
  auto same_name = Invitation("o1", "i3", "bob", 12, 1000);
  same_name.email_key = "other@example.com";
  EXPECT_EQ(ErrorOf([&] { tx->InsertInvitation(same_name); }), ErrorCode::kUsernameTaken);
  auto revoked = Invitation("o1", "i4", "bobby", 13, 1000);
  revoked.email_key = "bob@example.com";
  revoked.invitation.stored_status = InvitationStatus::kRevoked;
  tx->InsertInvitation(revoked);  // not pending: holds nothing
  auto elsewhere = Invitation("o1", "i5", "bob", 14, 1000);
  elsewhere.invitation.org_id = "o2";
  tx->InsertOrganization(Org("o2"));
  tx->InsertInvitation(elsewhere);  // another organization
  revoked.invitation.stored_status = InvitationStatus::kPending;
  EXPECT_EQ(ErrorOf([&] { tx->UpdateInvitation(revoked); }), ErrorCode::kEmailInvited);
  tx->Commit();
  EXPECT_EQ(Ids(app::InvitationQuery{"o1", {}, At(0)}), (std::vector<std::string>{"i4", "i1"}));
}

// org_names: one holder per username across members (removed ones included) and pending
// invitations, whatever the writers checked before; a revoked or expired invitation frees it,
// an accepted one hands it to the new member.
TEST_P(InvitationStore, AUsernameHasOneHolderAcrossMembersAndPendingInvitations) {
  SeedMember("o1", "carol");
  Insert(Invitation("o1", "i1", "bob", 10, 1000));
  Insert(Invitation("o1", "i2", "dave", 10, 1000));
  auto tx = Write();
  EXPECT_TRUE(tx->IsUsernameHeld("o1", "carol"));
  EXPECT_TRUE(tx->IsUsernameHeld("o1", "bob"));
  EXPECT_FALSE(tx->IsUsernameHeld("o1", "erin"));
  EXPECT_EQ(ErrorOf([&] { tx->InsertInvitation(Invitation("o1", "i3", "carol", 11, 1000)); }),
            ErrorCode::kUsernameTaken);

  auto accepted = *tx->FindInvitation("o1", "i1");
  accepted.invitation.stored_status = InvitationStatus::kAccepted;
  tx->UpdateInvitation(accepted);
  const auto bob = User("bob");
  tx->InsertUser(bob);
  tx->InsertMember(app::MemberOf(bob, "o1", domain::Role::kUser, At(20)));
  EXPECT_TRUE(tx->IsUsernameHeld("o1", "bob"));
  EXPECT_EQ(ErrorOf([&] { tx->InsertInvitation(Invitation("o1", "i4", "bob", 21, 1000)); }),
            ErrorCode::kUsernameTaken);

  auto revoked = *tx->FindInvitation("o1", "i2");
  revoked.invitation.stored_status = InvitationStatus::kRevoked;
  tx->UpdateInvitation(revoked);
  EXPECT_FALSE(tx->IsUsernameHeld("o1", "dave"));
  tx->InsertInvitation(Invitation("o1", "i5", "dave", 22, 1000));
  EXPECT_TRUE(tx->IsUsernameHeld("o1", "dave"));
  tx->Commit();
}

TEST_P(InvitationStore, ExpiredHoldersAreReleasedForANewInvitation) {
  Insert(Invitation("o1", "old", "bob", 10, 100));
  Insert(Invitation("o1", "live", "carol", 10, 5000));
  auto tx = Write();
  tx->ReleaseExpiredHolders("o1", "bob@example.com", "bob", At(99));  // not yet expired
  EXPECT_TRUE(tx->IsEmailHeldByPendingInvitation("o1", "bob@example.com"));
  tx->ReleaseExpiredHolders("o1", "bob@example.com", "carol", At(100));
  EXPECT_FALSE(tx->IsEmailHeldByPendingInvitation("o1", "bob@example.com"));
  EXPECT_FALSE(tx->IsUsernameHeldByPendingInvitation("o1", "bob"));
  EXPECT_TRUE(tx->IsUsernameHeldByPendingInvitation("o1", "carol"));  // still valid
  tx->InsertInvitation(Invitation("o1", "new", "bob", 200, 5000));
  tx->Commit();
  EXPECT_EQ(Read()->FindInvitation("o1", "old")->invitation.stored_status,
            InvitationStatus::kExpired);
}

// The email and the username can be held by two different expired invitations (and the same
// invitation can hold both): every expired holder is released, once.
TEST_P(InvitationStore, ExpiredHoldersOfTheEmailAndOfTheUsernameAreBothReleased) {
  Insert(Invitation("o1", "by-email", "bob", 10, 100));
  Insert(Invitation("o1", "by-name", "carol", 10, 100));
  Insert(Invitation("o1", "both", "dave", 10, 100));
  auto tx = Write();
  tx->ReleaseExpiredHolders("o1", "bob@example.com", "carol", At(100));
  tx->ReleaseExpiredHolders("o1", "dave@example.com", "dave", At(100));
  EXPECT_FALSE(tx->IsEmailHeldByPendingInvitation("o1", "bob@example.com"));
  EXPECT_FALSE(tx->IsUsernameHeldByPendingInvitation("o1", "carol"));
  EXPECT_FALSE(tx->IsUsernameHeldByPendingInvitation("o1", "dave"));
  tx->InsertInvitation(Invitation("o1", "new", "bob", 200, 5000));
  tx->Commit();
  for (const char* id : {"by-email", "by-name", "both"}) {
    EXPECT_EQ(Read()->FindInvitation("o1", id)->invitation.stored_status,
              InvitationStatus::kExpired)
        << id;
  }
}

TEST_P(InvitationStore, ReleaseByUsernameOnly) {
  Insert(Invitation("o1", "old", "bob", 10, 100));
  auto tx = Write();
  tx->ReleaseExpiredHolders("o1", "someone@example.com", "bob", At(150));
  auto again = Invitation("o1", "new", "bob", 200, 5000);
  tx->InsertInvitation(again);
  tx->Commit();
}

TEST_P(InvitationStore, ListDerivesExpiredAndFiltersByStatus) {
  auto expired_pending = Invitation("o1", "a", "ann", 1, 50);
  auto stored_expired = Invitation("o1", "b", "ben", 2, 50);
  stored_expired.invitation.stored_status = InvitationStatus::kExpired;
  auto accepted = Invitation("o1", "c", "cat", 3, 50);
  accepted.invitation.stored_status = InvitationStatus::kAccepted;
  auto revoked = Invitation("o1", "d", "dan", 4, 50);
  revoked.invitation.stored_status = InvitationStatus::kRevoked;
  auto pending = Invitation("o1", "e", "eve", 5, 500);
  for (const auto& r : {expired_pending, stored_expired, accepted, revoked, pending}) Insert(r);
  using V = std::vector<std::string>;
  const auto now = At(100);
  EXPECT_EQ(Ids({"o1", {}, now}), (V{"e", "d", "c", "b", "a"}));
  EXPECT_EQ(Ids({"o1", {InvitationStatus::kPending}, now}), (V{"e"}));
  EXPECT_EQ(Ids({"o1", {InvitationStatus::kExpired}, now}), (V{"b", "a"}));
  EXPECT_EQ(Ids({"o1", {InvitationStatus::kAccepted}, now}), (V{"c"}));
  EXPECT_EQ(Ids({"o1", {InvitationStatus::kRevoked, InvitationStatus::kPending}, now}),
            (V{"e", "d"}));
  EXPECT_EQ(Ids({"o1", {InvitationStatus::kPending}, At(49)}), (V{"e", "a"}));
  EXPECT_EQ(Ids({"o1", {InvitationStatus::kExpired}, At(50)}), (V{"b", "a"}));  // at expiry
  const auto rows = Read()->ListInvitations({"o1", {}, now});
  EXPECT_EQ(rows.back().StatusAt(now), InvitationStatus::kExpired);
}

TEST_P(InvitationStore, NewestFirstKeysetPagingBreaksTiesById) {
  std::vector<std::string> expected;
  for (int i = 0; i < 13; ++i) {
    const std::string id = "inv" + std::to_string(10 + i);
    Insert(Invitation("o1", id, "user" + std::to_string(i), 100 + i / 3, 5000));  // ties of 3
  }
  for (int i = 12; i >= 0; --i) expected.push_back("inv" + std::to_string(10 + i));
  std::vector<std::string> seen;
  app::InvitationQuery q{"o1", {InvitationStatus::kPending}, At(0)};
  q.limit = 4;
  for (int page = 0; page < 10; ++page) {
    const auto rows = Read()->ListInvitations(q);
    for (const auto& inv : rows) seen.push_back(inv.id);
    if (static_cast<int>(rows.size()) < q.limit) break;
    q.after = app::InvitationCursor{domain::ToMillis(rows.back().created_at), rows.back().id};
  }
  EXPECT_EQ(seen, expected);
}

}  // namespace
}  // namespace roster::store::testing
