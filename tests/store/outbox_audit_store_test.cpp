// The mail outbox (claim, lease, delivery records, cancellation) and the audit trail.
#include <array>

#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

using domain::DeliveryState;

class OutboxStore : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    SeedOrg("o1");
    SeedMember("o1", "admin", domain::Role::kAdmin);
    auto tx = Write();
    tx->InsertInvitation(Invitation("o1", "i1", "bob", 0, 100000));
    tx->InsertInvitation(Invitation("o1", "i2", "carol", 0, 100000));
    tx->Commit();
  }
  void Queue(const app::OutboxMessage& message) {
    auto tx = Write();
    tx->InsertOutboxMessage(message);
    tx->Commit();
  }
  std::vector<std::string> Claim(std::int64_t now_ms, std::int64_t lease_ms, int limit) {
    auto tx = Write();
    std::vector<std::string> ids;
    for (const auto& m : tx->ClaimDueMessages(At(now_ms), At(lease_ms), limit)) {
      ids.push_back(m.id);
    }
    tx->Commit();
    return ids;
  }
  void Record(const std::string& id, DeliveryState state, int attempts, std::int64_t next_ms,
              const std::string& error = "") {
    auto tx = Write();
    tx->RecordDelivery(id, state, attempts, At(next_ms), error);
    tx->Commit();
  }
  app::OutboxMessage Find(const std::string& id) { return *Read()->FindOutboxMessage(id); }
};
ROSTER_STORE_SUITE(OutboxStore);

using V = std::vector<std::string>;

TEST_P(OutboxStore, ClaimTakesDueMessagesInOrderAndLeasesThem) {
  Queue(Message("m3", "i1", 30));
  Queue(Message("m1", "i1", 10));
  Queue(Message("m2", "i2", 20));
  Queue(Message("later", "i2", 500));
  EXPECT_EQ(Claim(25, 100, 10), (V{"m1", "m2"}));
  EXPECT_EQ(Claim(30, 130, 10), (V{"m3"}));  // the others are leased until 100
  EXPECT_EQ(Claim(99, 199, 10), V{});
  EXPECT_EQ(Claim(100, 200, 1), (V{"m1"}));  // lease over: due again, limit respected
  const auto m = Find("m1");
  EXPECT_EQ(m.recipient, "to@example.com");
  EXPECT_EQ(m.subject, "Join");
  EXPECT_EQ(m.body_text, "text m1");
  EXPECT_EQ(m.link, "https://roster.example/i/m1");
  EXPECT_EQ(m.state, DeliveryState::kQueued);
  EXPECT_EQ(m.next_attempt_at, At(10));
  EXPECT_EQ(m.created_at, At(10));
}

TEST_P(OutboxStore, SentClearsTokenBearingFieldsAndEndsDelivery) {
  Queue(Message("m1", "i1", 10));
  EXPECT_EQ(Claim(10, 100, 10), (V{"m1"}));
  Record("m1", DeliveryState::kSent, 1, 15);
  const auto m = Find("m1");
  EXPECT_EQ(m.state, DeliveryState::kSent);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.link, "");
  EXPECT_EQ(m.body_text, "");
  EXPECT_EQ(m.body_html, "");
  EXPECT_EQ(m.subject, "Join");
  EXPECT_EQ(m.next_attempt_at, At(-1'800'000'000'000));  // NULL reads as 0
  EXPECT_EQ(Claim(100000, 200000, 10), V{});
}

TEST_P(OutboxStore, FailedKeepsTheLinkAndRetriesLaterDisabledStops) {
  Queue(Message("m1", "i1", 10));
  Queue(Message("m2", "i2", 10));
  EXPECT_EQ(Claim(10, 1000, 10), (V{"m1", "m2"}));
  Record("m1", DeliveryState::kFailed, 1, 50, "smtp: 451");
  Record("m2", DeliveryState::kDisabled, 0, 50);
  auto m1 = Find("m1");
  EXPECT_EQ(m1.state, DeliveryState::kFailed);
  EXPECT_EQ(m1.last_error, "smtp: 451");
  EXPECT_EQ(m1.link, "https://roster.example/i/m1");
  EXPECT_EQ(m1.next_attempt_at, At(50));
  EXPECT_EQ(Find("m2").link, "https://roster.example/i/m2");
  EXPECT_EQ(Claim(49, 100, 10), V{});
  EXPECT_EQ(Claim(50, 100, 10), (V{"m1"}));  // recording released the lease
  Record("m1", DeliveryState::kQueued, 1, 60);
  EXPECT_EQ(Claim(60, 100, 10), (V{"m1"}));
}

TEST_P(OutboxStore, CancelClearsUnsentMessagesOfOneInvitation) {
  Queue(Message("m1", "i1", 10));
  Queue(Message("m2", "i1", 10));
  Queue(Message("other", "i2", 10));
  {
    auto tx = Write();
    tx->CancelOutboxMessagesOf("i1");
    tx->Commit();
  }
  EXPECT_EQ(Find("m1").link, "");
  EXPECT_EQ(Find("m2").body_text, "");
  EXPECT_EQ(Find("other").link, "https://roster.example/i/other");
  EXPECT_EQ(Claim(10, 100, 10), (V{"other"}));
}

TEST_P(OutboxStore, DeliveryRecordedAfterCancelStillClearsAndStops) {
  Queue(Message("m1", "i1", 10));
  EXPECT_EQ(Claim(10, 100, 10), (V{"m1"}));
  {
    auto tx = Write();  // revoked while the worker was sending
    tx->CancelOutboxMessagesOf("i1");
    tx->Commit();
  }
  Record("m1", DeliveryState::kFailed, 1, 20, "timeout");
  const auto m = Find("m1");
  EXPECT_EQ(m.state, DeliveryState::kFailed);
  EXPECT_EQ(m.link, "");
  EXPECT_EQ(Claim(1000, 2000, 10), V{});
}

class AuditStore : public StoreTest {};
ROSTER_STORE_SUITE(AuditStore);

TEST_P(AuditStore, EventsPageNewestFirstBySeq) {
  SeedOrg("o1");
  SeedOrg("o2");
  {
    auto tx = Write();
    for (int i = 0; i < 7; ++i) {
      domain::AuditEvent e{"e" + std::to_string(i),
                           i == 3 ? "o2" : "o1",
                           At(i),
                           "u-a",
                           "a",
                           "member.role_changed",
                           "member",
                           "u-b",
                           "b",
                           "{\"n\":1}"};
      tx->InsertAuditEvent(e);
    }
    tx->Commit();
  }
  auto tx = Read();
  const auto first = tx->ListAuditEvents(app::AuditQuery{"o1", std::nullopt, 4});
  ASSERT_EQ(first.size(), 4u);
  EXPECT_EQ(first[0].event.id, "e6");
  EXPECT_EQ(first[3].event.id, "e2");
  EXPECT_GT(first[0].seq, first[1].seq);
  EXPECT_EQ(first[0].event.action, "member.role_changed");
  EXPECT_EQ(first[0].event.details_json, "{\"n\":1}");
  EXPECT_EQ(first[0].event.at, At(6));
  EXPECT_EQ(first[0].event.target_label, "b");
  const auto second = tx->ListAuditEvents(app::AuditQuery{"o1", first.back().seq, 4});
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].event.id, "e1");
  EXPECT_EQ(second[1].event.id, "e0");
  EXPECT_EQ(tx->ListAuditEvents(app::AuditQuery{"o2", std::nullopt, 10}).size(), 1u);
}

TEST_P(AuditStore, EventsFilterByActionAndByMemberWithTheSamePaging) {
  SeedOrg("o1");
  {
    auto tx = Write();
    // (id, actor, action, target type, target id)
    const std::vector<std::array<std::string, 5>> events = {
        {"e0", "u-a", "member.role_changed", "member", "u-b"},
        {"e1", "u-a", "member.removed", "member", "u-c"},
        {"e2", "u-b", "invitation.created", "invitation", "u-c"},
        {"e3", "u-a", "member.removed", "member", "u-b"},
        {"e4", "u-c", "invitation.accepted", "invitation", "i-9"},
        {"e5", "u-a", "member.role_changed", "member", "u-c"},
    };
    for (std::size_t i = 0; i < events.size(); ++i) {
      const auto& [id, actor, action, type, target] = events[i];
      tx->InsertAuditEvent(domain::AuditEvent{id, "o1", At(static_cast<int>(i)), actor, actor,
                                              action, type, target, target, "{}"});
    }
    tx->Commit();
  }
  auto tx = Read();
  const auto ids = [&](app::AuditQuery q) {
    std::vector<std::string> out;
    for (const auto& row : tx->ListAuditEvents(q)) out.push_back(row.event.id);
    return out;
  };
  app::AuditQuery removed{"o1", std::nullopt, 10};
  removed.action = "member.removed";
  EXPECT_EQ(ids(removed), (V{"e3", "e1"}));
  app::AuditQuery of_c{"o1", std::nullopt, 10};
  of_c.member_user_id = "u-c";  // as actor, or as the member targeted; not an invitation's id
  EXPECT_EQ(ids(of_c), (V{"e5", "e4", "e1"}));
  app::AuditQuery both = of_c;
  both.action = "member.role_changed";
  EXPECT_EQ(ids(both), (V{"e5"}));
  // Keyset paging is unchanged: the page after e4 goes on below its seq.
  of_c.limit = 2;
  const auto first = tx->ListAuditEvents(of_c);
  ASSERT_EQ(first.size(), 2u);
  of_c.before_seq = first.back().seq;
  EXPECT_EQ(ids(of_c), (V{"e1"}));
  app::AuditQuery nobody{"o1", std::nullopt, 10};
  nobody.member_user_id = "u-z";
  EXPECT_EQ(ids(nobody), V{});
}

}  // namespace
}  // namespace roster::store::testing
