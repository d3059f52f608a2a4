// GET /auth/forward (reverse-proxy forward auth), on both databases: who passes with which
// headers, who is refused with which status, and where a stranger is sent.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "scenario.hpp"

namespace roster::testing {
namespace {

using scenario::Account;
using scenario::AddMember;
using scenario::AdminWithOrg;
using scenario::Signup;

HttpResult Forward(Client& client, const std::string& query = {},
                   std::map<std::string, std::string> headers = {}) {
  return client.Request("GET", "/auth/forward" + query, std::nullopt, std::move(headers));
}

std::string Header(const HttpResult& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? std::string() : it->second;
}

class ForwardAuth : public ::testing::Test {
 protected:
  void SetUp() override {
    auto [admin, org_id] = AdminWithOrg(server_, "fwd-admin", "Forward Org");
    admin_ = std::move(admin);
    org_id_ = org_id;
    user_ = AddMember(server_, *admin_.client, org_id_, "fwd-user", "USER");
  }
  TestServer server_;
  Account admin_;
  Account user_;
  std::string org_id_;
};

TEST_F(ForwardAuth, AMemberPassesWithTheirIdentityInHeaders) {
  auto r = Forward(*user_.client);
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(Header(r, "x-roster-user-id"), user_.user_id);
  EXPECT_EQ(Header(r, "x-roster-username"), "fwd-user");
  EXPECT_EQ(Header(r, "x-roster-email"), "fwd-user@example.com");
  EXPECT_EQ(Header(r, "x-roster-org-id"), org_id_);
  EXPECT_EQ(Header(r, "x-roster-role"), "USER");
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(Header(Forward(*admin_.client), "x-roster-role"), "ADMIN");
}

TEST_F(ForwardAuth, WithoutASessionIs401) {
  Client stranger(server_.port());
  EXPECT_EQ(Forward(stranger).status, 401);
  EXPECT_EQ(Forward(stranger).code(), "unauthenticated");
  stranger.set_cookie("roster_session", "not-a-session");
  EXPECT_EQ(Forward(stranger).status, 401);
  // A bearer token is not a browser session: forward auth reads the cookie only.
  Client with_header(server_.port());
  auto r = Forward(with_header, "", {{"Authorization", "Bearer " + user_.client->cookie("roster_session")}});
  EXPECT_EQ(r.status, 401);
}

TEST_F(ForwardAuth, RoleAdminKeepsAUserOut) {
  auto r = Forward(*user_.client, "?role=ADMIN");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "admin_required");
  EXPECT_EQ(Forward(*admin_.client, "?role=ADMIN").status, 204);
  EXPECT_EQ(Forward(*user_.client, "?role=USER").status, 204);
  EXPECT_EQ(Forward(*user_.client, "?role=root").status, 422);
}

TEST_F(ForwardAuth, OrgKeepsOtherOrganizationsOut) {
  auto [other_admin, other_org] = AdminWithOrg(server_, "other-admin", "Other Org");
  EXPECT_EQ(Forward(*user_.client, "?org=" + org_id_).status, 204);
  auto r = Forward(*other_admin.client, "?org=" + org_id_);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "not_a_member");
  EXPECT_EQ(Forward(*other_admin.client, "?org=" + org_id_ + "&role=ADMIN").status, 403);
  EXPECT_EQ(Forward(*other_admin.client, "?org=" + other_org).status, 204);
}

TEST_F(ForwardAuth, AnAccountWithoutAnOrganizationIs403) {
  auto personal = Signup(server_, "fwd-personal");
  auto r = Forward(*personal.client);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "organization_required");
}

TEST_F(ForwardAuth, ARemovedMemberIsOutAtOnce) {
  ASSERT_EQ(Forward(*user_.client).status, 204);
  auto removed = admin_.client->Delete(scenario::MemberPath(org_id_, user_.user_id));
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(Forward(*user_.client).status, 401);
}

TEST_F(ForwardAuth, AnExpiredSessionIs401) {
  ASSERT_EQ(Forward(*user_.client).status, 204);
  server_.clock().Advance(std::chrono::hours(24 * 7) + std::chrono::seconds(1));
  EXPECT_EQ(Forward(*user_.client).status, 401);
}

TEST_F(ForwardAuth, RedirectSendsAStrangerToTheLoginPageWithReturnTo) {
  Client stranger(server_.port());
  auto r = Forward(stranger, "?redirect=1",
                   {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "roster.test"},
                    {"X-Forwarded-Uri", "/wiki/page?a=1&b=2"}});
  ASSERT_EQ(r.status, 302) << r.body;
  EXPECT_EQ(Header(r, "location"),
            "http://roster.test/login?return_to=https%3A%2F%2Froster.test%2Fwiki%2Fpage%3Fa%3D1%26b%3D2");
  r = Forward(stranger, "?redirect=1", {{"X-Original-URL", "http://Roster.test:8080/x"}});
  EXPECT_EQ(Header(r, "location"),
            "http://roster.test/login?return_to=http%3A%2F%2FRoster.test%3A8080%2Fx");
  // A signed-in member is not redirected; without redirect=1 a stranger gets 401.
  EXPECT_EQ(Forward(*user_.client, "?redirect=1").status, 204);
  EXPECT_EQ(Forward(stranger, "", {{"X-Original-URL", "http://roster.test/x"}}).status, 401);
}

TEST_F(ForwardAuth, RedirectNeverCarriesAReturnToAnotherHost) {
  Client stranger(server_.port());
  const std::vector<std::map<std::string, std::string>> spoofed = {
      {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "evil.com"}},
      {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "roster.test@evil.com"}},
      {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "evil.com#roster.test"}},
      {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "roster.test.evil.com"}},
      {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "roster.test, evil.com"}},
      {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "roster%2Etest"}},
      {{"X-Forwarded-Proto", "javascript"}, {"X-Forwarded-Host", "roster.test"}},
      {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "roster.test"},
       {"X-Forwarded-Uri", "\\evil.com"}},
      {{"X-Original-URL", "//evil.com/"}},
      {{"X-Original-URL", "https://evil.com/"}},
      {{"X-Original-URL", "https://roster.test@evil.com/"}},
      {{"X-Original-URL", "https://roster.test:443@evil.com/"}},
      {{"X-Original-URL", "https://evil.com\\@roster.test/"}},
      {{"X-Original-URL", "/\\evil.com"}},
      {{"X-Original-URL", "https:evil.com"}},
      {{"X-Original-URL", "https://roster.test/a b"}},
  };
  for (const auto& headers : spoofed) {
    auto r = Forward(stranger, "?redirect=1", headers);
    EXPECT_EQ(r.status, 302);
    EXPECT_EQ(Header(r, "location"), "http://roster.test/login")
        << headers.begin()->second << " " << headers.rbegin()->second;
  }
}

TEST_F(ForwardAuth, OnlyGetAndHead) {
  // HEAD by hand: the recorded exchanges are checked against the document, which lists GET.
  const auto head = RawExchange(server_.port(),
                                "HEAD /auth/forward HTTP/1.1\r\nHost: roster.test\r\nCookie: roster_session=" +
                                    user_.client->cookie("roster_session") +
                                    "\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(head.starts_with("HTTP/1.1 204")) << head;
  auto r = user_.client->Request("POST", "/auth/forward", std::string("{}"),
                            {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 405);
}

TEST_F(ForwardAuth, InfoListsTheAllowedReturnHosts) {
  Client anyone(server_.port());
  auto r = anyone.Get("/api/v1/info");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(boost::json::serialize(r.json.at("allowed_return_hosts")), R"(["roster.test"])");
}

}  // namespace
}  // namespace roster::testing
