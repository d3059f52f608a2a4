// PostgreSQL: how many round trips an authenticated read costs. Authentication reads the
// credential with the caller's membership (the access check) in one statement; the page is the
// second. On SQLite there is no network between the server and its database: skipped.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <string_view>

#include "harness.hpp"
#include "metrics/metrics.hpp"
#include "scenario.hpp"

namespace roster::testing {
namespace {

using namespace scenario;

bool OnPostgres() {
  const char* kind = std::getenv("ROSTER_TEST_API_DATABASE");
  return kind && std::string_view(kind) == "postgres";
}

// The fewest round trips `request` cost over a few tries: the mail worker polls the database
// now and then, and a poll that falls inside one try must not count against the request.
std::uint64_t RoundTripsOf(const std::function<void()>& request) {
  std::uint64_t fewest = ~std::uint64_t{0};
  for (int i = 0; i < 5; ++i) {
    const auto before = metrics::Total(metrics::Event::kDbRoundTrip);
    request();
    fewest = std::min(fewest, metrics::Total(metrics::Event::kDbRoundTrip) - before);
  }
  return fewest;
}

class RoundTrips : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!OnPostgres()) GTEST_SKIP() << "PostgreSQL only";
  }
  TestServer server;
};

TEST_F(RoundTrips, AMembersPageIsAuthenticationWithAccessAndThePage) {
  auto [admin, org_id] = AdminWithOrg(server, "ann", "Acme");
  const std::string page = "/api/v1/orgs/" + org_id + "/members?limit=50";
  EXPECT_EQ(RoundTripsOf([&] { EXPECT_EQ(admin.client->Get(page).status, 200); }), 2u);

  auto created = admin.client->Post("/api/v1/me/tokens", {{"name", "script"}});
  ASSERT_EQ(created.status, 201) << created.body;
  Client script(server.port());
  script.bearer = created.str("token");
  EXPECT_EQ(RoundTripsOf([&] { EXPECT_EQ(script.Get(page).status, 200); }), 2u);
}

TEST_F(RoundTrips, ARefusalCostsOnlyAuthentication) {
  auto [admin, org_id] = AdminWithOrg(server, "ann", "Acme");
  auto other = Signup(server, "bob");
  const std::string page = "/api/v1/orgs/" + org_id + "/members?limit=50";
  EXPECT_EQ(RoundTripsOf([&] { EXPECT_EQ(other.client->Get(page).status, 403); }), 1u);
}

TEST_F(RoundTrips, MeIsAuthenticationAndTheAccount) {
  auto [admin, org_id] = AdminWithOrg(server, "ann", "Acme");
  EXPECT_EQ(RoundTripsOf([&] {
              auto me = admin.client->Get("/api/v1/me");
              EXPECT_EQ(me.status, 200);
              EXPECT_EQ(Str(Obj(me)["organization"], "id"), org_id);
            }),
            2u);
}

}  // namespace
}  // namespace roster::testing
