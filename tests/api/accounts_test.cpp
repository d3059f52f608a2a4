// Signup, login, logout, /me, API tokens, sessions and CSRF, through HTTP.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "scenario.hpp"

namespace roster::testing {
namespace {

using namespace scenario;
using boost::json::object;

class AccountsTest : public ::testing::Test {
 protected:
  TestServer server;
  Client client{server.port()};
};

TEST_F(AccountsTest, SignupStartsAPersonalModeSession) {
  auto r = client.Post("/api/v1/auth/signup",
                       {{"email", "Ann.Lee@Example.COM"}, {"username", "ann"}, {"password", "password-123"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto me = Obj(r);
  EXPECT_EQ(Str(me["user"], "email"), "Ann.Lee@example.com");  // domain lower-cased
  EXPECT_EQ(Str(me["user"], "username"), "ann");
  EXPECT_FALSE(Str(me["user"], "id").empty());
  EXPECT_TRUE(Str(me["user"], "created_at").ends_with("Z"));
  EXPECT_EQ(me["mode"].as_string(), "personal");
  EXPECT_TRUE(me["organization"].is_null());
  const auto& cookies = r.headers["set-cookie"];
  EXPECT_NE(cookies.find("roster_session="), std::string::npos);
  EXPECT_NE(cookies.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookies.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookies.find("Secure"), std::string::npos);  // the public URL is http
  EXPECT_FALSE(client.cookie("roster_csrf").empty());
  // The CSRF cookie is readable by scripts: its own Set-Cookie line has no HttpOnly.
  const auto csrf_line = cookies.substr(cookies.find("roster_csrf="));
  EXPECT_EQ(csrf_line.substr(0, csrf_line.find('\n')).find("HttpOnly"), std::string::npos);

  auto again = client.Get("/api/v1/me");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(Str(Obj(again)["user"], "username"), "ann");
}

TEST_F(AccountsTest, SignupValidatesEveryField) {
  auto r = client.Post("/api/v1/auth/signup", {{"email", "nope"}, {"username", "a"}, {"password", "short"}});
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.code(), "validation_failed");
  EXPECT_EQ(r.headers["content-type"], "application/problem+json");
  std::set<std::string> fields;
  const auto problem = Obj(r);
  for (const auto& e : problem.at("errors").as_array()) fields.insert(Str(e, "field"));
  EXPECT_EQ(fields, (std::set<std::string>{"email", "username", "password"}));

  r = client.Post("/api/v1/auth/signup", {{"email", 5}, {"username", true}, {"password", nullptr}});
  EXPECT_EQ(r.status, 422);
  r = client.Request("POST", "/api/v1/auth/signup", std::string("{\"email\":"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), "invalid_json");
  r = client.Request("POST", "/api/v1/auth/signup", std::string("[1,2]"));
  EXPECT_EQ(r.status, 422);
  r = client.Post("/api/v1/auth/signup", {{"email", "x@example.com"}, {"username", "xyz"},
                                          {"password", std::string(257, 'p')}});
  EXPECT_EQ(r.status, 422);
}

TEST_F(AccountsTest, EmailsAreUniqueCaseInsensitively) {
  Signup(server, "ann");
  Client other(server.port());
  auto r = other.Post("/api/v1/auth/signup",
                      {{"email", "ANN@EXAMPLE.com"}, {"username", "ann2"}, {"password", "password-123"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.code(), "email_registered");
}

TEST_F(AccountsTest, LoginAnswersAlikeForUnknownEmailAndWrongPassword) {
  Signup(server, "ann");
  Client c(server.port());
  auto ok = c.Post("/api/v1/auth/login", {{"email", "ANN@example.com"}, {"password", "password-123"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Str(Obj(ok)["user"], "username"), "ann");
  EXPECT_FALSE(c.cookie("roster_session").empty());

  Client d(server.port());
  auto wrong = d.Post("/api/v1/auth/login", {{"email", "ann@example.com"}, {"password", "wrong-password"}});
  auto unknown = d.Post("/api/v1/auth/login", {{"email", "who@example.com"}, {"password", "wrong-password"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.code(), "invalid_credentials");
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(wrong.status, unknown.status);
  EXPECT_TRUE(d.cookie("roster_session").empty());
}

TEST(AccountsRateLimit, FailedLoginsPerEmailAre429WithRetryAfter) {
  TestServer::Options options;
  options.login_max_failures = 3;
  TestServer server(options);
  Signup(server, "ann");
  Client c(server.port());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(c.Post("/api/v1/auth/login", {{"email", "ann@example.com"}, {"password", "bad-pass-1"}}).status, 401);
  }
  auto limited = c.Post("/api/v1/auth/login", {{"email", "ann@example.com"}, {"password", "password-123"}});
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.code(), "rate_limited");
  EXPECT_GT(std::stoi(limited.headers["retry-after"]), 0);
  // Another email from the same client is not blocked by ann's failures.
  Signup(server, "bob");
  EXPECT_EQ(c.Post("/api/v1/auth/login", {{"email", "bob@example.com"}, {"password", "password-123"}}).status, 200);
  server.clock().Advance(std::chrono::minutes(16));
  EXPECT_EQ(c.Post("/api/v1/auth/login", {{"email", "ann@example.com"}, {"password", "password-123"}}).status, 200);
}

TEST_F(AccountsTest, LogoutEndsTheSession) {
  auto ann = Signup(server, "ann");
  const std::string old_session = ann.client->cookie("roster_session");
  Client no_csrf(server.port());
  no_csrf.set_cookie("roster_session", old_session);
  auto refused = no_csrf.Request("POST", "/api/v1/auth/logout");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.code(), "csrf_failed");

  auto r = ann.client->Request("POST", "/api/v1/auth/logout");
  EXPECT_EQ(r.status, 204);
  EXPECT_NE(r.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(ann.client->Get("/api/v1/me").status, 401);
  Client replay(server.port());
  replay.set_cookie("roster_session", old_session);
  EXPECT_EQ(replay.Get("/api/v1/me").status, 401);
  EXPECT_EQ(replay.Request("POST", "/api/v1/auth/logout").status, 401);
}

TEST_F(AccountsTest, UnauthenticatedAndForgedSessions) {
  auto r = client.Get("/api/v1/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.code(), "unauthenticated");
  client.set_cookie("roster_session", "forged-token");
  EXPECT_EQ(client.Get("/api/v1/me").status, 401);
  client.clear_cookies();
  client.bearer = "not-a-token";
  EXPECT_EQ(client.Get("/api/v1/me").status, 401);
}

TEST_F(AccountsTest, CsrfDoubleSubmitIsRequiredForCookieWrites) {
  auto ann = Signup(server, "ann");
  ann.client->send_csrf = false;
  auto r = ann.client->Post("/api/v1/organizations", {{"name", "Acme"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "csrf_failed");
  r = ann.client->Request("POST", "/api/v1/organizations", std::string(R"({"name":"Acme"})"),
                          {{"X-CSRF-Token", "forged"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "csrf_failed");
  ann.client->send_csrf = true;
  EXPECT_EQ(ann.client->Post("/api/v1/organizations", {{"name", "Acme"}}).status, 201);
}

TEST_F(AccountsTest, ApiTokensAuthenticateWithoutCsrf) {
  auto ann = Signup(server, "ann");
  auto created = ann.client->Post("/api/v1/me/tokens", {{"name", "ci script"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_FALSE(created.str("id").empty());
  EXPECT_EQ(created.str("name"), "ci script");
  Client script(server.port());
  script.bearer = created.str("token");
  EXPECT_EQ(script.Get("/api/v1/me").status, 200);
  EXPECT_EQ(script.Post("/api/v1/organizations", {{"name", "Scripted"}}).status, 201);
  // Body is optional.
  EXPECT_EQ(ann.client->Request("POST", "/api/v1/me/tokens").status, 201);
  EXPECT_EQ(ann.client->Post("/api/v1/me/tokens", {{"name", std::string(101, 'n')}}).status, 422);
}

TEST_F(AccountsTest, SessionsExpireWhenIdleAndAtTheirAbsoluteLimit) {
  auto ann = Signup(server, "ann");
  server.clock().Advance(std::chrono::hours(24 * 6));
  EXPECT_EQ(ann.client->Get("/api/v1/me").status, 200);  // touch: idle timer restarts
  server.clock().Advance(std::chrono::hours(24 * 6));
  EXPECT_EQ(ann.client->Get("/api/v1/me").status, 200);
  server.clock().Advance(std::chrono::hours(24 * 8));     // idle for more than 7 days
  EXPECT_EQ(ann.client->Get("/api/v1/me").status, 401);

  Client again(server.port());
  ASSERT_EQ(again.Post("/api/v1/auth/login", {{"email", "ann@example.com"}, {"password", "password-123"}}).status, 200);
  for (int day = 0; day < 30; day += 5) {
    server.clock().Advance(std::chrono::hours(24 * 5));
    const int status = again.Get("/api/v1/me").status;
    EXPECT_EQ(status, day + 5 < 30 ? 200 : 401) << "day " << day + 5;
  }
}

}  // namespace
}  // namespace roster::testing
