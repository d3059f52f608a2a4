// A person's own sessions (list, sign out one, sign out everywhere else) and password change.
#include <gtest/gtest.h>

#include "api_helpers.hpp"
#include "harness.hpp"

namespace roster::testing {
namespace {

using namespace api;  // NOLINT(google-build-using-namespace)

const std::string kSessions = std::string(kPrefix) + "/me/sessions";

std::vector<json::object> Sessions(Client& client) {
  auto r = client.Get(kSessions);
  Expect(r, 200, "list sessions");
  std::vector<json::object> out;
  const auto body = Obj(r);
  for (const auto& item : body.at("items").as_array()) out.push_back(item.as_object());
  return out;
}

HttpResult ChangePassword(Client& client, const std::string& current, const std::string& next) {
  return client.Post(std::string(kPrefix) + "/me/password",
                     {{"current_password", current}, {"new_password", next}});
}

TEST(SessionsApi, ListsEachLiveSessionWithItsDeviceAndMarksTheCurrentOne) {
  TestServer server;
  auto ann = SignupOk(server, "ann");
  Client phone(server.port());
  Expect(phone.Request("POST", std::string(kPrefix) + "/auth/login",
                       json::serialize(json::object{{"email", ann.email}, {"password", kPassword}}),
                       {{"User-Agent", "PhoneBrowser/1.0"}}),
         200, "login from the phone");
  const auto sessions = Sessions(ann.client);
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].at("user_agent"), "PhoneBrowser/1.0") << "newest first";
  EXPECT_EQ(sessions[0].at("current"), false);
  EXPECT_EQ(sessions[1].at("current"), true);
  for (const auto& s : sessions) {
    EXPECT_EQ(s.at("client_address"), "127.0.0.1");
    for (const char* key : {"created_at", "last_seen_at", "expires_at"}) {
      EXPECT_TRUE(ParseRfc3339(std::string(s.at(key).as_string()))) << key;
    }
    EXPECT_EQ(std::string(s.at("id").as_string()).find(ann.client.cookie("roster_session")),
              std::string::npos)
        << "an id, never the token";
  }
}

TEST(SessionsApi, SignOutEverywhereElseKeepsOnlyTheCurrentSession) {
  TestServer server;
  auto ann = SignupOk(server, "ann");
  Client laptop(server.port()), phone(server.port());
  Expect(Login(laptop, ann.email, kPassword), 200, "laptop");
  Expect(Login(phone, ann.email, kPassword), 200, "phone");
  EXPECT_EQ(ann.client.Delete(kSessions).status, 204);
  EXPECT_EQ(laptop.Get(std::string(kPrefix) + "/me").status, 401);
  EXPECT_EQ(phone.Get(std::string(kPrefix) + "/me").status, 401);
  EXPECT_EQ(ann.client.Get(std::string(kPrefix) + "/me").status, 200);
  EXPECT_EQ(Sessions(ann.client).size(), 1u);
}

TEST(SessionsApi, EndingOneSessionOnlyWorksOnTheCallersOwn) {
  TestServer server;
  auto ann = SignupOk(server, "ann");
  auto bob = SignupOk(server, "bob");
  Client laptop(server.port());
  Expect(Login(laptop, ann.email, kPassword), 200, "laptop");
  const auto sessions = Sessions(ann.client);
  std::string laptop_id, current_id;
  for (const auto& s : sessions) {
    (s.at("current") == true ? current_id : laptop_id) = s.at("id").as_string().c_str();
  }
  auto foreign = bob.client.Delete(kSessions + "/" + laptop_id);
  EXPECT_EQ(foreign.status, 404) << "another person's session is not found";
  EXPECT_EQ(laptop.Get(std::string(kPrefix) + "/me").status, 200);
  EXPECT_EQ(ann.client.Delete(kSessions + "/" + laptop_id).status, 204);
  EXPECT_EQ(laptop.Get(std::string(kPrefix) + "/me").status, 401);
  EXPECT_EQ(ann.client.Delete(kSessions + "/" + laptop_id).status, 404) << "already ended";

  auto own = ann.client.Delete(kSessions + "/" + current_id);  // signs out
  EXPECT_EQ(own.status, 204);
  EXPECT_NE(own.headers["set-cookie"].find("roster_session=;"), std::string::npos);
  EXPECT_EQ(ann.client.Get(std::string(kPrefix) + "/me").status, 401);
}

TEST(SessionsApi, ChangingThePasswordNeedsTheCurrentOneAndEndsOtherSessions) {
  TestServer server;
  auto ann = SignupOk(server, "ann");
  Client laptop(server.port());
  Expect(Login(laptop, ann.email, kPassword), 200, "laptop");

  auto wrong = ChangePassword(ann.client, "not-my-password", "a-brand-new-password");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.code(), "invalid_credentials");
  auto weak = ChangePassword(ann.client, kPassword, "short");
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(ErrorFields(weak), std::vector<std::string>{"new_password"});
  EXPECT_EQ(laptop.Get(std::string(kPrefix) + "/me").status, 200) << "refusals change nothing";

  EXPECT_EQ(ChangePassword(ann.client, kPassword, "a-brand-new-password").status, 204);
  EXPECT_EQ(ann.client.Get(std::string(kPrefix) + "/me").status, 200) << "this session stays";
  EXPECT_EQ(laptop.Get(std::string(kPrefix) + "/me").status, 401) << "the others end";
  Client login(server.port());
  EXPECT_EQ(Login(login, ann.email, kPassword).status, 401);
  EXPECT_EQ(Login(login, ann.email, "a-brand-new-password").status, 200);
}

TEST(SessionsApi, NeedASignedInCaller) {
  TestServer server;
  Client anonymous(server.port());
  EXPECT_EQ(anonymous.Get(kSessions).status, 401);
  EXPECT_EQ(anonymous.Delete(kSessions).status, 401);
  EXPECT_EQ(ChangePassword(anonymous, kPassword, "a-brand-new-password").status, 401);
}

}  // namespace
}  // namespace roster::testing
