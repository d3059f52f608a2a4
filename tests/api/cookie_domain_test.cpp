// ROSTER_COOKIE_DOMAIN and ROSTER_ALLOWED_RETURN_HOSTS: the session cookie's Domain (so apps
// on subdomains share the session for forward auth) and the hosts return_to may lead to.
#include <gtest/gtest.h>

#include "configured_server.hpp"
#include "harness.hpp"

namespace roster::testing {
namespace {

// The Set-Cookie lines of a fresh signup against a server shaped by `shape`.
std::string SignupCookies(const std::function<void(cmd::Config&)>& shape) {
  ConfiguredServer server(shape);
  Client client(server.port());
  auto r = client.Post("/api/v1/auth/signup", {{"email", "cookie@example.com"},
                                               {"username", "cookie-user"},
                                               {"password", "password-123"}});
  EXPECT_EQ(r.status, 201) << r.body;
  auto logout = client.Post("/api/v1/auth/logout", boost::json::object{});
  EXPECT_EQ(logout.status, 204) << logout.body;
  return r.headers["set-cookie"] + "\n" + logout.headers["set-cookie"];
}

TEST(CookieDomain, SetsTheDomainOfEverySessionCookie) {
  const auto cookies = SignupCookies([](cmd::Config& c) {
    c.public_url = "https://auth.example.com";
    c.cookie_domain = ".Example.com";
  });
  // Two cookies set at signup and two cleared at logout: each carries the Domain.
  std::size_t count = 0;
  for (std::size_t at = 0; (at = cookies.find("; Domain=example.com;", at)) != std::string::npos;
       ++at) {
    ++count;
  }
  EXPECT_EQ(count, 4u) << cookies;
}

TEST(CookieDomain, ByDefaultTheCookieIsHostOnly) {
  const auto cookies = SignupCookies([](cmd::Config&) {});
  EXPECT_EQ(cookies.find("Domain="), std::string::npos) << cookies;
}

TEST(CookieDomain, ADomainThatDoesNotCoverThePublicHostIsRefused) {
  for (const char* bad : {"other.com", "ample.com", "auth.example.com.evil", "exa mple.com", "com."}) {
    cmd::Config config;
    config.public_url = "https://auth.example.com";
    config.cookie_domain = bad;
    const auto error = cmd::Validate(config);
    ASSERT_TRUE(error) << bad;
    EXPECT_TRUE(error->starts_with("ROSTER_COOKIE_DOMAIN: ")) << *error;
  }
  cmd::Config ip;
  ip.public_url = "http://127.0.0.1:8080";
  ip.cookie_domain = "0.0.1";
  EXPECT_TRUE(cmd::Validate(ip));
  for (const char* good : {"example.com", "auth.example.com", ".example.com"}) {
    cmd::Config config;
    config.public_url = "https://auth.example.com";
    config.cookie_domain = good;
    EXPECT_FALSE(cmd::Validate(config)) << good;
  }
}

TEST(AllowedReturnHosts, DefaultIsThePublicHostAndAListIsServedAsGiven) {
  cmd::Config config;
  config.public_url = "https://Auth.Example.com:8443";
  ASSERT_FALSE(cmd::Validate(config));
  EXPECT_EQ(config.return_hosts.entries(), std::vector<std::string>{"auth.example.com"});

  ConfiguredServer server([](cmd::Config& c) {
    c.allowed_return_hosts = "wiki.example.com, Grafana.example.com:3000,[::1]:80";
  });
  Client client(server.port());
  auto r = client.Get("/api/v1/info");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(boost::json::serialize(r.json.at("allowed_return_hosts")),
            R"(["wiki.example.com","grafana.example.com:3000","[::1]:80"])");
}

TEST(AllowedReturnHosts, ABadListIsOneLineNamingTheVariable) {
  for (const char* bad : {"https://wiki.example.com", "user@wiki.example.com", "wiki.example.com/x",
                          "wiki.example.com:", "wiki.example.com:0", "wiki.example.com:99999",
                          "*.example.com", "wiki%2eexample.com", "a.com,", "a.com;b.com"}) {
    cmd::Config config;
    config.allowed_return_hosts = bad;
    const auto error = cmd::Validate(config);
    ASSERT_TRUE(error) << bad;
    EXPECT_TRUE(error->starts_with("ROSTER_ALLOWED_RETURN_HOSTS: ")) << *error;
  }
}

}  // namespace
}  // namespace roster::testing
