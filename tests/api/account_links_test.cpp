// Email verification and password reset: the mailed links of an account, through a real SMTP
// sink, and the rule that an unverified account does not hold its address.
#include <gtest/gtest.h>

#include <algorithm>
#include <future>

#include "api_helpers.hpp"
#include "harness.hpp"
#include "sink_support.hpp"

namespace roster::testing {
namespace {

using namespace api;  // NOLINT(google-build-using-namespace)
using std::chrono::seconds;

const std::string kPublicUrl = "http://roster.test";

// The token of the first "<kPublicUrl>/<page>/<token>" link in the message's text part.
std::string LinkToken(const std::string& raw, const std::string& page) {
  const std::string text = sink::PlainText(sink::ParseMessage(raw));
  const std::string prefix = kPublicUrl + "/" + page + "/";
  const auto at = text.find(prefix);
  if (at == std::string::npos) return {};
  const auto start = at + prefix.size();
  const auto end = text.find_first_not_of(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

class AccountLinks : public ::testing::Test {
 protected:
  AccountLinks() : server(Options()) {}
  TestServer::Options Options() {
    TestServer::Options options;
    options.smtp_url = smtp.url();
    return options;
  }
  // Message number `index` (0-based), waiting for it.
  std::string MailAt(std::size_t index) {
    const auto messages = smtp.WaitForMessages(index + 1, seconds(10));
    if (messages.size() <= index) throw std::runtime_error("too few messages arrived");
    return messages[index];
  }
  HttpResult Verify(const std::string& token) {
    Client anyone(server.port());
    return anyone.Request("POST", std::string(kPrefix) + "/auth/email-verification/" + token);
  }
  HttpResult RequestReset(const std::string& email) {
    Client anyone(server.port());
    return anyone.Post(std::string(kPrefix) + "/auth/password-reset", {{"email", email}});
  }
  HttpResult Reset(const std::string& token, const std::string& password) {
    Client anyone(server.port());
    return anyone.Post(std::string(kPrefix) + "/auth/password-reset/" + token,
                       {{"password", password}});
  }
  bool Verified(Client& client) {
    return ObjAt(client.Get(std::string(kPrefix) + "/me").json, "user")["email_verified"] == true;
  }
  // Signs up and follows the verification link of message `mail_index`.
  Account VerifiedAccountOk(const std::string& username, std::size_t mail_index) {
    auto account = SignupOk(server, username);
    Expect(Verify(LinkToken(MailAt(mail_index), "verify-email")), 204, "verify " + username);
    return account;
  }

  sink::SmtpSink smtp;
  TestServer server;
};

TEST_F(AccountLinks, SignupMailsAVerificationLinkAndActivationWaitsForIt) {
  auto ann = SignupOk(server, "ann");
  EXPECT_FALSE(Verified(ann.client));
  auto refused = ann.client.Post(std::string(kPrefix) + "/organizations", {{"name", "Acme"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.code(), "email_unverified");

  const std::string raw = MailAt(0);
  EXPECT_NE(raw.find("ann@example.com"), std::string::npos);
  EXPECT_FALSE(sink::HtmlText(sink::ParseMessage(raw)).empty()) << "an HTML part like invitations";
  const std::string token = LinkToken(raw, "verify-email");
  ASSERT_EQ(token.size(), 43u);
  EXPECT_EQ(Verify(token).status, 204);
  EXPECT_TRUE(Verified(ann.client));
  EXPECT_EQ(ann.client.Post(std::string(kPrefix) + "/organizations", {{"name", "Acme"}}).status,
            201);
  auto again = Verify(token);  // single use
  EXPECT_EQ(again.status, 410);
  EXPECT_EQ(again.code(), "link_invalid");
  EXPECT_EQ(Verify("not-a-token").code(), "link_invalid");
}

TEST_F(AccountLinks, ResendReplacesTheLinkAndIsAcceptedWhenVerified) {
  auto ann = SignupOk(server, "ann");
  const std::string first = LinkToken(MailAt(0), "verify-email");
  auto resent = ann.client.Request("POST", std::string(kPrefix) + "/auth/email-verification");
  EXPECT_EQ(resent.status, 202);
  const std::string second = LinkToken(MailAt(1), "verify-email");
  ASSERT_FALSE(second.empty());
  EXPECT_NE(first, second);
  EXPECT_EQ(Verify(first).code(), "link_invalid") << "earlier links stop working";
  EXPECT_EQ(Verify(second).status, 204);
  EXPECT_EQ(ann.client.Request("POST", std::string(kPrefix) + "/auth/email-verification").status,
            202);
  Client anonymous(server.port());
  EXPECT_EQ(anonymous.Request("POST", std::string(kPrefix) + "/auth/email-verification").status,
            401);
}

TEST_F(AccountLinks, VerificationLinksExpire) {
  SignupOk(server, "ann");
  const std::string token = LinkToken(MailAt(0), "verify-email");
  server.clock().Advance(std::chrono::hours(24) + seconds(1));
  EXPECT_EQ(Verify(token).code(), "link_invalid");
}

TEST_F(AccountLinks, AnUnverifiedAccountDoesNotHoldItsAddress) {
  auto admin = VerifiedAccountOk("boss", 0);
  ASSERT_EQ(admin.client.Post(std::string(kPrefix) + "/organizations", {{"name", "Acme"}}).status,
            201);
  admin.org_id = Obj(admin.client.Get(std::string(kPrefix) + "/me"))["organization"]
                     .as_object()["id"].as_string().c_str();
  auto squatter = SignupOk(server, "squat", "colleague@example.com");  // never verified

  auto invited = Invite(admin.client, admin.org_id, "colleague@example.com", "colleague");
  ASSERT_EQ(invited.status, 201) << "an unverified account does not count as registered";
  const std::string token = sink::InviteTokenIn(sink::PlainText(sink::ParseMessage(MailAt(2))),
                                                kPublicUrl);
  auto member = AcceptOk(server, token, "a-new-password-1");
  EXPECT_TRUE(Verified(member.client)) << "the invitation link came by mail";
  EXPECT_EQ(squatter.client.Get(std::string(kPrefix) + "/me").status, 401)
      << "the unverified account and its sessions are gone";
  Client login(server.port());
  EXPECT_EQ(Login(login, "colleague@example.com", kPassword).status, 401);
  EXPECT_EQ(Login(login, "colleague@example.com", "a-new-password-1").status, 200);
}

TEST_F(AccountLinks, ARegisteredVerifiedAccountStillBlocksInvitationsAndSignups) {
  auto admin = VerifiedAccountOk("boss", 0);
  ASSERT_EQ(admin.client.Post(std::string(kPrefix) + "/organizations", {{"name", "Acme"}}).status,
            201);
  auto me = Obj(admin.client.Get(std::string(kPrefix) + "/me"));
  const std::string org_id(me["organization"].as_object()["id"].as_string());
  VerifiedAccountOk("taken", 1);
  EXPECT_EQ(Invite(admin.client, org_id, "taken@example.com", "other").code(), "email_registered");
  Client again(server.port());
  auto r = again.Post(std::string(kPrefix) + "/auth/signup",
                      {{"email", "taken@example.com"}, {"username", "another"}, {"password", kPassword}});
  EXPECT_EQ(r.code(), "email_registered");
}

TEST_F(AccountLinks, SignupOverAnUnverifiedAccountTakesTheAddressOver) {
  auto first = SignupOk(server, "first", "same@example.com");
  auto second = SignupOk(server, "second", "same@example.com");
  EXPECT_EQ(first.client.Get(std::string(kPrefix) + "/me").status, 401);
  EXPECT_EQ(second.client.Get(std::string(kPrefix) + "/me").status, 200);
}

// Accepting an invitation deletes the unverified holder of the address while that holder signs
// in: whoever wins, no request fails with 5xx and the old account keeps no working session.
TEST_F(AccountLinks, TakeoverRacesALoginOfTheUnverifiedAccount) {
  auto admin = VerifiedAccountOk("boss", 0);
  ASSERT_EQ(admin.client.Post(std::string(kPrefix) + "/organizations", {{"name", "Acme"}}).status,
            201);
  auto me = Obj(admin.client.Get(std::string(kPrefix) + "/me"));
  const std::string org_id(me["organization"].as_object()["id"].as_string());
  std::size_t mails = 1;
  for (int round = 0; round < 8; ++round) {
    const std::string email = "racer" + std::to_string(round) + "@example.com";
    SignupOk(server, "racer" + std::to_string(round), email);
    ++mails;  // its verification mail
    ASSERT_EQ(Invite(admin.client, org_id, email, "member" + std::to_string(round)).status, 201);
    const std::string token =
        sink::InviteTokenIn(sink::PlainText(sink::ParseMessage(MailAt(mails++))), kPublicUrl);
    Client login(server.port());
    Client accept(server.port());
    auto logging_in = std::async(std::launch::async, [&] { return Login(login, email, kPassword); });
    auto accepting = std::async(std::launch::async,
                                [&] { return AcceptInvitation(accept, token, "a-new-password-1"); });
    const auto login_result = logging_in.get();
    const auto accept_result = accepting.get();
    EXPECT_EQ(accept_result.status, 201) << accept_result.body;
    EXPECT_TRUE(login_result.status == 200 || login_result.status == 401) << login_result.body;
    EXPECT_EQ(login.Get(std::string(kPrefix) + "/me").status, 401)
        << "round " << round << ": the taken-over account kept a session";
    EXPECT_EQ(accept.Get(std::string(kPrefix) + "/me").status, 200);
  }
}

TEST_F(AccountLinks, PasswordResetMailsALinkThatWorksOnceAndEndsEverySession) {
  auto ann = VerifiedAccountOk("ann", 0);
  Client laptop(server.port());
  ASSERT_EQ(Login(laptop, ann.email, kPassword).status, 200);

  auto asked = RequestReset("ANN@example.com");
  EXPECT_EQ(asked.status, 202);
  EXPECT_TRUE(asked.body.empty());
  const std::string token = LinkToken(MailAt(1), "reset-password");
  ASSERT_EQ(token.size(), 43u);
  EXPECT_EQ(Reset(token, "short").status, 422);
  EXPECT_EQ(Reset(token, "a-brand-new-password").status, 204);
  EXPECT_EQ(Reset(token, "another-new-password").code(), "link_invalid") << "single use";
  EXPECT_EQ(ann.client.Get(std::string(kPrefix) + "/me").status, 401);
  EXPECT_EQ(laptop.Get(std::string(kPrefix) + "/me").status, 401);
  Client login(server.port());
  EXPECT_EQ(Login(login, ann.email, kPassword).status, 401);
  EXPECT_EQ(Login(login, ann.email, "a-brand-new-password").status, 200);
}

TEST_F(AccountLinks, SettingThePasswordEndsEveryOtherResetLink) {
  VerifiedAccountOk("ann", 0);
  ASSERT_EQ(RequestReset("ann@example.com").status, 202);
  ASSERT_EQ(RequestReset("ann@example.com").status, 202);
  const std::string first = LinkToken(MailAt(1), "reset-password");
  const std::string second = LinkToken(MailAt(2), "reset-password");
  ASSERT_NE(first, second);
  EXPECT_EQ(Reset(second, "a-brand-new-password").status, 204);
  EXPECT_EQ(Reset(first, "yet-another-password").code(), "link_invalid");
}

TEST_F(AccountLinks, ResetLinksExpire) {
  VerifiedAccountOk("ann", 0);
  ASSERT_EQ(RequestReset("ann@example.com").status, 202);
  const std::string token = LinkToken(MailAt(1), "reset-password");
  server.clock().Advance(std::chrono::hours(1) + seconds(1));
  EXPECT_EQ(Reset(token, "a-brand-new-password").code(), "link_invalid");
}

TEST_F(AccountLinks, UnknownEmailsAndRemovedMembersGetNoMailButTheSameAnswer) {
  auto admin = VerifiedAccountOk("boss", 0);
  ASSERT_EQ(admin.client.Post(std::string(kPrefix) + "/organizations", {{"name", "Acme"}}).status,
            201);
  auto me = Obj(admin.client.Get(std::string(kPrefix) + "/me"));
  const std::string org_id(me["organization"].as_object()["id"].as_string());
  ASSERT_EQ(Invite(admin.client, org_id, "gone@example.com", "gone").status, 201);
  auto gone = AcceptOk(server, sink::InviteTokenIn(sink::PlainText(sink::ParseMessage(MailAt(1))),
                                                   kPublicUrl));
  Expect(admin.client.Delete(OrgPath(org_id, "/members/" + gone.user_id)), 200, "remove");

  const auto unknown = RequestReset("nobody@example.com");
  const auto removed = RequestReset("gone@example.com");
  const auto known = RequestReset("boss@example.com");  // the only one that mails
  for (const auto* r : {&unknown, &removed}) {
    EXPECT_EQ(r->status, known.status);
    EXPECT_EQ(r->body, known.body);
    EXPECT_EQ(r->headers.count("content-type"), known.headers.count("content-type"));
  }
  const std::string raw = MailAt(2);
  EXPECT_NE(raw.find("boss@example.com"), std::string::npos);
  EXPECT_EQ(smtp.Messages().size(), 3u);
}

TEST_F(AccountLinks, ResetRequestsAreLimitedPerEmail) {
  int last = 0;
  for (int i = 0; i < 6; ++i) last = RequestReset("someone@example.com").status;
  EXPECT_EQ(last, 429);
  auto limited = RequestReset("someone@example.com");
  EXPECT_EQ(limited.code(), "rate_limited");
  EXPECT_FALSE(limited.headers["retry-after"].empty());
  EXPECT_EQ(RequestReset("someone-else@example.com").status, 202);
}

TEST_F(AccountLinks, BadResetRequestsAreClearErrors) {
  EXPECT_EQ(RequestReset("not-an-email").status, 422);
  Client anyone(server.port());
  EXPECT_EQ(anyone.Post(std::string(kPrefix) + "/auth/password-reset", json::object{}).status, 422);
  EXPECT_EQ(anyone.Request("POST", std::string(kPrefix) + "/auth/password-reset", "{nope").status,
            400);
  EXPECT_EQ(Reset(std::string(500, 'a'), "a-brand-new-password").code(), "link_invalid");
}

// The answer for a known and an unknown email cannot be told apart by its time: the lookup and
// the mail happen after the answer.
TEST_F(AccountLinks, ResetAnswersTakeTheSameTimeForKnownAndUnknownEmails) {
  std::vector<std::string> known;
  for (int i = 0; i < 10; ++i) known.push_back(SignupOk(server, "known" + std::to_string(i)).email);
  std::vector<double> known_ms, unknown_ms;
  auto timed = [&](const std::string& email) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(RequestReset(email).status, 202);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
  };
  for (int i = 0; i < 50; ++i) {
    known_ms.push_back(timed(known[i % known.size()]));
    unknown_ms.push_back(timed("unknown" + std::to_string(i) + "@example.com"));
  }
  auto median = [](std::vector<double> v) {
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
  };
  EXPECT_LT(std::abs(median(known_ms) - median(unknown_ms)), 5.0)
      << "known " << median(known_ms) << " ms, unknown " << median(unknown_ms) << " ms";
}

TEST(AccountLinksDevMode, WithoutSmtpSignupsAreVerifiedAtOnce) {
  TestServer server;
  auto ann = SignupOk(server, "ann");
  auto me = Obj(ann.client.Get(std::string(kPrefix) + "/me"));
  EXPECT_EQ(ObjAt(me, "user")["email_verified"], true);
  EXPECT_EQ(ann.client.Post(std::string(kPrefix) + "/organizations", {{"name", "Acme"}}).status,
            201);
}

}  // namespace
}  // namespace roster::testing
