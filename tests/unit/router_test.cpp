#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/pages.hpp"

namespace roster::http {
namespace {

Handler Noop() {
  return [](RequestContext&) -> boost::asio::awaitable<Response> { co_return Response{}; };
}

TEST(Router, MatchesPatternsAndCapturesParameters) {
  Router router;
  router.Add(beast_http::verb::get, "/orgs/{org_id}/members", Access::kAdmin, Noop());
  router.Add(beast_http::verb::patch, "/orgs/{org_id}/members/{user_id}", Access::kAdmin, Noop());
  std::unordered_map<std::string, std::string> params;
  auto m = router.Find(beast_http::verb::patch, "/orgs/o1/members/u2", params);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(params.at("org_id"), "o1");
  EXPECT_EQ(params.at("user_id"), "u2");

  m = router.Find(beast_http::verb::delete_, "/orgs/o1/members", params);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_known);  // 405, not 404
  m = router.Find(beast_http::verb::get, "/orgs/o1/other", params);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_FALSE(m.path_known);
  m = router.Find(beast_http::verb::get, "/orgs//members", params);
  EXPECT_EQ(m.route, nullptr);  // empty parameter
}

}  // namespace
}  // namespace roster::http

namespace roster::http {
namespace {

// Found by reading the fuzzing results: a decoded path like "/%FF" reached the JSON access log
// as raw bytes, making the log line invalid JSON.
TEST(RedactedPath, PathsThatAreNotUtf8AreLoggedAsValidUtf8) {
  EXPECT_EQ(RedactedPath("/\xFF"), "/\xEF\xBF\xBD");
  EXPECT_EQ(RedactedPath("/invite/tok/\xC3"), "/invite/{token}/\xEF\xBF\xBD");
  EXPECT_EQ(RedactedPath("/invite/secret-token"), "/invite/{token}");
  EXPECT_EQ(RedactedPath("/settings/café"), "/settings/café");
}

// The account links' tokens are as secret as invitation tokens: never in a log line.
TEST(RedactedPath, AccountLinkTokensAreNotLogged) {
  EXPECT_EQ(RedactedPath("/reset-password/secret-token"), "/reset-password/{token}");
  EXPECT_EQ(RedactedPath("/verify-email/secret-token"), "/verify-email/{token}");
  EXPECT_EQ(RedactedPath("/api/v1/auth/password-reset/secret-token"),
            "/api/v1/auth/password-reset/{token}");
  EXPECT_EQ(RedactedPath("/api/v1/auth/email-verification/secret-token"),
            "/api/v1/auth/email-verification/{token}");
  EXPECT_EQ(RedactedPath("/api/v1/auth/password-reset"), "/api/v1/auth/password-reset");
}

}  // namespace
}  // namespace roster::http
