// Organization mode and member management: activation, the users list, role changes, removal,
// every guardrail and the audit trail, through HTTP.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "harness.hpp"
#include "scenario.hpp"

namespace roster::testing {
namespace {

using namespace scenario;

class MembersTest : public ::testing::Test {
 protected:
  TestServer server;
};

TEST_F(MembersTest, ActivationMakesTheCallerTheFirstAdmin) {
  auto ann = Signup(server, "ann");
  auto r = ann.client->Post("/api/v1/organizations", {{"name", "  Acme Inc  "}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.str("name"), "Acme Inc");  // trimmed
  EXPECT_TRUE(r.str("created_at").ends_with("Z"));
  const std::string org_id = r.str("id");
  auto me = Obj(ann.client->Get("/api/v1/me"));
  EXPECT_EQ(me["mode"].as_string(), "organization");
  EXPECT_EQ(Str(me["organization"], "id"), org_id);
  EXPECT_EQ(Str(me["organization"], "role"), "ADMIN");
  auto org = ann.client->Get("/api/v1/orgs/" + org_id);
  EXPECT_EQ(org.status, 200);
  EXPECT_EQ(org.str("name"), "Acme Inc");

  auto again = ann.client->Post("/api/v1/organizations", {{"name", "Second"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.code(), "already_in_organization");
}

TEST_F(MembersTest, OrganizationNamesAreUniqueAndValidated) {
  AdminWithOrg(server, "ann", "Acme");
  auto bob = Signup(server, "bob");
  auto r = bob.client->Post("/api/v1/organizations", {{"name", " ACME "}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.code(), "organization_name_taken");
  for (const std::string& bad : {std::string("A"), std::string("   "), std::string(65, 'x')}) {
    r = bob.client->Post("/api/v1/organizations", {{"name", bad}});
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(r.code(), "validation_failed");
  }
  EXPECT_EQ(bob.client->Post("/api/v1/organizations", {{"name", 42}}).status, 422);
  EXPECT_EQ(bob.client->Post("/api/v1/organizations", {{"name", std::string(64, 'x')}}).status, 201);
}

TEST_F(MembersTest, SimultaneousActivationsWithOneNameHaveOneWinner) {
  std::vector<Account> accounts;
  for (int i = 0; i < 6; ++i) accounts.push_back(Signup(server, "user" + std::to_string(i)));
  std::vector<int> statuses(accounts.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = accounts[i].client->Post("/api/v1/organizations", {{"name", "Race"}}).status;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), 5);
}

TEST_F(MembersTest, UsersListIsSortedFilteredAndPaged) {
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  auto bob = AddMember(server, *ann.client, org, "Bob", "ADMIN");
  auto carl = AddMember(server, *ann.client, org, "carl");
  auto dora = AddMember(server, *ann.client, org, "dora");
  ASSERT_EQ(ann.client->Delete(MemberPath(org, dora.user_id)).status, 200);

  auto names = [&](const std::string& query) {
    auto r = ann.client->Get("/api/v1/orgs/" + org + "/members" + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.body;
    std::vector<std::string> out;
    const auto page = Obj(r);
    for (const auto& m : page.at("items").as_array()) out.push_back(Str(m, "username"));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names(""), (V{"ann", "Bob", "carl", "dora"}));  // case-insensitive order, ALL
  EXPECT_EQ(names("?status=ALL"), (V{"ann", "Bob", "carl", "dora"}));
  EXPECT_EQ(names("?status=ACTIVE"), (V{"ann", "Bob", "carl"}));
  EXPECT_EQ(names("?status=REMOVED"), (V{"dora"}));
  EXPECT_EQ(names("?role=ADMIN"), (V{"ann", "Bob"}));
  EXPECT_EQ(names("?role=USER&status=ACTIVE"), (V{"carl"}));
  EXPECT_EQ(names("?q=B"), (V{"Bob"}));
  EXPECT_EQ(names("?q=CARL%40EXAMPLE"), (V{"carl"}));  // email prefix, any case
  EXPECT_EQ(names("?q=zzz"), (V{}));

  auto first = Obj(ann.client->Get("/api/v1/orgs/" + org + "/members?limit=3"));
  ASSERT_EQ(first["items"].as_array().size(), 3u);
  ASSERT_TRUE(first["next_cursor"].is_string());
  const std::string cursor(first["next_cursor"].as_string());
  auto second = Obj(ann.client->Get("/api/v1/orgs/" + org + "/members?limit=3&cursor=" + cursor));
  ASSERT_EQ(second["items"].as_array().size(), 1u);
  EXPECT_EQ(Str(second["items"].as_array()[0], "username"), "dora");
  EXPECT_TRUE(second["next_cursor"].is_null());

  auto member = second["items"].as_array()[0].as_object();
  for (const char* key : {"user_id", "email", "username", "role", "status", "joined_at", "removed_at"}) {
    EXPECT_TRUE(member.contains(key)) << key;
  }
  EXPECT_EQ(member["status"].as_string(), "REMOVED");
  EXPECT_TRUE(member["removed_at"].is_string());

  const std::vector<std::string> bad_queries{"?limit=0",     "?limit=201",      "?limit=abc",
                                             "?status=GONE", "?role=OWNER",     "?cursor=garbage",
                                             "?cursor=" + cursor + "x"};
  for (const auto& bad : bad_queries) {
    auto r = ann.client->Get("/api/v1/orgs/" + org + "/members" + bad);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(r.code(), "validation_failed") << bad;
  }
  EXPECT_EQ(ann.client->Get("/api/v1/orgs/" + org + "/members?limit=200").status, 200);
}

TEST_F(MembersTest, EveryCallerGetsTheRightAnswer) {
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  auto user = AddMember(server, *ann.client, org, "uma");
  auto removed = AddMember(server, *ann.client, org, "remy");
  const std::string removed_session = removed.client->cookie("roster_session");
  ASSERT_EQ(ann.client->Delete(MemberPath(org, removed.user_id)).status, 200);
  auto [other, other_org] = AdminWithOrg(server, "olga", "Other");
  auto personal = Signup(server, "pete");
  Client anonymous(server.port());

  const std::string members = "/api/v1/orgs/" + org + "/members";
  const std::string target = MemberPath(org, user.user_id);
  struct Call {
    std::string method, path;
    std::optional<boost::json::value> body;
  };
  const Call calls[] = {{"GET", members, {}},
                        {"PATCH", target, boost::json::value{{"role", "ADMIN"}}},
                        {"DELETE", target, {}},
                        {"GET", "/api/v1/orgs/" + org + "/audit-events", {}},
                        {"GET", "/api/v1/orgs/" + org + "/invitations", {}}};
  for (const auto& call : calls) {
    auto send = [&](Client& c) {
      return c.Request(call.method, call.path,
                       call.body ? std::optional<std::string>(boost::json::serialize(*call.body))
                                 : std::nullopt);
    };
    auto r = send(*user.client);
    EXPECT_EQ(r.status, 403) << call.method << call.path;
    EXPECT_EQ(r.code(), "admin_required");
    EXPECT_EQ(r.str("title"), "Admin access required");
    r = send(*other.client);
    EXPECT_EQ(r.status, 403) << call.path;
    EXPECT_EQ(r.code(), "not_a_member");
    r = send(*personal.client);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.code(), "organization_required");
    r = send(anonymous);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.code(), "unauthenticated");
    Client removed_client(server.port());
    removed_client.set_cookie("roster_session", removed_session);
    EXPECT_EQ(send(removed_client).status, 401);
  }
  // An access refusal wins over any other refusal: no validation answers for outsiders.
  auto bad_body = user.client->Post("/api/v1/orgs/" + org + "/invitations", {{"email", 5}});
  EXPECT_EQ(bad_body.code(), "admin_required");
  EXPECT_EQ(other.client->Patch(target, {{"role", "OWNER"}}).code(), "not_a_member");
  EXPECT_EQ(user.client->Get(members + "?limit=0").code(), "admin_required");
  // A USER may read the organization itself; outsiders may not.
  EXPECT_EQ(user.client->Get("/api/v1/orgs/" + org).status, 200);
  EXPECT_EQ(other.client->Get("/api/v1/orgs/" + org).code(), "not_a_member");
  // An admin of another organization cannot reach these members through its own org id either.
  auto r = other.client->Patch(MemberPath(other_org, user.user_id), {{"role", "ADMIN"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(other.client->Delete(MemberPath(other_org, user.user_id)).status, 404);
  EXPECT_EQ(Obj(ann.client->Get(members + "?q=uma"))["items"].as_array()[0].as_object()["role"], "USER");
}

TEST_F(MembersTest, RoleChangesKeepAnActiveAdmin) {
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  auto bob = AddMember(server, *ann.client, org, "bob");

  auto r = ann.client->Patch(MemberPath(org, ann.user_id), {{"role", "USER"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.code(), "last_admin");
  r = ann.client->Patch(MemberPath(org, bob.user_id), {{"role", "ADMIN"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.str("role"), "ADMIN");
  r = ann.client->Patch(MemberPath(org, bob.user_id), {{"role", "ADMIN"}});  // unchanged: no-op
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.str("role"), "ADMIN");
  EXPECT_EQ(Str(Obj(bob.client->Get("/api/v1/me"))["organization"], "role"), "ADMIN");
  // Now ann may step down; then bob is the last admin.
  EXPECT_EQ(ann.client->Patch(MemberPath(org, ann.user_id), {{"role", "USER"}}).status, 200);
  r = bob.client->Patch(MemberPath(org, bob.user_id), {{"role", "USER"}});
  EXPECT_EQ(r.code(), "last_admin");
  EXPECT_EQ(ann.client->Patch(MemberPath(org, bob.user_id), {{"role", "USER"}}).code(), "admin_required");

  for (const auto& body : {boost::json::value{{"role", "OWNER"}}, boost::json::value{{"role", 1}},
                           boost::json::value(boost::json::object{})}) {
    r = bob.client->Patch(MemberPath(org, ann.user_id), body);
    EXPECT_EQ(r.status, 422) << boost::json::serialize(body);
  }
  EXPECT_EQ(bob.client->Patch(MemberPath(org, "no-such-user"), {{"role", "USER"}}).status, 404);

  auto audit = Obj(bob.client->Get("/api/v1/orgs/" + org + "/audit-events"));
  const auto& newest = audit["items"].as_array()[0].as_object();
  EXPECT_EQ(newest.at("action").as_string(), "member.role_changed");
  EXPECT_EQ(Str(newest.at("actor"), "username"), "ann");
  EXPECT_EQ(Str(newest.at("target"), "type"), "member");
  EXPECT_EQ(Str(newest.at("target"), "id"), ann.user_id);
  EXPECT_EQ(Str(newest.at("details"), "from"), "ADMIN");
  EXPECT_EQ(Str(newest.at("details"), "to"), "USER");
}

TEST_F(MembersTest, RemovalIsSoftAndRevokesAccessAtOnce) {
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  auto bob = AddMember(server, *ann.client, org, "bob", "ADMIN");
  auto token = bob.client->Post("/api/v1/me/tokens", {{"name", "script"}});
  Client script(server.port());
  script.bearer = token.str("token");
  ASSERT_EQ(script.Get("/api/v1/me").status, 200);

  auto self = ann.client->Delete(MemberPath(org, ann.user_id));
  EXPECT_EQ(self.status, 409);
  EXPECT_EQ(self.code(), "cannot_remove_self");

  auto r = ann.client->Delete(MemberPath(org, bob.user_id));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.str("status"), "REMOVED");
  EXPECT_TRUE(r.str("removed_at").ends_with("Z"));
  EXPECT_EQ(bob.client->Get("/api/v1/me").status, 401);  // the very next request
  EXPECT_EQ(script.Get("/api/v1/me").status, 401);
  Client login(server.port());
  auto refused = login.Post("/api/v1/auth/login", {{"email", "bob@example.com"}, {"password", "password-123"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.code(), "account_removed");

  EXPECT_EQ(ann.client->Delete(MemberPath(org, bob.user_id)).code(), "member_removed");
  EXPECT_EQ(ann.client->Patch(MemberPath(org, bob.user_id), {{"role", "USER"}}).code(), "member_removed");
  // Still listed, and its username stays taken in the organization.
  auto list = Obj(ann.client->Get("/api/v1/orgs/" + org + "/members?status=REMOVED"));
  ASSERT_EQ(list["items"].as_array().size(), 1u);
  auto invite = ann.client->Post("/api/v1/orgs/" + org + "/invitations",
                                 {{"email", "new@example.com"}, {"username", "BOB"}, {"role", "USER"}});
  EXPECT_EQ(invite.code(), "username_taken");
  // Removing bob left ann the last active admin: she still cannot demote herself.
  EXPECT_EQ(ann.client->Patch(MemberPath(org, ann.user_id), {{"role", "USER"}}).code(), "last_admin");
  auto audit = Obj(ann.client->Get("/api/v1/orgs/" + org + "/audit-events?limit=1"));
  EXPECT_EQ(audit["items"].as_array()[0].as_object()["action"], "member.removed");
}

TEST_F(MembersTest, AuditTrailPagesNewestFirst) {
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  auto bob = AddMember(server, *ann.client, org, "bob");
  for (int i = 0; i < 3; ++i) {
    ann.client->Patch(MemberPath(org, bob.user_id), {{"role", i % 2 ? "USER" : "ADMIN"}});
  }
  std::vector<std::string> actions;
  std::string cursor;
  do {
    auto page = Obj(ann.client->Get("/api/v1/orgs/" + org + "/audit-events?limit=2" +
                                    (cursor.empty() ? "" : "&cursor=" + cursor)));
    for (const auto& e : page["items"].as_array()) actions.push_back(Str(e, "action"));
    cursor = page["next_cursor"].is_string() ? std::string(page["next_cursor"].as_string()) : "";
  } while (!cursor.empty());
  const std::vector<std::string> expected{"member.role_changed", "member.role_changed",
                                          "member.role_changed", "invitation.accepted",
                                          "invitation.created", "organization.activated"};
  EXPECT_EQ(actions, expected);
}

// GET .../audit-events?action=...&user_id=...: the store side of these filters comes with the
// store's branch; this test needs both.
TEST_F(MembersTest, AuditTrailFiltersByActionAndUser) {
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  auto bob = AddMember(server, *ann.client, org, "bob");
  auto cat = AddMember(server, *ann.client, org, "cat");
  for (int i = 0; i < 3; ++i) {
    ann.client->Patch(MemberPath(org, bob.user_id), {{"role", i % 2 ? "USER" : "ADMIN"}});
  }
  ann.client->Patch(MemberPath(org, cat.user_id), {{"role", "ADMIN"}});
  const std::string audit = "/api/v1/orgs/" + org + "/audit-events";
  const auto all = [&](const std::string& query) {
    std::vector<boost::json::object> events;
    std::string cursor;
    do {
      auto r = ann.client->Get(audit + "?limit=2&" + query + (cursor.empty() ? "" : "&cursor=" + cursor));
      EXPECT_EQ(r.status, 200) << query << ": " << r.body;
      auto page = Obj(r);
      if (!page.contains("items")) break;
      for (const auto& e : page["items"].as_array()) events.push_back(e.as_object());
      cursor = page["next_cursor"].is_string() ? std::string(page["next_cursor"].as_string()) : "";
    } while (!cursor.empty());
    return events;
  };
  const auto role_changes = all("action=member.role_changed");
  EXPECT_EQ(role_changes.size(), 4u);
  for (const auto& e : role_changes) EXPECT_EQ(Str(e, "action"), "member.role_changed");
  // bob's events: he accepted his invitation (actor), then his role changed three times (target).
  const auto bobs = all("user_id=" + bob.user_id);
  std::vector<std::string> actions;
  for (const auto& e : bobs) {
    actions.push_back(Str(e, "action"));
    const bool actor = Str(e.at("actor"), "user_id") == bob.user_id;
    const bool target = Str(e.at("target"), "type") == "member" && Str(e.at("target"), "id") == bob.user_id;
    EXPECT_TRUE(actor || target) << boost::json::serialize(e);
  }
  const std::vector<std::string> expected{"member.role_changed", "member.role_changed",
                                          "member.role_changed", "invitation.accepted"};
  EXPECT_EQ(actions, expected);
  const auto cats = all("action=member.role_changed&user_id=" + cat.user_id);
  ASSERT_EQ(cats.size(), 1u);
  EXPECT_EQ(Str(cats[0].at("target"), "id"), cat.user_id);
  EXPECT_TRUE(all("action=invitation.revoked").empty());
}

TEST_F(MembersTest, AuditActionFilterMustBeAnAuditAction) {
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  const std::string audit = "/api/v1/orgs/" + org + "/audit-events";
  for (const char* action : {"member.nope", "MEMBER.REMOVED", "member"}) {
    auto r = ann.client->Get(audit + "?action=" + action);
    EXPECT_EQ(r.status, 422) << action;
    EXPECT_EQ(r.code(), "validation_failed") << action;
    EXPECT_EQ(Str(Obj(r)["errors"].as_array().at(0), "field"), "action") << action;
  }
  EXPECT_EQ(ann.client->Get(audit + "?action=member.removed").status, 200);
  // Outsiders learn nothing from the filter's validation.
  auto user = AddMember(server, *ann.client, org, "uma");
  EXPECT_EQ(user.client->Get(audit + "?action=member.nope").code(), "admin_required");
}

// Two admins demote each other at the same moment, 100 times: never both, never zero admins.
TEST_F(MembersTest, ConcurrentMutualDemotionNeverLosesTheLastAdmin) {
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  auto bob = AddMember(server, *ann.client, org, "bob", "ADMIN");
  Account* admins[2] = {&ann, &bob};
  for (int round = 0; round < 100; ++round) {
    int statuses[2] = {0, 0};
    std::thread a([&] { statuses[0] = ann.client->Patch(MemberPath(org, bob.user_id), {{"role", "USER"}}).status; });
    std::thread b([&] { statuses[1] = bob.client->Patch(MemberPath(org, ann.user_id), {{"role", "USER"}}).status; });
    a.join();
    b.join();
    const int successes = (statuses[0] == 200) + (statuses[1] == 200);
    ASSERT_EQ(successes, 1) << "round " << round << ": " << statuses[0] << " " << statuses[1];
    auto& winner = *admins[statuses[0] == 200 ? 0 : 1];
    auto& loser = *admins[statuses[0] == 200 ? 1 : 0];
    auto list = Obj(winner.client->Get("/api/v1/orgs/" + org + "/members?role=ADMIN&status=ACTIVE"));
    ASSERT_EQ(list["items"].as_array().size(), 1u) << "round " << round;
    ASSERT_EQ(winner.client->Patch(MemberPath(org, loser.user_id), {{"role", "ADMIN"}}).status, 200);
  }
}

TEST(MembersPersistence, EverythingSurvivesARestart) {
  TestServer::Options options;
  options.db_path = std::filesystem::temp_directory_path() /
                    ("roster-restart-" + std::to_string(::getpid()) + ".db");
  std::string org, bob_id, session;
  {
    TestServer server(options);
    auto [ann, org_id] = AdminWithOrg(server, "ann", "Acme");
    org = org_id;
    auto bob = AddMember(server, *ann.client, org, "bob");
    bob_id = bob.user_id;
    ASSERT_EQ(ann.client->Patch(MemberPath(org, bob_id), {{"role", "ADMIN"}}).status, 200);
    ASSERT_EQ(ann.client->Post("/api/v1/orgs/" + org + "/invitations",
                               {{"email", "cyd@example.com"}, {"username", "cyd"}, {"role", "USER"}}).status, 201);
    session = ann.client->cookie("roster_session");
  }
  {
    TestServer server(options);
    Client ann(server.port());
    ann.set_cookie("roster_session", session);  // sessions persist too
    auto members = Obj(ann.Get("/api/v1/orgs/" + org + "/members?q=bob"));
    ASSERT_EQ(members["items"].as_array().size(), 1u);
    EXPECT_EQ(Str(members["items"].as_array()[0], "role"), "ADMIN");
    auto invitations = Obj(ann.Get("/api/v1/orgs/" + org + "/invitations?status=PENDING"));
    ASSERT_EQ(invitations["items"].as_array().size(), 1u);
    EXPECT_EQ(Str(invitations["items"].as_array()[0], "status"), "PENDING");
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(options.db_path.string() + suffix);
  }
}

}  // namespace
}  // namespace roster::testing

namespace roster::testing {
namespace {

using namespace scenario;

TEST(InvitationLimits, PerOrganizationRateAndPendingCap) {
  TestServer::Options options;
  options.invitations_per_hour = 3;
  options.max_pending_invitations = 100;
  TestServer server(options);
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  auto invite = [&](const std::string& name) {
    return ann.client->Post("/api/v1/orgs/" + org + "/invitations",
                            {{"email", name + "@example.com"}, {"username", name}, {"role", "USER"}});
  };
  for (const char* name : {"aaa", "bbb", "ccc"}) EXPECT_EQ(invite(name).status, 201);
  auto limited = invite("ddd");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.code(), "rate_limited");
  EXPECT_GT(std::stoi(limited.headers["retry-after"]), 0);
  EXPECT_LE(std::stoi(limited.headers["retry-after"]), 3600);
  // Another organization has its own budget.
  auto [olga, other] = AdminWithOrg(server, "olga", "Other");
  EXPECT_EQ(olga.client->Post("/api/v1/orgs/" + other + "/invitations",
                              {{"email", "x1@example.com"}, {"username", "x1x"}, {"role", "USER"}}).status, 201);
  server.clock().Advance(std::chrono::minutes(61));
  EXPECT_EQ(invite("ddd").status, 201);

  TestServer::Options capped;
  capped.max_pending_invitations = 2;
  TestServer server2(capped);
  auto [bea, org2] = AdminWithOrg(server2, "bea", "Cap");
  for (const char* name : {"p01", "p02"}) {
    EXPECT_EQ(bea.client->Post("/api/v1/orgs/" + org2 + "/invitations",
                               {{"email", std::string(name) + "@example.com"}, {"username", name}, {"role", "USER"}}).status, 201);
  }
  auto full = bea.client->Post("/api/v1/orgs/" + org2 + "/invitations",
                               {{"email", "p03@example.com"}, {"username", "p03"}, {"role", "USER"}});
  EXPECT_EQ(full.status, 429);
  EXPECT_EQ(full.code(), "rate_limited");
}

// Creations of one organization no longer wait for each other until their insert: the limits
// are checked again after it and stay exact when they race.
int CreatedInParallel(const std::vector<TestServer*>& servers, const Account& admin,
                      const std::string& org, int n) {
  std::vector<int> statuses(static_cast<std::size_t>(n));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      Client client(servers[static_cast<std::size_t>(i) % servers.size()]->port());
      client.set_cookie("roster_session", admin.client->cookie("roster_session"));
      client.set_cookie("roster_csrf", admin.client->cookie("roster_csrf"));
      const std::string name = "par" + std::to_string(i);
      ++ready;
      while (!go) std::this_thread::yield();
      statuses[static_cast<std::size_t>(i)] =
          client.Post("/api/v1/orgs/" + org + "/invitations",
                      {{"email", name + "@example.com"}, {"username", name}, {"role", "USER"}})
              .status;
    });
  }
  while (ready < n) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
  for (int status : statuses) EXPECT_TRUE(status == 201 || status == 429) << status;
  return static_cast<int>(std::count(statuses.begin(), statuses.end(), 201));
}

int CreatedInParallel(TestServer& server, const Account& admin, const std::string& org, int n) {
  return CreatedInParallel(std::vector<TestServer*>{&server}, admin, org, n);
}

TEST(InvitationLimits, ParallelCreationsStopExactlyAtThePendingCapAndTheHourlyLimit) {
  TestServer::Options capped;
  capped.max_pending_invitations = 3;
  TestServer server(capped);
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  EXPECT_EQ(CreatedInParallel(server, ann, org, 8), 3);

  TestServer::Options hourly;
  hourly.invitations_per_hour = 3;
  hourly.max_pending_invitations = 100;
  TestServer server2(hourly);
  auto [bea, org2] = AdminWithOrg(server2, "bea", "Hourly");
  EXPECT_EQ(CreatedInParallel(server2, bea, org2, 8), 3);
}

// Far from its limits an organization's creations commit side by side (PostgreSQL counts them
// in stripes); the limits stay exact when they are reached that way, from two instances too.
TEST(InvitationLimits, ParallelCreationsOnTwoInstancesStopExactlyAtLimitsAboveTheStripes) {
  const auto exact_on_two = [](TestServer::Options options, const char* org_name) {
    TestServer one(options);
    options.db_path = one.db_path();
    TestServer two(options);
    auto [admin, org] = AdminWithOrg(one, "ann", org_name);
    return CreatedInParallel({&one, &two}, admin, org, 48);
  };
  TestServer::Options capped;
  capped.max_pending_invitations = 20;
  EXPECT_EQ(exact_on_two(capped, "Capped"), 20);

  TestServer::Options hourly;
  hourly.invitations_per_hour = 20;
  hourly.max_pending_invitations = 1000;
  EXPECT_EQ(exact_on_two(hourly, "Hourly"), 20);
}

}  // namespace
}  // namespace roster::testing
