// The invitation abuse limits: the hourly rate and the pending cap, answered from counters that
// triggers keep, falling back to exact queries near a limit. At(0) is at the start of a minute.
#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

using domain::InvitationStatus;

class AbuseLimitStore : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    SeedOrg("o1");
    SeedMember("o1", "admin", domain::Role::kAdmin);
    SeedOrg("o2");
  }
  void Insert(const app::InvitationRecord& record) {
    auto tx = Write();
    tx->InsertInvitation(record);
    tx->Commit();
  }
  void SetStatus(const std::string& id, InvitationStatus status) {
    auto record = *Read()->FindInvitation("o1", id);
    record.invitation.stored_status = status;
    auto tx = Write();
    tx->UpdateInvitation(record);
    tx->Commit();
  }
  std::optional<app::Timestamp> RateReached(std::int64_t since_ms, int limit) {
    return Read()->InvitationRateLimitReached("o1", At(since_ms), limit);
  }
  bool CapReached(std::int64_t now_ms, int cap) {
    return Read()->PendingInvitationCapReached("o1", At(now_ms), cap);
  }
};
ROSTER_STORE_SUITE(AbuseLimitStore);

TEST_P(AbuseLimitStore, RateLimitIsReachedAtTheLimitAndNamesTheOldestCounted) {
  Insert(Invitation("o1", "a", "ann", 1'000, 900'000));
  Insert(Invitation("o1", "b", "ben", 2'000, 900'000));
  Insert(Invitation("o1", "c", "cat", 3'000, 900'000));
  EXPECT_EQ(RateReached(0, 3), At(1'000));
  EXPECT_EQ(RateReached(0, 2), At(2'000));  // the oldest of the 2 most recent
  EXPECT_FALSE(RateReached(0, 4));
  EXPECT_FALSE(RateReached(1'000, 3));  // created exactly at `since` is outside the window
}

TEST_P(AbuseLimitStore, EarlierInvitationsOfTheSameMinuteDoNotCount) {
  // The minute counter of [0, 60 s) holds both; only the one after `since` counts.
  Insert(Invitation("o1", "a", "ann", 10'000, 900'000));
  Insert(Invitation("o1", "b", "ben", 50'000, 900'000));
  EXPECT_FALSE(RateReached(30'000, 2));
  EXPECT_EQ(RateReached(30'000, 1), At(50'000));
}

TEST_P(AbuseLimitStore, RateCountsEveryStatusAndOnlyTheOrganization) {
  Insert(Invitation("o1", "a", "ann", 1'000, 900'000));
  Insert(Invitation("o2", "b", "ben", 2'000, 900'000));
  SetStatus("a", InvitationStatus::kRevoked);  // a revoked invitation was still sent
  EXPECT_EQ(RateReached(0, 1), At(1'000));
  EXPECT_FALSE(RateReached(0, 2));
  EXPECT_EQ(Read()->InvitationRateLimitReached("o2", At(0), 1), At(2'000));
}

TEST_P(AbuseLimitStore, RateWindowSpansManyMinutes) {
  for (int i = 0; i < 6; ++i) {
    const std::string name = "user" + std::to_string(i);
    Insert(Invitation("o1", name, name, i * 600'000LL, 9'000'000));  // every 10 minutes
  }
  EXPECT_EQ(RateReached(-1, 6), At(0));
  EXPECT_FALSE(RateReached(0, 6));
  EXPECT_EQ(RateReached(0, 5), At(600'000));
}

TEST_P(AbuseLimitStore, PendingCapCountsOnlyPendingInvitationsNotYetExpired) {
  Insert(Invitation("o1", "a", "ann", 1, 100));  // expires at 100
  Insert(Invitation("o1", "b", "ben", 2, 500));
  Insert(Invitation("o2", "c", "cat", 3, 500));
  EXPECT_TRUE(CapReached(50, 2));
  EXPECT_FALSE(CapReached(50, 3));
  EXPECT_FALSE(CapReached(100, 2));  // ann's has expired, though still stored PENDING
  EXPECT_TRUE(CapReached(100, 1));
}

TEST_P(AbuseLimitStore, PendingCapFollowsEveryStatusChange) {
  Insert(Invitation("o1", "a", "ann", 1, 500));
  Insert(Invitation("o1", "b", "ben", 2, 500));
  EXPECT_TRUE(CapReached(10, 2));
  SetStatus("a", InvitationStatus::kRevoked);
  EXPECT_FALSE(CapReached(10, 2));
  Insert(Invitation("o1", "c", "cat", 3, 500));
  EXPECT_TRUE(CapReached(10, 2));
  SetStatus("c", InvitationStatus::kAccepted);
  EXPECT_FALSE(CapReached(10, 2));
  SetStatus("b", InvitationStatus::kExpired);
  EXPECT_FALSE(CapReached(10, 1));
  Insert(Invitation("o1", "d", "dan", 4, 500));
  Insert(Invitation("o1", "e", "eve", 5, 500));
  EXPECT_TRUE(CapReached(10, 2));  // the counter went down and up again without drifting
  EXPECT_FALSE(CapReached(10, 3));
}

TEST_P(AbuseLimitStore, ReleasingExpiredHoldersKeepsTheCapExact) {
  Insert(Invitation("o1", "a", "ann", 1, 100));
  Insert(Invitation("o1", "b", "ben", 2, 500));
  {
    auto tx = Write();
    tx->ReleaseExpiredHolders("o1", "ann@example.com", "ann", At(150));
    tx->InsertInvitation(Invitation("o1", "a2", "ann", 200, 600));
    tx->Commit();
  }
  EXPECT_TRUE(CapReached(200, 2));
  EXPECT_FALSE(CapReached(200, 3));
}

TEST_P(AbuseLimitStore, NoInvitationsReachesNoLimit) {
  EXPECT_FALSE(RateReached(0, 1));
  EXPECT_FALSE(CapReached(0, 1));
}

}  // namespace
}  // namespace roster::store::testing
