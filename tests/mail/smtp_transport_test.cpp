#include "mail/smtp_transport.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "mime_reader.hpp"
#include "smtp_sink.hpp"

namespace roster::mail {

using namespace roster::test_support;
namespace {

using test_support::DecodeEncodedWords;
using ::testing::HasSubstr;
using test_support::ParseMessage;
using test_support::SmtpSink;
using namespace std::chrono_literals;

const std::string kLink =
    "http://127.0.0.1:8080/invite/Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9v-_AbC=x";

app::OutboxMessage Message(std::string subject = "ann invited you to join Acme on Roster") {
  app::OutboxMessage m;
  m.id = "msg-1";
  m.recipient = "Bob@Example.com";
  m.subject = std::move(subject);
  m.link = kLink;
  m.body_text = "Hello,\n\nOpen this link:\n\n" + kLink + "\n\n.\nBye.\n";
  m.body_html = "<p>Open <a href=\"" + kLink + "\">" + kLink + "</a></p>\n";
  return m;
}

class SmtpTransportTest : public ::testing::Test {
 protected:
  SmtpTransport Transport(std::string from = "Roster <roster@example.org>") {
    return SmtpTransport({sink_.url(), std::move(from), 5s});
  }
  SmtpSink sink_;
};

TEST_F(SmtpTransportTest, DeliversMultipartMessageWithExactLink) {
  auto transport = Transport();
  const auto result = transport.Send(Message());
  ASSERT_EQ(result.status, SendStatus::kSent) << result.error;
  const auto messages = sink_.WaitForMessages(1, 5s);
  ASSERT_EQ(messages.size(), 1u);
  ASSERT_TRUE(test_support::LinesWellFormed(messages[0], 998));
  const auto parsed = ParseMessage(messages[0]);
  EXPECT_EQ(parsed.headers.at("subject"), "ann invited you to join Acme on Roster");
  EXPECT_EQ(parsed.headers.at("from"), "Roster <roster@example.org>");
  EXPECT_EQ(parsed.headers.at("to"), "<Bob@Example.com>");
  EXPECT_EQ(parsed.headers.at("message-id"), "<roster.msg-1@example.org>");
  EXPECT_EQ(parsed.headers.at("mime-version"), "1.0");
  EXPECT_TRUE(parsed.headers.count("date"));
  EXPECT_THAT(parsed.headers.at("content-type"), HasSubstr("multipart/alternative"));
  ASSERT_EQ(parsed.parts.size(), 2u);
  EXPECT_EQ(parsed.parts[0].headers.at("content-type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(parsed.parts[0].body, Message().body_text);
  EXPECT_THAT(parsed.parts[0].body, HasSubstr("\n" + kLink + "\n"));
  EXPECT_EQ(parsed.parts[1].headers.at("content-type"), "text/html; charset=UTF-8");
  EXPECT_THAT(parsed.parts[1].body, HasSubstr("href=\"" + kLink + "\""));
  const std::string envelope = sink_.Envelope(0);
  EXPECT_THAT(envelope, HasSubstr("MAIL FROM:roster@example.org"));
  EXPECT_THAT(envelope, HasSubstr("RCPT TO:Bob@Example.com"));
}

TEST_F(SmtpTransportTest, EncodesNonAsciiSubject) {
  auto transport = Transport("roster@example.org");
  const std::string subject = "J\xc3\xb6rg invited you to join M\xc3\xbcller AG on Roster";
  ASSERT_EQ(transport.Send(Message(subject)).status, SendStatus::kSent);
  const auto messages = sink_.WaitForMessages(1, 5s);
  ASSERT_EQ(messages.size(), 1u);
  const auto parsed = ParseMessage(messages[0]);
  EXPECT_THAT(parsed.headers.at("subject"), HasSubstr("=?UTF-8?B?"));
  EXPECT_EQ(DecodeEncodedWords(parsed.headers.at("subject")), subject);
}

TEST_F(SmtpTransportTest, TemporaryFailureIsReported) {
  sink_.SetFailing(true);
  auto transport = Transport();
  const auto result = transport.Send(Message());
  EXPECT_EQ(result.status, SendStatus::kFailed);
  EXPECT_THAT(result.error, HasSubstr("451"));
  EXPECT_THAT(result.error, ::testing::Not(HasSubstr("invite")));
  EXPECT_TRUE(sink_.Messages().empty());
  sink_.SetFailing(false);
  EXPECT_EQ(transport.Send(Message()).status, SendStatus::kSent);
}

TEST_F(SmtpTransportTest, RejectsRecipientThatCouldInjectCommands) {
  auto transport = Transport();
  auto message = Message();
  message.recipient = "bob@example.com>\r\nRCPT TO:<eve@example.com";
  EXPECT_EQ(transport.Send(message).status, SendStatus::kFailed);
  EXPECT_TRUE(sink_.Messages().empty());
}

// A server that offers AUTH but no STARTTLS would read the password in clear text.
class SmtpWithoutStartTlsTest : public ::testing::Test {
 protected:
  std::string UrlWith(const std::string& userinfo) const {
    return "smtp://" + userinfo + "127.0.0.1:" + std::to_string(sink_.port());
  }
  SmtpSink sink_{SinkOptions{.offer_auth_without_tls = true}};
};

TEST_F(SmtpWithoutStartTlsTest, CredentialsNeverReachAServerWithoutStartTls) {
  SmtpTransport transport({UrlWith("roster:Pa55-w0rd-kept@"), "roster@example.org", 5s});
  ASSERT_TRUE(transport.RequiresStartTls());
  const auto result = transport.Send(Message());
  EXPECT_EQ(result.status, SendStatus::kFailed);
  EXPECT_TRUE(result.needs_operator);
  EXPECT_THAT(result.error, HasSubstr("STARTTLS is required"));
  EXPECT_THAT(result.error, ::testing::Not(HasSubstr("Pa55-w0rd-kept")));
  EXPECT_TRUE(sink_.Credentials().empty()) << sink_.Credentials().front();
  EXPECT_TRUE(sink_.Messages().empty());
}

TEST_F(SmtpWithoutStartTlsTest, WithoutCredentialsMailStillGoesToARelayWithoutStartTls) {
  SmtpTransport plain({UrlWith(""), "roster@example.org", 5s});
  EXPECT_FALSE(plain.RequiresStartTls());
  const auto result = plain.Send(Message());
  ASSERT_EQ(result.status, SendStatus::kSent) << result.error;
  EXPECT_EQ(sink_.WaitForMessages(1, 5s).size(), 1u);
  EXPECT_TRUE(sink_.Credentials().empty());
}

TEST(SmtpTransportNoServerTest, ConnectionRefusedIsAFailure) {
  int port = 0;
  {
    SmtpSink sink;  // learn a free port, then stop the sink
    port = sink.port();
  }
  SmtpTransport transport({"smtp://127.0.0.1:" + std::to_string(port), "roster@localhost", 2s});
  const auto result = transport.Send(Message());
  EXPECT_EQ(result.status, SendStatus::kFailed);
  EXPECT_FALSE(result.error.empty());
}

TEST(SmtpTransportNoServerTest, RejectsBadConfiguration) {
  EXPECT_THROW(SmtpTransport({"http://127.0.0.1:25", "roster@localhost", 2s}),
               std::invalid_argument);
  EXPECT_THROW(SmtpTransport({"smtp://127.0.0.1:25", "not an address", 2s}), std::invalid_argument);
}

}  // namespace
}  // namespace roster::mail
