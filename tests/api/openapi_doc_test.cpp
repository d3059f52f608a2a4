// GET /api/v1/openapi.json serves the project's own API document.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace roster::testing {
namespace {

TEST(ApiDocument, IsServedAsJsonToAnyone) {
  TestServer server;
  Client anonymous(server.port());
  auto r = anonymous.Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json");
  ASSERT_TRUE(r.json.is_object());
  const auto& doc = r.json.as_object();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  const auto& paths = doc.at("paths").as_object();
  for (const char* path : {"/auth/signup", "/orgs/{org_id}/members", "/invitations/{token}/accept",
                           "/openapi.json"}) {
    EXPECT_TRUE(paths.contains(path)) << path;
  }
  EXPECT_EQ(anonymous.Post("/api/v1/openapi.json", boost::json::object{}).status, 405);
}

}  // namespace
}  // namespace roster::testing
