// The authorization matrix, generated from the server's route table: every endpoint x every kind
// of caller has an expected status here. A new route without a row fails this test. The OpenID
// Connect endpoints (outside the route table) have their matrix in oidc_authz_matrix_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>

#include "harness.hpp"
#include "instance.hpp"
#include "scenario.hpp"

namespace roster::testing {
namespace {

using namespace scenario;

enum Caller { kAnonymous, kPersonal, kUser, kOtherAdmin, kRemoved, kAdmin, kCallerCount };
constexpr const char* kCallerNames[] = {"anonymous", "personal", "USER", "other org ADMIN",
                                        "removed member", "ADMIN"};

// Expected status per caller, in the order of Caller.
using Row = std::array<int, kCallerCount>;
const std::map<std::string, Row> kMatrix = {
    // Public routes answer the same to everyone (bodies decide the rest).
    {"POST /auth/signup", {201, 201, 201, 201, 201, 201}},
    {"POST /auth/login", {200, 200, 200, 200, 200, 200}},
    {"GET /invitations/{token}", {200, 200, 200, 200, 200, 200}},
    {"POST /invitations/{token}/accept", {201, 201, 201, 201, 201, 201}},
    {"GET /info", {200, 200, 200, 200, 200, 200}},
    {"POST /auth/password-reset", {202, 202, 202, 202, 202, 202}},
    {"POST /auth/password-reset/{token}", {410, 410, 410, 410, 410, 410}},  // not a reset token
    {"POST /auth/email-verification/{token}", {410, 410, 410, 410, 410, 410}},
    // Any signed-in account.
    {"POST /auth/logout", {401, 204, 204, 204, 401, 204}},
    {"GET /me", {401, 200, 200, 200, 401, 200}},
    {"POST /me/tokens", {401, 201, 201, 201, 401, 201}},
    {"POST /organizations", {401, 201, 409, 409, 401, 409}},
    {"POST /auth/email-verification", {401, 202, 202, 202, 401, 202}},
    {"GET /me/sessions", {401, 200, 200, 200, 401, 200}},
    {"DELETE /me/sessions", {401, 204, 204, 204, 401, 204}},
    {"DELETE /me/sessions/{session_id}", {401, 404, 404, 404, 401, 404}},  // not a session id
    {"POST /me/password", {401, 204, 204, 204, 401, 204}},
    // Members of the organization.
    {"GET /orgs/{org_id}", {401, 403, 200, 403, 401, 200}},
    // Its ADMINs.
    {"GET /orgs/{org_id}/members", {401, 403, 403, 403, 401, 200}},
    {"PATCH /orgs/{org_id}/members/{user_id}", {401, 403, 403, 403, 401, 200}},
    {"DELETE /orgs/{org_id}/members/{user_id}", {401, 403, 403, 403, 401, 200}},
    {"GET /orgs/{org_id}/audit-events", {401, 403, 403, 403, 401, 200}},
    {"GET /orgs/{org_id}/invitations", {401, 403, 403, 403, 401, 200}},
    {"POST /orgs/{org_id}/invitations", {401, 403, 403, 403, 401, 201}},
    {"POST /orgs/{org_id}/invitations/{invitation_id}/resend", {401, 403, 403, 403, 401, 200}},
    {"POST /orgs/{org_id}/invitations/{invitation_id}/revoke", {401, 403, 403, 403, 401, 200}},
    {"GET /orgs/{org_id}/applications", {401, 403, 403, 403, 401, 200}},
    {"POST /orgs/{org_id}/applications", {401, 403, 403, 403, 401, 201}},
    {"GET /orgs/{org_id}/applications/{client_id}", {401, 403, 403, 403, 401, 200}},
    {"PATCH /orgs/{org_id}/applications/{client_id}", {401, 403, 403, 403, 401, 200}},
    {"DELETE /orgs/{org_id}/applications/{client_id}", {401, 403, 403, 403, 401, 204}},
    {"POST /orgs/{org_id}/applications/{client_id}/rotate-secret", {401, 403, 403, 403, 401, 200}},
};

// Forward auth (GET /auth/forward, outside /api/v1 and its route table): each query a proxy may
// send, x every kind of caller. {org_id} is the fixture admin's organization.
const std::map<std::string, Row> kForwardAuthMatrix = {
    {"/auth/forward", {401, 403, 204, 204, 401, 204}},
    {"/auth/forward?redirect=1", {302, 403, 204, 204, 302, 204}},
    {"/auth/forward?role=USER", {401, 403, 204, 204, 401, 204}},
    {"/auth/forward?role=ADMIN", {401, 403, 403, 204, 401, 204}},
    {"/auth/forward?org={org_id}", {401, 403, 204, 403, 401, 204}},
    {"/auth/forward?org={org_id}&role=ADMIN", {401, 403, 403, 403, 401, 204}},
};

boost::json::value AppBody(const std::string& n) {
  return {{"name", "App " + n}, {"type", "confidential"},
          {"redirect_uris", boost::json::array{"https://app.example.com/cb"}}};
}

std::string Verb(boost::beast::http::verb v) { return std::string(boost::beast::http::to_string(v)); }

TEST(AuthorizationMatrix, EveryRouteHasARow) {
  TestServer server;
  for (const auto& route : server.instance().router().routes()) {
    const std::string key = Verb(route.method) + " " + route.pattern;
    EXPECT_TRUE(kMatrix.count(key)) << "route without an authorization rule: " << key;
  }
  EXPECT_EQ(kMatrix.size(), server.instance().router().routes().size());
}

class Matrix : public ::testing::Test {
 protected:
  // The caller's client. Routes that change the caller itself get fresh
  // callers; the others share one per kind, to keep the number of password hashes small.
  Client& CallerClient(Caller caller, bool fresh) {
    if (!fresh && shared_[caller]) return *shared_[caller];
    const std::string n = std::to_string(counter_++);
    std::unique_ptr<Client> client;
    switch (caller) {
      case kAnonymous: client = std::make_unique<Client>(server_.port()); break;
      case kPersonal: client = std::move(Signup(server_, "pers" + n).client); break;
      case kUser: client = std::move(AddMember(server_, *admin_.client, org_, "user" + n).client); break;
      case kRemoved: {
        auto removed = AddMember(server_, *admin_.client, org_, "gone" + n);
        EXPECT_EQ(admin_.client->Delete(MemberPath(org_, removed.user_id)).status, 200);
        client = std::move(removed.client);
        break;
      }
      case kOtherAdmin:
      case kAdmin:
      case kCallerCount: {
        client = std::make_unique<Client>(server_.port());
        const std::string email = caller == kAdmin ? "admin@example.com" : "otheradmin@example.com";
        EXPECT_EQ(client->Post("/api/v1/auth/login", {{"email", email}, {"password", "password-123"}}).status, 200);
        break;
      }
    }
    clients_.push_back(std::move(client));
    if (!fresh) shared_[caller] = clients_.back().get();
    return *clients_.back();
  }

  // Fills the pattern with live ids and returns a body that the ADMIN would get a 2xx for.
  std::pair<std::string, std::optional<std::string>> Instantiate(const std::string& pattern) {
    const std::string n = std::to_string(counter_++);
    std::string path = "/api/v1" + pattern;
    auto replace = [&](const std::string& name, const std::string& value) {
      const auto pos = path.find(name);
      if (pos != std::string::npos) path.replace(pos, name.size(), value);
    };
    replace("{org_id}", org_);
    replace("{session_id}", "no-such-session");
    if (pattern.find("{user_id}") != std::string::npos) {
      replace("{user_id}", AddMember(server_, *admin_.client, org_, "target" + n).user_id);
    }
    if (pattern.find("{invitation_id}") != std::string::npos || pattern.find("{token}") != std::string::npos) {
      auto inv = admin_.client->Post("/api/v1/orgs/" + org_ + "/invitations",
                                     {{"email", "inv" + n + "@example.com"}, {"username", "inv" + n}, {"role", "USER"}});
      replace("{invitation_id}", inv.str("id"));
      replace("{token}", TokenOf(inv.str("invite_url")));
    }
    if (pattern.find("{client_id}") != std::string::npos) {
      replace("{client_id}", admin_.client->Post("/api/v1/orgs/" + org_ + "/applications", AppBody(n))
                                 .str("client_id"));
    }
    std::optional<std::string> body;
    if (pattern == "/auth/signup") {
      body = boost::json::serialize(boost::json::value{
          {"email", "new" + n + "@example.com"}, {"username", "new" + n}, {"password", "password-123"}});
    } else if (pattern == "/auth/login") {
      body = R"({"email":"admin@example.com","password":"password-123"})";
    } else if (pattern == "/organizations") {
      body = "{\"name\":\"Org " + n + "\"}";
    } else if (pattern == "/auth/password-reset") {
      body = "{\"email\":\"someone" + n + "@example.com\"}";
    } else if (pattern.starts_with("/auth/password-reset/")) {
      body = R"({"password":"password-123"})";
    } else if (pattern == "/me/password") {
      body = R"({"current_password":"password-123","new_password":"password-456"})";
    } else if (pattern.ends_with("/accept")) {
      body = R"({"password":"password-123"})";
    } else if (pattern.ends_with("/invitations") ) {
      body = boost::json::serialize(boost::json::value{
          {"email", "m" + n + "@example.com"}, {"username", "m" + n}, {"role", "USER"}});
    } else if (pattern.find("{user_id}") != std::string::npos) {
      body = R"({"role":"ADMIN"})";
    } else if (pattern.ends_with("/applications")) {
      body = boost::json::serialize(AppBody(n));
    } else if (pattern.ends_with("{client_id}")) {
      body = R"({"name":"Renamed"})";
    }
    return {path, body};
  }

  TestServer server_;
  int counter_ = 0;
  std::string org_;  // set while admin_ is made
  Account admin_ = [this] {
    auto a = Signup(server_, "admin");
    org_ = a.client->Post("/api/v1/organizations", {{"name", "Acme"}}).str("id");
    return a;
  }();
  Account other_ = AdminWithOrg(server_, "otheradmin", "Other").first;
  std::vector<std::unique_ptr<Client>> clients_;
  std::array<Client*, kCallerCount> shared_{};
};

// Routes that end the caller's other sessions or change its password: they run last, since the
// fixture's admin session (used to set up the other routes) must outlive them.
bool EndsOtherSessions(const http::Route& route) {
  return route.pattern == "/me/password" ||
         (route.pattern == "/me/sessions" && route.method == boost::beast::http::verb::delete_);
}

TEST_F(Matrix, EveryEndpointTimesEveryCaller) {
  auto routes = server_.instance().router().routes();
  std::stable_partition(routes.begin(), routes.end(),
                        [](const http::Route& r) { return !EndsOtherSessions(r); });
  for (const auto& route : routes) {
    const std::string key = Verb(route.method) + " " + route.pattern;
    ASSERT_TRUE(kMatrix.count(key)) << key;
    for (int caller = 0; caller < kCallerCount; ++caller) {
      // Public routes sign the caller in as someone else; logout and activation change it too.
      const bool fresh = route.access == http::Access::kPublic || route.pattern == "/auth/logout" ||
                         route.pattern == "/organizations" || EndsOtherSessions(route);
      auto& client = CallerClient(static_cast<Caller>(caller), fresh);
      auto [path, body] = Instantiate(route.pattern);
      // The USER caller is a member of the admin's organization but not the target: fine.
      auto r = client.Request(Verb(route.method), path, body);
      if (EndsOtherSessions(route) && caller == kAdmin) {
        // It also ended the fixture's admin session: sign it in again for the routes after.
        admin_.client->Post("/api/v1/auth/login",
                            {{"email", "admin@example.com"}, {"password", "password-123"}});
      }
      EXPECT_EQ(r.status, kMatrix.at(key)[caller])
          << key << " as " << kCallerNames[caller] << ": " << r.body;
    }
  }
}

// GET /metrics is outside the route table: no session and no API token opens it, whatever the
// role; only ROSTER_METRICS_TOKEN does, and every other caller gets the 404 of an unknown path.
TEST(AuthorizationMatrix, MetricsOpenOnlyToTheMetricsToken) {
  const std::string metrics_token = "matrix-metrics-token-0123456789";
  TestServer server(TestServer::Options{.metrics_token = metrics_token});
  auto [admin, org_id] = AdminWithOrg(server, "metricsadmin", "Metrics");
  const auto created = admin.client->Post("/api/v1/me/tokens", {{"name", "scraper"}});
  ASSERT_EQ(created.status, 201) << created.body;
  Client api_token(server.port());
  api_token.bearer = created.str("token");
  Client anonymous(server.port());
  for (Client* caller : {&anonymous, admin.client.get(), &api_token}) {
    EXPECT_EQ(caller->Get("/metrics").status, 404);
  }
  Client scraper(server.port());
  scraper.bearer = metrics_token;
  EXPECT_EQ(scraper.Get("/metrics").status, 200);
}

TEST_F(Matrix, ForwardAuthTimesEveryCaller) {
  for (const auto& [query, row] : kForwardAuthMatrix) {
    std::string target = query;
    if (auto pos = target.find("{org_id}"); pos != std::string::npos) target.replace(pos, 8, org_);
    for (int caller = 0; caller < kCallerCount; ++caller) {
      auto r = CallerClient(static_cast<Caller>(caller), false).Get(target);
      EXPECT_EQ(r.status, row[caller]) << query << " as " << kCallerNames[caller] << ": " << r.body;
    }
  }
}

}  // namespace
}  // namespace roster::testing
