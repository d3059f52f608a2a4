#include "mail/mime.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "mail/smtp_url.hpp"
#include "mime_reader.hpp"

namespace roster::mail {

using namespace roster::test_support;
namespace {

using test_support::DecodeEncodedWords;
using test_support::DecodeQuotedPrintable;
using ::testing::HasSubstr;
using test_support::LinesWellFormed;
using test_support::ParseMessage;

TEST(QuotedPrintableTest, RoundTripsAndKeepsLinesShort) {
  const std::string link = "https://roster.example/invite/" + std::string(120, 'x') + "=y";
  const std::string inputs[] = {"",
                                "plain",
                                "a=b",
                                "trailing space \nnext\t\n",
                                ".leading dot\n.\n",
                                "caf\xc3\xa9 \xe2\x9c\x93\n",
                                link + "\n",
                                std::string(300, ' ') + "x\n",
                                "crlf\r\nlines\r\n",
                                std::string(200, '=')};
  for (const auto& input : inputs) {
    const std::string encoded = EncodeQuotedPrintable(input);
    std::string expected = input;
    for (std::size_t p; (p = expected.find("\r\n")) != std::string::npos;) expected.erase(p, 1);
    EXPECT_EQ(DecodeQuotedPrintable(encoded), expected) << input;
    EXPECT_TRUE(LinesWellFormed(encoded + "\r\n", 76)) << encoded;
    EXPECT_EQ(encoded.find(" \r\n"), std::string::npos) << "trailing whitespace: " << encoded;
    EXPECT_EQ(encoded.find("\r\n."), std::string::npos) << "line starting with a dot";
  }
}

TEST(QuotedPrintableTest, RoundTripsRandomBytes) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    std::string input(rng() % 400, '\0');
    for (char& c : input) c = static_cast<char>(rng() % 256);
    for (std::size_t i = 0; i < input.size(); ++i) {
      if (input[i] == '\r') input[i] = 'r';  // a bare CR is not a line break to keep
    }
    const std::string encoded = EncodeQuotedPrintable(input);
    ASSERT_EQ(DecodeQuotedPrintable(encoded), input);
    ASSERT_TRUE(LinesWellFormed(encoded + "\r\n", 76));
  }
}

TEST(HeaderEncodingTest, AsciiStaysPlainAndNonAsciiIsEncodedWords) {
  EXPECT_EQ(EncodeHeaderText("ann invited you to join Acme on Roster"),
            "ann invited you to join Acme on Roster");
  const std::string subject =
      "J\xc3\xb6rg invited you to join M\xc3\xbcller & S\xc3\xb6hne on Roster "
      "\xe2\x9c\x93\xe2\x9c\x93\xe2\x9c\x93\xe2\x9c\x93\xe2\x9c\x93\xe2\x9c\x93";
  const std::string encoded = EncodeHeaderText(subject);
  EXPECT_THAT(encoded, HasSubstr("=?UTF-8?B?"));
  EXPECT_TRUE(LinesWellFormed("Subject: " + encoded + "\r\n", 78));
  EXPECT_EQ(DecodeEncodedWords(encoded), subject);
}

TEST(HeaderEncodingTest, LongAsciiIsFoldedAndControlsRemoved) {
  const std::string long_subject(2000, 'a');
  const std::string encoded = EncodeHeaderText(long_subject);
  EXPECT_TRUE(LinesWellFormed("Subject: " + encoded + "\r\n", 998));
  EXPECT_EQ(DecodeEncodedWords(encoded), long_subject);
  EXPECT_EQ(EncodeHeaderText("a\r\nBcc: x"), "a  Bcc: x");
}

TEST(MimeTest, DateIsRfc5322) {
  EXPECT_EQ(FormatRfc5322Date(domain::FromMillis(1796551200000)),
            "Sun, 06 Dec 2026 10:00:00 +0000");
}

TEST(MimeTest, MailboxAddress) {
  EXPECT_EQ(MailboxAddress("roster@example.org"), "roster@example.org");
  EXPECT_EQ(MailboxAddress("Roster <roster@example.org>"), "roster@example.org");
}

TEST(MimeTest, BuildsMultipartAlternative) {
  MimeMessage m;
  m.from = "R\xc3\xb6ster <roster@example.org>";
  m.to = "bob@example.com";
  m.subject = "hello";
  m.message_id = "roster.1@example.org";
  m.date = domain::FromMillis(1796551200000);
  m.text = "line one\nhttps://x.test/" + std::string(100, 'k') + "\n";
  m.html = "<p>caf\xc3\xa9</p>\n";
  m.boundary = "=_roster_b";
  const std::string raw = BuildMimeMessage(m);
  ASSERT_TRUE(LinesWellFormed(raw, 998));
  const auto parsed = ParseMessage(raw);
  EXPECT_EQ(parsed.headers.at("date"), "Sun, 06 Dec 2026 10:00:00 +0000");
  EXPECT_EQ(parsed.headers.at("message-id"), "<roster.1@example.org>");
  EXPECT_EQ(parsed.headers.at("to"), "<bob@example.com>");
  EXPECT_EQ(parsed.headers.at("mime-version"), "1.0");
  EXPECT_EQ(DecodeEncodedWords(parsed.headers.at("from")), "R\xc3\xb6ster <roster@example.org>");
  ASSERT_EQ(parsed.parts.size(), 2u);
  EXPECT_EQ(parsed.parts[0].headers.at("content-type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(parsed.parts[0].body, m.text);
  EXPECT_EQ(parsed.parts[1].headers.at("content-type"), "text/html; charset=UTF-8");
  EXPECT_EQ(parsed.parts[1].body, m.html);
}

TEST(SmtpUrlTest, PlainSmtp) {
  const auto endpoint = ParseSmtpUrl("smtp://mail.example.org:2525");
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(endpoint->url, "smtp://mail.example.org:2525/");
  EXPECT_FALSE(endpoint->implicit_tls);
  EXPECT_EQ(endpoint->username, "");
}

TEST(SmtpUrlTest, SmtpsWithDecodedCredentials) {
  const auto endpoint = ParseSmtpUrl("smtps://me%40example.org:p%3Ass%2Fw@mail.example.org:465");
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(endpoint->url, "smtps://mail.example.org:465/");
  EXPECT_TRUE(endpoint->implicit_tls);
  EXPECT_EQ(endpoint->username, "me@example.org");
  EXPECT_EQ(endpoint->password, "p:ss/w");
}

TEST(SmtpUrlTest, RejectsOtherUrls) {
  EXPECT_FALSE(ParseSmtpUrl(""));
  EXPECT_FALSE(ParseSmtpUrl("http://example.org"));
  EXPECT_FALSE(ParseSmtpUrl("mail.example.org:25"));
}

}  // namespace
}  // namespace roster::mail
