// The outbox worker end to end: the real SQLite store, the SMTP transport, a real SMTP sink.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <set>

#include "app/invitation_email.hpp"
#include "fake_store.hpp"
#include "mail/mail_transport.hpp"
#include "mail/outbox_worker.hpp"
#include "mime_reader.hpp"
#include "smtp_sink.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "worker_fixtures.hpp"

namespace roster::mail {

using namespace roster::test_support;
namespace {

namespace fs = std::filesystem;
using domain::DeliveryState;
using ::testing::HasSubstr;
using namespace std::chrono_literals;
using test_support::SmtpSink;
using testing::Eventually;
using testing::FakeClock;

const domain::Timestamp kStart = domain::FromMillis(1796551200000);

class OutboxSqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "roster-mail-db-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    store_ = store::OpenSqliteStore((dir_ / "roster.db").string());
    SeedOrganization();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void SeedOrganization() {
    auto tx = store_->Begin(app::TxMode::kWrite);
    app::UserRecord ann{{"u-ann", "ann@example.org", "ann", kStart}, "ann@example.org", "x"};
    tx->InsertUser(ann);
    tx->InsertOrganization({{"org-1", "Acme", kStart}, "acme"});
    tx->Commit();
  }

  // An invitation with its queued email, as the invite use case writes them; returns the link.
  std::string Invite(const std::string& n) {
    const std::string link = "http://127.0.0.1:8080/invite/tok_" + n + "-AbCdEfGhIjKlMnOpQrStUvWx";
    app::InvitationRecord invitation;
    invitation.invitation.id = "inv-" + n;
    invitation.invitation.org_id = "org-1";
    invitation.invitation.email = "bob" + n + "@Example.com";
    invitation.invitation.username = "bob" + n;
    invitation.invitation.created_at = kStart;
    invitation.invitation.expires_at = kStart + 24h * 7;
    invitation.invitation.invited_by_user_id = "u-ann";
    invitation.invitation.token_hash = "hash-" + n;
    invitation.email_key = "bob" + n + "@example.com";
    invitation.username_key = "bob" + n;
    invitation.latest_message_id = "msg-" + n;
    const auto email = app::ComposeInvitationEmail("Acme", "ann", domain::Role::kUser, link,
                                                   invitation.invitation.expires_at);
    app::OutboxMessage message;
    message.id = "msg-" + n;
    message.invitation_id = invitation.invitation.id;
    message.recipient = invitation.invitation.email;
    message.subject = email.subject;
    message.body_text = email.text;
    message.body_html = email.html;
    message.link = link;
    message.created_at = clock_.Now();
    message.next_attempt_at = clock_.Now();
    auto tx = store_->Begin(app::TxMode::kWrite);
    tx->InsertInvitation(invitation);
    tx->InsertOutboxMessage(message);
    tx->Commit();
    return link;
  }

  app::OutboxMessage Find(const std::string& id) {
    auto tx = store_->Begin(app::TxMode::kRead);
    auto message = tx->FindOutboxMessage(id);
    if (!message) throw std::runtime_error("no message " + id);
    return *message;
  }

  MailConfig SmtpConfig() {
    MailConfig config;
    config.smtp_url = sink_.url();
    config.from = "Roster <roster@example.org>";
    config.retry_base = 1s;
    config.retry_max = 60s;
    config.failed_after_attempts = 3;
    config.smtp_timeout = 5s;
    config.poll_interval = 50ms;
    return config;
  }

  fs::path dir_;
  std::unique_ptr<app::Store> store_;
  FakeClock clock_{kStart};
  SmtpSink sink_;
};

TEST_F(OutboxSqliteTest, QueuedMessageIsSentWithTheExactLinkAndCleared) {
  const std::string link = Invite("1");
  OutboxWorker worker(*store_, clock_, SmtpConfig());
  ASSERT_EQ(worker.RunOnce(), 1);
  const auto stored = Find("msg-1");
  EXPECT_EQ(stored.state, DeliveryState::kSent);
  EXPECT_EQ(stored.attempts, 1);
  EXPECT_TRUE(stored.link.empty());
  EXPECT_TRUE(stored.body_text.empty());
  EXPECT_TRUE(stored.body_html.empty());

  const auto messages = sink_.WaitForMessages(1, 5s);
  ASSERT_EQ(messages.size(), 1u);
  const auto parsed = test_support::ParseMessage(messages[0]);
  EXPECT_EQ(parsed.headers.at("subject"), "ann invited you to join Acme on Roster");
  EXPECT_EQ(parsed.headers.at("to"), "<bob1@Example.com>");
  ASSERT_EQ(parsed.parts.size(), 2u);
  EXPECT_THAT(parsed.parts[0].body, HasSubstr("\n" + link + "\n"));
  EXPECT_THAT(parsed.parts[0].body, HasSubstr("USER"));
  EXPECT_THAT(parsed.parts[1].body, HasSubstr("href=\"" + link + "\""));
  EXPECT_EQ(worker.RunOnce(), 0);
}

TEST_F(OutboxSqliteTest, SinkDownRetriesWithBackoffThenFailedThenSentAfterRecovery) {
  const std::string link = Invite("1");
  sink_.SetFailing(true);
  OutboxWorker worker(*store_, clock_, SmtpConfig());
  const domain::Duration delays[] = {1s, 2s, 4s};
  for (int attempt = 1; attempt <= 3; ++attempt) {
    ASSERT_EQ(worker.RunOnce(), 1);
    const auto m = Find("msg-1");
    EXPECT_EQ(m.attempts, attempt);
    EXPECT_EQ(m.state, attempt < 3 ? DeliveryState::kQueued : DeliveryState::kFailed);
    EXPECT_THAT(m.last_error, HasSubstr("451"));
    EXPECT_EQ(m.link, link) << "an undelivered message keeps its link for invite_url";
    EXPECT_GE(m.next_attempt_at - clock_.Now(), delays[attempt - 1]);
    EXPECT_LE(m.next_attempt_at - clock_.Now(), delays[attempt - 1] * 11 / 10);
    EXPECT_EQ(worker.RunOnce(), 0) << "retried before the backoff ran out";
    clock_.Set(m.next_attempt_at);
  }
  EXPECT_TRUE(sink_.Messages().empty());
  sink_.SetFailing(false);
  ASSERT_EQ(worker.RunOnce(), 1);
  const auto m = Find("msg-1");
  EXPECT_EQ(m.state, DeliveryState::kSent);
  EXPECT_EQ(m.attempts, 4);
  EXPECT_TRUE(m.link.empty());
  EXPECT_EQ(sink_.WaitForMessages(1, 5s).size(), 1u);
}

TEST_F(OutboxSqliteTest, WithoutSmtpTheMessageIsDisabledAndKeepsItsLink) {
  const std::string link = Invite("1");
  OutboxWorker worker(*store_, clock_, MailConfig{});
  ASSERT_EQ(worker.RunOnce(), 1);
  const auto m = Find("msg-1");
  EXPECT_EQ(m.state, DeliveryState::kDisabled);
  EXPECT_EQ(m.link, link);
  clock_.Advance(1h);
  EXPECT_EQ(worker.RunOnce(), 0);
}

TEST_F(OutboxSqliteTest, CancelledMessageIsNotSent) {
  Invite("1");
  {
    auto tx = store_->Begin(app::TxMode::kWrite);
    tx->CancelOutboxMessagesOf("inv-1");
    tx->Commit();
  }
  OutboxWorker worker(*store_, clock_, SmtpConfig());
  EXPECT_EQ(worker.RunOnce(), 0);
  EXPECT_TRUE(sink_.Messages().empty());
}

TEST_F(OutboxSqliteTest, MessageClaimedByACrashedWorkerIsSentAfterTheLease) {
  Invite("1");
  {
    auto tx = store_->Begin(app::TxMode::kWrite);  // a worker that claims, then dies
    ASSERT_EQ(tx->ClaimDueMessages(clock_.Now(), clock_.Now() + OutboxWorker::kLease, 16).size(),
              1u);
    tx->Commit();
  }
  OutboxWorker worker(*store_, clock_, SmtpConfig());
  EXPECT_EQ(worker.RunOnce(), 0);
  clock_.Advance(OutboxWorker::kLease + 1s);
  EXPECT_EQ(worker.RunOnce(), 1);
  EXPECT_EQ(Find("msg-1").state, DeliveryState::kSent);
}

TEST_F(OutboxSqliteTest, CredentialsWithoutStartTlsLeaveTheMessageFailedWithTheReason) {
  Invite("1");
  SmtpSink clear_text_server(SinkOptions{.offer_auth_without_tls = true});
  MailConfig config = SmtpConfig();
  config.smtp_url =
      "smtp://roster:Pa55-w0rd-kept@127.0.0.1:" + std::to_string(clear_text_server.port());
  OutboxWorker worker(*store_, clock_, config);
  ASSERT_EQ(worker.RunOnce(), 1);
  const auto stored = Find("msg-1");
  EXPECT_EQ(stored.state, DeliveryState::kFailed) << "shown FAILED at the first attempt";
  EXPECT_THAT(stored.last_error, HasSubstr("STARTTLS is required"));
  EXPECT_THAT(stored.last_error, ::testing::Not(HasSubstr("Pa55-w0rd-kept")));
  EXPECT_FALSE(stored.link.empty()) << "kept for a later attempt";
  EXPECT_TRUE(clear_text_server.Credentials().empty());
  EXPECT_TRUE(clear_text_server.Messages().empty());
}

TEST_F(OutboxSqliteTest, TwoWorkersOnOneStoreNeverSendAMessageTwice) {
  constexpr int kMessages = 24;
  for (int i = 0; i < kMessages; ++i) Invite(std::to_string(i));
  OutboxWorker a(*store_, clock_, SmtpConfig());
  OutboxWorker b(*store_, clock_, SmtpConfig());
  a.Start();
  b.Start();
  const auto all_sent = [&] {
    for (int i = 0; i < kMessages; ++i) {
      if (Find("msg-" + std::to_string(i)).state != DeliveryState::kSent) return false;
    }
    return true;
  };
  EXPECT_TRUE(Eventually(all_sent, 60s));
  a.Stop();
  b.Stop();
  const auto messages = sink_.WaitForMessages(kMessages, 5s);
  EXPECT_EQ(messages.size(), static_cast<std::size_t>(kMessages));
  std::set<std::string> ids;
  for (const auto& raw : messages)
    ids.insert(test_support::ParseMessage(raw).headers.at("message-id"));
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kMessages));
}

TEST_F(OutboxSqliteTest, StopFinishesInFlightAndLeavesTheRestDueForTheNextStart) {
  for (int i = 0; i < 3; ++i) Invite(std::to_string(i));
  // The first send holds until the stop has been requested: the stop always lands mid-send.
  testing::ScriptedTransport slow;
  std::promise<void> in_flight;
  std::promise<void> stop_requested;
  const auto requested = stop_requested.get_future().share();
  slow.before_send = [&, requested](const app::OutboxMessage&) {
    if (slow.total() == 0) in_flight.set_value();
    requested.wait();
  };
  {
    OutboxWorker worker(*store_, clock_, SmtpConfig(),
                        std::make_unique<testing::SharedTransport>(slow));
    worker.Start();
    ASSERT_EQ(in_flight.get_future().wait_for(10s), std::future_status::ready);
    worker.RequestStop();
    stop_requested.set_value();
    worker.Stop();
  }
  EXPECT_EQ(slow.total(), 1);
  // The two claimed but unsent messages are due now, not after the 60 s lease.
  OutboxWorker restarted(*store_, clock_, SmtpConfig());
  EXPECT_EQ(restarted.RunOnce(), 2);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Find("msg-" + std::to_string(i)).state, DeliveryState::kSent) << i;
  }
  EXPECT_EQ(sink_.WaitForMessages(2, 5s).size(), 2u);
}

}  // namespace
}  // namespace roster::mail
