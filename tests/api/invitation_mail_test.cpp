// Invitation email through a real SMTP sink (tests/support/smtp_sink.py): the message, its link,
// email_delivery QUEUED -> SENT / FAILED, resend, and that the raw token stays out of the API.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api_helpers.hpp"
#include "harness.hpp"
#include "instance.hpp"
#include "sink_support.hpp"

namespace roster::testing {
namespace {

using namespace api;  // NOLINT(google-build-using-namespace)
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

const std::string kPublicUrl = "http://roster.test";

const std::vector<std::string> kInvitationFields = {
    "accepted_at", "created_at", "email",  "email_delivery", "expires_at", "id",
    "invited_by",  "revoked_at", "role",   "status",         "username"};

struct Mail {
  std::string raw;
  sink::ParsedMessage parsed;
  std::string text;
  std::string html;
  std::string token;
  std::string envelope;
};

std::string Header(const Mail& mail, const std::string& name) {
  const auto it = mail.parsed.headers.find(name);
  return it == mail.parsed.headers.end() ? std::string() : it->second;
}

TestServer::Options WithSmtp(const sink::SmtpSink& smtp) {
  TestServer::Options options;
  options.smtp_url = smtp.url();
  return options;
}

class InvitationMail : public ::testing::Test {
 protected:
  InvitationMail() : server(WithSmtp(smtp)) {}
  void SetUp() override {
    admin = AdminWithOrgOk(server, "boss", "Acme Corp");
    // The admin's signup mailed a verification link: the invitation mails come after it.
    ASSERT_EQ(smtp.WaitForMessages(1, seconds(10)).size(), 1u);
  }

  // The messages after the admin's verification mail.
  std::vector<std::string> Received() const {
    auto messages = smtp.Messages();
    messages.erase(messages.begin());
    return messages;
  }

  // Invitation message number `index` (0-based), waiting up to 10 s for it.
  Mail MailAt(std::size_t index) {
    const auto all = smtp.WaitForMessages(index + 2, seconds(10));
    const std::vector<std::string> messages(all.begin() + 1, all.end());
    if (messages.size() <= index) {
      throw std::runtime_error("the sink received only " + std::to_string(messages.size()) +
                               " message(s)");
    }
    Mail mail;
    mail.raw = messages[index];
    mail.parsed = sink::ParseMessage(mail.raw);
    mail.text = sink::PlainText(mail.parsed);
    mail.html = sink::HtmlText(mail.parsed);
    mail.token = sink::InviteTokenIn(mail.text, kPublicUrl);
    mail.envelope = smtp.Envelope(index + 1);
    return mail;
  }

  json::object Listed(const std::string& id) {
    return InvitationInListOk(admin.client, admin.org_id, id);
  }

  // Polls the admin list until the invitation's email_delivery is `state`. With `fast_clock`,
  // moves the server's fake clock 500 ms per 50 ms so the worker's retry backoff (2 s, doubling)
  // passes quickly.
  bool WaitForDelivery(const std::string& id, const std::string& state, bool fast_clock = false,
                       seconds timeout = seconds(20)) {
    return WaitUntil([&] { return Str(Listed(id), "email_delivery") == state; }, timeout,
                     milliseconds(50), [&] {
                       if (fast_clock) server.clock().Advance(milliseconds(500));
                     });
  }

  sink::SmtpSink smtp;  // declared first: outlives the server
  TestServer server;
  Account admin{0};
};

TEST_F(InvitationMail, TheInvitationIsMailedWithAWorkingLink) {
  auto r = Invite(admin.client, admin.org_id, "Mail.Me@Example.COM", "mailme", "ADMIN");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto inv = Obj(r);
  const std::string id = Str(inv, "id");
  EXPECT_EQ(Str(inv, "email"), "Mail.Me@example.com");
  EXPECT_EQ(Str(inv, "email_delivery"), "QUEUED");
  EXPECT_EQ(Keys(inv), kInvitationFields) << "no invite_url once SMTP is configured";

  const Mail mail = MailAt(0);
  EXPECT_NE(mail.envelope.find("RCPT TO:Mail.Me@example.com"), std::string::npos) << mail.envelope;
  EXPECT_NE(Header(mail, "to").find("Mail.Me@example.com"), std::string::npos)
      << Header(mail, "to");
  EXPECT_NE(sink::DecodeEncodedWords(Header(mail, "subject")).find("Acme Corp"),
            std::string::npos)
      << Header(mail, "subject");

  ASSERT_FALSE(mail.token.empty()) << mail.text;
  EXPECT_GE(mail.token.size(), 43u) << "at least 32 random bytes in base64url";
  const std::string link = kPublicUrl + "/invite/" + mail.token;
  EXPECT_NE(mail.text.find(link), std::string::npos) << mail.text;
  EXPECT_NE(mail.text.find("Acme Corp"), std::string::npos) << mail.text;
  EXPECT_NE(mail.text.find("boss"), std::string::npos) << "inviter: " << mail.text;
  EXPECT_NE(mail.text.find("ADMIN"), std::string::npos) << "role: " << mail.text;
  const std::string expires_at = Str(inv, "expires_at");
  EXPECT_NE(mail.text.find(expires_at.substr(0, 10)), std::string::npos)
      << "expiry date " << expires_at << ": " << mail.text;
  EXPECT_NE(mail.html.find(link), std::string::npos) << mail.html;

  // QUEUED -> SENT, and still no invite_url.
  ASSERT_TRUE(WaitForDelivery(id, "SENT", false, seconds(10)))
      << json::serialize(Listed(id));
  EXPECT_EQ(Keys(Listed(id)), kInvitationFields);

  // Follow the link.
  auto lookup = LookupInvitation(server.port(), mail.token);
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(Str(ObjAt(lookup.json, "organization"), "name"), "Acme Corp");
  EXPECT_EQ(lookup.str("email"), "Mail.Me@example.com");
  EXPECT_EQ(lookup.str("username"), "mailme");
  EXPECT_EQ(lookup.str("role"), "ADMIN");
  EXPECT_EQ(lookup.str("status"), "PENDING");
  EXPECT_EQ(lookup.str("expires_at"), expires_at);
  auto member = AcceptOk(server, mail.token);
  EXPECT_EQ(member.role, "ADMIN");
  EXPECT_EQ(member.org_id, admin.org_id);
  EXPECT_EQ(Str(Listed(id), "status"), "ACCEPTED");
  EXPECT_EQ(Received().size(), 1u);
}

TEST_F(InvitationMail, TheRawTokenAppearsInNoResponse) {
  auto created = Invite(admin.client, admin.org_id, "secret@example.com", "secret");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.str("id");
  const Mail mail = MailAt(0);
  ASSERT_FALSE(mail.token.empty());
  ASSERT_TRUE(WaitForDelivery(id, "SENT", false, seconds(10)));

  const auto no_token = [&](const HttpResult& r, const std::string& what) {
    EXPECT_EQ(r.body.find(mail.token), std::string::npos) << what << ": " << r.body;
    EXPECT_EQ(r.body.find("invite_url"), std::string::npos) << what << ": " << r.body;
  };
  no_token(created, "create");
  no_token(admin.client.Get(OrgPath(admin.org_id, "/invitations")), "list");
  no_token(admin.client.Get(OrgPath(admin.org_id, "/invitations?status=PENDING")), "list PENDING");
  no_token(admin.client.Get(OrgPath(admin.org_id, "/audit-events")), "audit");
  no_token(LookupInvitation(server.port(), mail.token), "lookup");
  Client visitor(server.port());
  auto accepted = AcceptInvitation(visitor, mail.token);
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  no_token(accepted, "accept");
  no_token(visitor.Get(std::string(kPrefix) + "/me"), "me");
  no_token(admin.client.Get(OrgPath(admin.org_id, "/invitations")), "list after accept");
  no_token(admin.client.Get(OrgPath(admin.org_id, "/audit-events")), "audit after accept");
  no_token(admin.client.Get(OrgPath(admin.org_id, "/members")), "members");
}

TEST_F(InvitationMail, ResendMailsAFreshTokenAndTheOldLinkStopsWorking) {
  const auto inv = InviteOk(admin.client, admin.org_id, "again@example.com", "again");
  const std::string id = Str(inv, "id");
  const Mail first = MailAt(0);
  ASSERT_FALSE(first.token.empty());
  ASSERT_TRUE(WaitForDelivery(id, "SENT", false, seconds(10)));
  server.clock().Advance(std::chrono::hours(2));

  auto r = Resend(admin.client, admin.org_id, Str(inv, "id"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.str("status"), "PENDING");
  EXPECT_EQ(r.str("email_delivery"), "QUEUED");
  EXPECT_EQ(Keys(r.json), kInvitationFields) << r.body;
  EXPECT_GT(*ParseRfc3339(r.str("expires_at")), *ParseRfc3339(Str(inv, "expires_at")));

  const Mail second = MailAt(1);
  ASSERT_FALSE(second.token.empty()) << second.text;
  EXPECT_NE(second.token, first.token);
  EXPECT_NE(second.envelope.find("RCPT TO:again@example.com"), std::string::npos);
  EXPECT_NE(second.text.find(r.str("expires_at").substr(0, 10)), std::string::npos)
      << second.text;
  ASSERT_TRUE(WaitForDelivery(id, "SENT", false, seconds(10)));

  auto old_lookup = LookupInvitation(server.port(), first.token);
  EXPECT_EQ(old_lookup.status, 404) << old_lookup.body;
  EXPECT_EQ(old_lookup.code(), "not_found");
  Client visitor(server.port());
  auto old_accept = AcceptInvitation(visitor, first.token);
  EXPECT_EQ(old_accept.status, 404) << old_accept.body;
  EXPECT_EQ(old_accept.code(), "not_found");

  auto lookup = LookupInvitation(server.port(), second.token);
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(lookup.str("status"), "PENDING");
  EXPECT_EQ(lookup.str("expires_at"), r.str("expires_at"));
  EXPECT_EQ(AcceptOk(server, second.token).username, "again");
  EXPECT_EQ(Received().size(), 2u);
}

TEST_F(InvitationMail, FailedDeliveryShowsTheLinkToAdminsUntilItIsSent) {
  smtp.SetFailing(true);
  const auto started = std::chrono::steady_clock::now();
  const auto inv = InviteOk(admin.client, admin.org_id, "flaky@example.com", "flaky");
  const std::string id = Str(inv, "id");
  EXPECT_EQ(Str(inv, "email_delivery"), "QUEUED");
  EXPECT_FALSE(Has(inv, "invite_url"));

  ASSERT_TRUE(WaitForDelivery(id, "FAILED", /*fast_clock=*/true))
      << json::serialize(Listed(id));
  const auto failed = Listed(id);
  EXPECT_EQ(Str(failed, "status"), "PENDING");
  const std::string url = Str(failed, "invite_url");
  ASSERT_EQ(url.rfind(kPublicUrl + "/invite/", 0), 0u) << json::serialize(failed);
  const std::string token = TokenFromUrl(url);
  auto lookup = LookupInvitation(server.port(), token);
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(lookup.str("email"), "flaky@example.com");
  EXPECT_TRUE(Received().empty());

  smtp.SetFailing(false);
  ASSERT_TRUE(WaitForDelivery(id, "SENT", /*fast_clock=*/true)) << json::serialize(Listed(id));
  EXPECT_FALSE(Has(Listed(id), "invite_url")) << "delivered: the link is no longer shown";
  const Mail mail = MailAt(0);
  EXPECT_EQ(mail.token, token) << "the retried message carries the link the admin saw";
  EXPECT_EQ(Received().size(), 1u);
  EXPECT_EQ(AcceptOk(server, token).username, "flaky");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_LT(elapsed, seconds(40));
}

TEST_F(InvitationMail, NoMailLeavesForARevokedOrSupersededLink) {
  smtp.SetFailing(true);
  const auto a = InviteOk(admin.client, admin.org_id, "kept@example.com", "kept");
  const auto b = InviteOk(admin.client, admin.org_id, "dropped@example.com", "dropped");
  // Let both fail at least once, then resend a (its first message is superseded) and revoke b.
  ASSERT_TRUE(WaitForDelivery(Str(a, "id"), "FAILED", true));
  ASSERT_TRUE(WaitForDelivery(Str(b, "id"), "FAILED", true));
  const std::string old_token = TokenFromUrl(Str(Listed(Str(a, "id")), "invite_url"));
  ASSERT_FALSE(old_token.empty());
  ASSERT_EQ(Resend(admin.client, admin.org_id, Str(a, "id")).status, 200);
  ASSERT_EQ(Revoke(admin.client, admin.org_id, Str(b, "id")).status, 200);

  smtp.SetFailing(false);
  ASSERT_TRUE(WaitForDelivery(Str(a, "id"), "SENT", true));
  // Stop the worker (it finishes what it has in flight), move past every lease and retry delay,
  // and run passes here until nothing is due: whatever else could leave has left by then.
  server.instance().mail_worker().Stop();
  server.clock().Advance(hours(2));
  for (int pass = 0; server.instance().mail_worker().RunOnce() > 0; ++pass) {
    ASSERT_LT(pass, 10) << "the outbox never ran dry";
  }

  const auto messages = Received();
  ASSERT_EQ(messages.size(), 1u);
  const Mail mail = MailAt(0);
  EXPECT_NE(mail.envelope.find("RCPT TO:kept@example.com"), std::string::npos) << mail.envelope;
  EXPECT_NE(mail.token, old_token);
  EXPECT_EQ(LookupInvitation(server.port(), mail.token).status, 200);
  EXPECT_EQ(LookupInvitation(server.port(), old_token).status, 404);
}

// Redirects this process's stdout and stderr (where the server logs) to a file while alive.
class OutputCapture {
 public:
  OutputCapture() {
    path_ = std::filesystem::temp_directory_path() /
            ("roster-log-" + std::to_string(::getpid()) + ".txt");
    std::fflush(stdout);
    std::fflush(stderr);
    saved_out_ = ::dup(STDOUT_FILENO);
    saved_err_ = ::dup(STDERR_FILENO);
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
  }
  ~OutputCapture() { Stop(); }
  OutputCapture(const OutputCapture&) = delete;
  OutputCapture& operator=(const OutputCapture&) = delete;

  // Restores the outputs; returns everything written meanwhile.
  std::string Stop() {
    if (saved_out_ >= 0) {
      std::fflush(stdout);
      std::fflush(stderr);
      ::dup2(saved_out_, STDOUT_FILENO);
      ::dup2(saved_err_, STDERR_FILENO);
      ::close(saved_out_);
      ::close(saved_err_);
      saved_out_ = saved_err_ = -1;
      std::ifstream in(path_);
      std::ostringstream text;
      text << in.rdbuf();
      captured_ = text.str();
      std::error_code ec;
      std::filesystem::remove(path_, ec);
    }
    return captured_;
  }

 private:
  std::filesystem::path path_;
  int saved_out_ = -1;
  int saved_err_ = -1;
  std::string captured_;
};

// "With SMTP configured, no token ever reaches a log line": not for delivery, failed delivery,
// retries, nor for requests that carry the token in their path.
TEST(InvitationMailLog, WithSmtpConfiguredNoTokenReachesTheLog) {
  sink::SmtpSink smtp;
  smtp.SetFailing(true);
  std::vector<std::string> tokens;
  std::string log;
  {
    OutputCapture capture;
    {
      TestServer server(WithSmtp(smtp));
      auto admin = AdminWithOrgOk(server, "boss", "Acme Corp");
      const auto inv = InviteOk(admin.client, admin.org_id, "logged@example.com", "logged");
      const std::string id = Str(inv, "id");
      const auto state = [&] {
        return Str(InvitationInListOk(admin.client, admin.org_id, id), "email_delivery");
      };
      const auto fast = [&] { server.clock().Advance(milliseconds(500)); };
      const bool failed = WaitUntil([&] { return state() == "FAILED"; }, seconds(20),
                                    milliseconds(50), fast);
      tokens.push_back(TokenFromUrl(
          Str(InvitationInListOk(admin.client, admin.org_id, id), "invite_url")));
      smtp.SetFailing(false);
      const bool sent = WaitUntil([&] { return state() == "SENT"; }, seconds(20),
                                  milliseconds(50), fast);
      Resend(admin.client, admin.org_id, id);
      // The admin's verification mail and two invitation mails.
      WaitUntil([&] { return smtp.Messages().size() >= 3; }, seconds(10));
      for (const auto& raw : smtp.Messages()) {
        const std::string text = sink::PlainText(sink::ParseMessage(raw));
        const std::string invite_token = sink::InviteTokenIn(text, kPublicUrl);
        const auto verify = text.find(kPublicUrl + "/verify-email/");
        tokens.push_back(invite_token.empty() && verify != std::string::npos
                             ? text.substr(verify + kPublicUrl.size() + 14, 43)
                             : invite_token);
      }
      // Requests with a token in their path.
      Client browser(server.port());
      for (const auto& token : tokens) {
        browser.Get("/invite/" + token);
        browser.Get("/invite/" + token + "?from=mail");
        browser.Get(std::string(kPrefix) + "/invitations/" + token);
        browser.Get(std::string(kPrefix) + "/invitations/" + token + "/nope");
        browser.Request("DELETE", std::string(kPrefix) + "/invitations/" + token);
        browser.Post(std::string(kPrefix) + "/invitations/" + token + "/accept",
                     json::object{{"password", "short"}});
      }
      AcceptInvitation(browser, tokens.back());
      server.Stop();
      log = capture.Stop();
      ASSERT_TRUE(failed);
      ASSERT_TRUE(sent);
    }
  }
  ASSERT_GE(tokens.size(), 4u);
  ASSERT_FALSE(log.empty()) << "the server logs to stdout/stderr";
  for (const auto& token : tokens) {
    ASSERT_FALSE(token.empty());
    const auto at = log.find(token);
    EXPECT_EQ(at, std::string::npos)
        << "token in the log: "
        << log.substr(log.rfind('\n', at) == std::string::npos ? 0 : log.rfind('\n', at), 300);
  }
  EXPECT_NE(log.find("/invitations/{token}"), std::string::npos) << "requests are logged redacted";
}

}  // namespace
}  // namespace roster::testing
