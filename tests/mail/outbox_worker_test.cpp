// The outbox worker on an in-memory store: outcomes, backoff, stop, resilience.
#include "mail/outbox_worker.hpp"

#include <gtest/gtest.h>

#include <future>

#include "fake_store.hpp"
#include "mail/retry_policy.hpp"
#include "worker_fixtures.hpp"

namespace roster::mail {
namespace {

using domain::DeliveryState;
using namespace std::chrono_literals;
using testing::Eventually;
using testing::FakeClock;
using testing::FakeStore;
using testing::QueuedMessage;
using testing::ScriptedTransport;
using testing::SharedTransport;

const domain::Timestamp kStart = domain::FromMillis(1796551200000);

MailConfig TestConfig() {
  MailConfig config;
  config.retry_base = 1s;
  config.retry_max = 8s;
  config.failed_after_attempts = 3;
  config.max_attempts = 5;
  config.poll_interval = 10s;  // long: the tests rely on MessageQueued() to wake the worker
  return config;
}

class OutboxWorkerTest : public ::testing::Test {
 protected:
  OutboxWorker MakeWorker(MailConfig config = TestConfig()) {
    return OutboxWorker(store_, clock_, config, std::make_unique<SharedTransport>(transport_));
  }

  FakeStore store_;
  FakeClock clock_{kStart};
  ScriptedTransport transport_;
};

TEST(RetryPolicyTest, BackoffDoublesUpToTheCeiling) {
  const MailConfig config = TestConfig();
  EXPECT_EQ(BackoffDelay(config, 1), 1s);
  EXPECT_EQ(BackoffDelay(config, 2), 2s);
  EXPECT_EQ(BackoffDelay(config, 3), 4s);
  EXPECT_EQ(BackoffDelay(config, 4), 8s);
  EXPECT_EQ(BackoffDelay(config, 40), 8s);
}

TEST_F(OutboxWorkerTest, DueMessageIsSentAndLosesItsLink) {
  store_.Put(QueuedMessage("m1", kStart));
  auto worker = MakeWorker();
  EXPECT_EQ(worker.RunOnce(), 1);
  const auto m = store_.Get("m1");
  EXPECT_EQ(m.state, DeliveryState::kSent);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_TRUE(m.link.empty());
  EXPECT_TRUE(m.body_text.empty());
  EXPECT_EQ(worker.RunOnce(), 0);
  EXPECT_EQ(transport_.SendsOf("m1"), 1);
}

TEST_F(OutboxWorkerTest, MessageNotYetDueWaits) {
  store_.Put(QueuedMessage("m1", kStart + 5s));
  auto worker = MakeWorker();
  EXPECT_EQ(worker.RunOnce(), 0);
  clock_.Advance(5s);
  EXPECT_EQ(worker.RunOnce(), 1);
}

TEST_F(OutboxWorkerTest, FailuresBackOffThenFailedThenGiveUp) {
  store_.Put(QueuedMessage("m1", kStart));
  transport_.fail = true;
  auto worker = MakeWorker();
  const domain::Duration expected_delay[] = {1s, 2s, 4s, 8s};
  for (int attempt = 1; attempt <= 4; ++attempt) {
    ASSERT_EQ(worker.RunOnce(), 1) << attempt;
    const auto m = store_.Get("m1");
    EXPECT_EQ(m.attempts, attempt);
    EXPECT_EQ(m.state, attempt < 3 ? DeliveryState::kQueued : DeliveryState::kFailed);
    EXPECT_EQ(m.last_error, "451 4.3.0 try later");
    EXPECT_FALSE(m.link.empty());
    const auto delay = m.next_attempt_at - clock_.Now();
    EXPECT_GE(delay, expected_delay[attempt - 1]);
    EXPECT_LE(delay, expected_delay[attempt - 1] * 11 / 10);  // at most 10% jitter
    EXPECT_EQ(worker.RunOnce(), 0) << "retried before its time";
    clock_.Set(m.next_attempt_at);
  }
  ASSERT_EQ(worker.RunOnce(), 1);  // attempt 5 = max_attempts
  const auto m = store_.Get("m1");
  EXPECT_EQ(m.state, DeliveryState::kFailed);
  EXPECT_EQ(m.next_attempt_at, NeverAgain());
  clock_.Advance(24h * 365);
  EXPECT_EQ(worker.RunOnce(), 0);
  EXPECT_EQ(transport_.SendsOf("m1"), 5);
}

TEST_F(OutboxWorkerTest, FailedMessageIsSentAfterRecovery) {
  store_.Put(QueuedMessage("m1", kStart));
  transport_.fail = true;
  auto worker = MakeWorker();
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(worker.RunOnce(), 1);
    clock_.Set(store_.Get("m1").next_attempt_at);
  }
  EXPECT_EQ(store_.Get("m1").state, DeliveryState::kFailed);
  transport_.fail = false;
  ASSERT_EQ(worker.RunOnce(), 1);
  const auto m = store_.Get("m1");
  EXPECT_EQ(m.state, DeliveryState::kSent);
  EXPECT_EQ(m.attempts, 4);
  EXPECT_TRUE(m.last_error.empty());
  EXPECT_TRUE(m.link.empty());
}

TEST_F(OutboxWorkerTest, LogTransportMarksDisabledAndKeepsTheLink) {
  store_.Put(QueuedMessage("m1", kStart));
  OutboxWorker worker(store_, clock_, MailConfig{});  // no smtp_url: development mode
  EXPECT_EQ(worker.RunOnce(), 1);
  const auto m = store_.Get("m1");
  EXPECT_EQ(m.state, DeliveryState::kDisabled);
  EXPECT_EQ(m.link, "http://127.0.0.1:8080/invite/token-m1");
  EXPECT_FALSE(m.body_text.empty());
  EXPECT_EQ(worker.RunOnce(), 0);  // DISABLED is final
}

// A send that reaches a recipient is recorded before the next one starts, so a crash can
// repeat at most the message in flight.
TEST_F(OutboxWorkerTest, EachRealSendIsRecordedBeforeTheNextStarts) {
  for (int i = 0; i < 5; ++i) store_.Put(QueuedMessage("m" + std::to_string(i), kStart));
  std::vector<std::string> unrecorded_at_send;
  std::string previous;
  transport_.before_send = [&](const app::OutboxMessage& m) {
    if (!previous.empty() && store_.Get(previous).attempts == 0) {
      unrecorded_at_send.push_back(previous);
    }
    previous = m.id;
  };
  auto worker = MakeWorker();
  const int begins = store_.begin_count;
  EXPECT_EQ(worker.RunOnce(), 5);
  EXPECT_TRUE(unrecorded_at_send.empty());
  EXPECT_EQ(store_.begin_count - begins, 1 + 2 * 5);  // claim, then a check and a record each
}

// Log-only sends reach nobody: one check and one record transaction for the whole batch.
TEST_F(OutboxWorkerTest, LogOnlySendsOfABatchAreRecordedTogether) {
  for (int i = 0; i < 5; ++i) store_.Put(QueuedMessage("m" + std::to_string(i), kStart));
  auto cleared = QueuedMessage("gone", kStart);  // cancelled: its bodies are cleared
  cleared.body_text.clear();
  cleared.body_html.clear();
  store_.Put(cleared);
  transport_.reaches_recipients = false;
  auto worker = MakeWorker();
  const int begins = store_.begin_count;
  EXPECT_EQ(worker.RunOnce(), 5);
  EXPECT_EQ(store_.begin_count - begins, 3);  // claim, check, record
  for (int i = 0; i < 5; ++i) {
    const auto m = store_.Get("m" + std::to_string(i));
    EXPECT_EQ(m.state, DeliveryState::kSent) << m.id;
    EXPECT_EQ(m.attempts, 1) << m.id;
  }
  EXPECT_EQ(transport_.SendsOf("gone"), 0);
  EXPECT_EQ(worker.RunOnce(), 0);
}

TEST_F(OutboxWorkerTest, MessageCancelledAfterClaimIsNotSent) {
  store_.Put(QueuedMessage("m1", kStart));
  store_.Put(QueuedMessage("m2", kStart + 1ms));
  transport_.before_send = [this](const app::OutboxMessage& m) {
    if (m.id != "m1") return;
    auto tx = store_.Begin(app::TxMode::kWrite);  // a revoke, between claim and send
    tx->CancelOutboxMessagesOf("inv-m2");
    tx->Commit();
  };
  clock_.Advance(1s);
  auto worker = MakeWorker();
  EXPECT_EQ(worker.RunOnce(), 1);
  EXPECT_EQ(transport_.SendsOf("m2"), 0);
  EXPECT_TRUE(store_.Cancelled("m2"));
  EXPECT_EQ(store_.Get("m2").state, DeliveryState::kQueued);  // never attempted
}

TEST_F(OutboxWorkerTest, BackgroundThreadWakesOnMessageQueued) {
  auto worker = MakeWorker();
  worker.Start();
  store_.Put(QueuedMessage("m1", kStart));
  worker.MessageQueued();
  EXPECT_TRUE(Eventually([&] { return store_.Get("m1").state == DeliveryState::kSent; }, 5s));
  worker.Stop();
}

TEST_F(OutboxWorkerTest, StartDeliversWhatAPreviousRunLeft) {
  store_.Put(QueuedMessage("m1", kStart - 1h));
  auto worker = MakeWorker();
  worker.Start();
  EXPECT_TRUE(Eventually([&] { return store_.Get("m1").state == DeliveryState::kSent; }, 5s));
  worker.Stop();
}

TEST_F(OutboxWorkerTest, StoreErrorsDoNotKillTheThread) {
  store_.Put(QueuedMessage("m1", kStart));
  store_.fail_begin = true;
  auto worker = MakeWorker();
  worker.Start();
  EXPECT_TRUE(Eventually([&] { return store_.begin_count > 0; }, 5s));
  worker.MessageQueued();
  EXPECT_TRUE(Eventually([&] { return store_.begin_count > 1; }, 5s));
  store_.fail_begin = false;
  worker.MessageQueued();
  EXPECT_TRUE(Eventually([&] { return store_.Get("m1").state == DeliveryState::kSent; }, 5s));
  worker.Stop();
}

TEST_F(OutboxWorkerTest, StopFinishesTheMessageInFlightAndReleasesTheRest) {
  for (const char* id : {"m1", "m2", "m3"}) store_.Put(QueuedMessage(id, kStart));
  // The first send holds until the stop has been requested: the stop always lands mid-send.
  std::promise<void> in_flight;
  std::promise<void> stop_requested;
  const auto requested = stop_requested.get_future().share();
  transport_.before_send = [&, requested](const app::OutboxMessage&) {
    if (transport_.total() == 0) in_flight.set_value();
    requested.wait();
  };
  auto worker = MakeWorker();
  worker.Start();
  ASSERT_EQ(in_flight.get_future().wait_for(10s), std::future_status::ready);
  worker.RequestStop();
  stop_requested.set_value();
  worker.Stop();
  EXPECT_EQ(transport_.total(), 1);
  int sent = 0;
  for (const char* id : {"m1", "m2", "m3"}) {
    const auto m = store_.Get(id);
    if (m.state == DeliveryState::kSent) {
      ++sent;
    } else {
      EXPECT_EQ(m.state, DeliveryState::kQueued);
      EXPECT_LE(m.next_attempt_at, clock_.Now()) << "not released: waits for the lease";
    }
  }
  EXPECT_EQ(sent, 1);
}

TEST_F(OutboxWorkerTest, TwoWorkersNeverSendAMessageTwice) {
  for (int i = 0; i < 40; ++i) store_.Put(QueuedMessage("m" + std::to_string(i), kStart));
  auto a = MakeWorker();
  auto b = MakeWorker();
  a.Start();
  b.Start();
  EXPECT_TRUE(Eventually([&] { return transport_.total() >= 40; }, 10s));
  a.Stop();
  b.Stop();
  const auto sends = transport_.Sends();
  EXPECT_EQ(sends.size(), 40u);
  for (const auto& [id, count] : sends) EXPECT_EQ(count, 1) << id;
}

}  // namespace
}  // namespace roster::mail
