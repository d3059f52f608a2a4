// Abuse limits that bound what one caller can make Roster do: resends of an invitation, mail to
// one address whichever organization sends it, signups and organization activations per client
// address. Run on SQLite and PostgreSQL (the limits are counted in the database there).
#include <gtest/gtest.h>

#include "config.hpp"
#include "scenario.hpp"

namespace roster::testing {
namespace {

using namespace scenario;
using std::chrono::minutes;

HttpResult Invite(Account& admin, const std::string& org, const std::string& name,
                  const std::string& email) {
  return admin.client->Post("/api/v1/orgs/" + org + "/invitations",
                            {{"email", email}, {"username", name}, {"role", "USER"}});
}

HttpResult Resend(Account& admin, const std::string& org, const std::string& id) {
  return admin.client->Request("POST", "/api/v1/orgs/" + org + "/invitations/" + id + "/resend");
}

void ExpectRateLimited(const HttpResult& r, const std::string& what) {
  EXPECT_EQ(r.status, 429) << what << ": " << r.body;
  EXPECT_EQ(r.code(), "rate_limited") << what;
  const int wait = r.headers.contains("retry-after") ? std::stoi(r.headers.at("retry-after")) : 0;
  EXPECT_GT(wait, 0) << what;
  EXPECT_LE(wait, 3600) << what;
}

TEST(MailCannon, OneInvitationIsResentAtMostThreeTimesAnHour) {
  TestServer server;
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  const auto id = Invite(ann, org, "vic", "vic@example.com").str("id");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Resend(ann, org, id).status, 200) << i;
  ExpectRateLimited(Resend(ann, org, id), "fourth resend within the hour");
  // Another invitation has its own count.
  const auto other = Invite(ann, org, "val", "val@example.com").str("id");
  EXPECT_EQ(Resend(ann, org, other).status, 200);
  server.clock().Advance(minutes(61));
  EXPECT_EQ(Resend(ann, org, id).status, 200);
}

TEST(MailCannon, ResendsCountAgainstTheOrganizationsHourlyBudget) {
  TestServer::Options options;
  options.invitations_per_hour = 3;
  TestServer server(options);
  auto [ann, org] = AdminWithOrg(server, "ann", "Acme");
  const auto a = Invite(ann, org, "aaa", "aaa@example.com").str("id");
  const auto b = Invite(ann, org, "bbb", "bbb@example.com").str("id");
  EXPECT_EQ(Resend(ann, org, a).status, 200);  // the third mail of the hour
  ExpectRateLimited(Resend(ann, org, b), "resend beyond the organization's budget");
  ExpectRateLimited(Invite(ann, org, "ccc", "ccc@example.com"), "invitation beyond the budget");
  server.clock().Advance(minutes(61));
  EXPECT_EQ(Resend(ann, org, b).status, 200);
}

TEST(MailCannon, OneAddressGetsBoundedMailWhicheverOrganizationSends) {
  TestServer::Options options;
  options.shape = [](cmd::Config& c) { c.mails_per_recipient = 3; };
  TestServer server(options);
  auto [ann, acme] = AdminWithOrg(server, "ann", "Acme");
  auto [olga, other] = AdminWithOrg(server, "olga", "Other");
  auto [pia, third] = AdminWithOrg(server, "pia", "Third");
  // A password reset request mails the address too (when it has an account).
  Client anyone(server.port());
  EXPECT_EQ(anyone.Post("/api/v1/auth/password-reset", {{"email", "vic@example.com"}}).status, 202);
  const auto id = Invite(ann, acme, "vic", "vic@example.com").str("id");
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(Invite(olga, other, "vic", "vic@example.com").status, 201);
  ExpectRateLimited(Invite(pia, third, "vic", "vic@example.com"), "a third organization");
  ExpectRateLimited(Resend(ann, acme, id), "a resend to the same address");
  ExpectRateLimited(anyone.Post("/api/v1/auth/password-reset", {{"email", "VIC@example.com"}}),
                    "a reset mail to the same address");
  EXPECT_EQ(Invite(pia, third, "val", "val@example.com").status, 201);  // another address
  server.clock().Advance(minutes(61));
  EXPECT_EQ(Invite(pia, third, "vic", "vic@example.com").status, 201);
}

TEST(ClientThrottles, SignupsPerClientAddressAre429WithRetryAfter) {
  TestServer::Options options;
  options.shape = [](cmd::Config& c) { c.signups_per_client = 2; };
  TestServer server(options);
  Signup(server, "ann");
  Signup(server, "bob");
  Client c(server.port());
  ExpectRateLimited(c.Post("/api/v1/auth/signup", {{"email", "cy@example.com"},
                                                   {"username", "cyc"},
                                                   {"password", "password-123"}}),
                    "third signup from one address");
  server.clock().Advance(minutes(61));
  Signup(server, "cyc");
}

TEST(ClientThrottles, ActivationsPerClientAddressAre429WithRetryAfter) {
  TestServer::Options options;
  options.shape = [](cmd::Config& c) { c.activations_per_client = 1; };
  TestServer server(options);
  AdminWithOrg(server, "ann", "Acme");
  auto bob = Signup(server, "bob");
  ExpectRateLimited(bob.client->Post("/api/v1/organizations", {{"name", "Bobco"}}),
                    "second activation from one address");
  server.clock().Advance(minutes(61));
  EXPECT_EQ(bob.client->Post("/api/v1/organizations", {{"name", "Bobco"}}).status, 201);
}

TEST(ClientThrottles, DefaultsLetAnOfficeOf200BehindOneAddressSignUpAndActivate) {
  const cmd::Config defaults;
  EXPECT_GE(defaults.signups_per_client, 200);
  EXPECT_GE(defaults.activations_per_client, 200);
  EXPECT_GE(defaults.resends_per_invitation, 3);
}

}  // namespace
}  // namespace roster::testing
