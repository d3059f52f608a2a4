// /orgs/{org_id}/applications: an organization's ADMINs register, change, re-key and delete its
// OpenID Connect applications; the token endpoint follows at once.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "scenario.hpp"

namespace roster::testing {
namespace {

using namespace scenario;
namespace json = boost::json;

const std::string kCallback = "https://app.example.com/callback";

class ApplicationsTest : public ::testing::Test {
 protected:
  std::string Apps(const std::string& rest = {}) const {
    return "/api/v1/orgs/" + org_ + "/applications" + rest;
  }
  json::object Body(const std::string& name, const std::string& type = "confidential") const {
    return {{"name", name}, {"type", type}, {"redirect_uris", json::array{kCallback}}};
  }
  HttpResult Register(const json::object& body) { return admin_.client->Post(Apps(), body); }
  json::object RegisterOk(const std::string& name, const std::string& type = "confidential") {
    auto r = Register(Body(name, type));
    EXPECT_EQ(r.status, 201) << r.body;
    return Obj(r);
  }
  // The code the authorization endpoint gives the signed-in `client` for `client_id`.
  std::string CodeFor(Client& client, const std::string& client_id) {
    auto r = client.Get("/oauth/authorize?response_type=code&scope=openid&state=s&nonce=n"
                        "&client_id=" + client_id + "&redirect_uri=" + kCallback);
    EXPECT_EQ(r.status, 302) << r.body;
    const std::string location = r.headers.count("location") ? r.headers.at("location") : "";
    const auto start = location.find("code=");
    if (start == std::string::npos) return {};
    return location.substr(start + 5, location.find('&', start) - start - 5);
  }
  HttpResult Token(const std::string& client_id, const std::string& secret,
                   const std::string& code) {
    Client rp(server_.port());
    return rp.Request("POST", "/oauth/token",
                      "grant_type=authorization_code&code=" + code + "&redirect_uri=" + kCallback +
                          "&client_id=" + client_id + "&client_secret=" + secret,
                      {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  std::vector<json::object> AuditOf(const std::string& client_id) {
    std::vector<json::object> events;
    const auto page = Obj(admin_.client->Get("/api/v1/orgs/" + org_ + "/audit-events"));
    for (const auto& e : page.at("items").as_array()) {
      if (Str(e.as_object().at("target"), "id") == client_id) events.push_back(e.as_object());
    }
    return events;  // newest first
  }

  TestServer server_;
  std::string org_;
  Account admin_ = [this] {
    auto [a, org] = AdminWithOrg(server_, "admin", "Acme");
    org_ = org;
    return std::move(a);
  }();
};

json::array Strings(const json::object& o, const char* key) {
  return o.contains(key) && o.at(key).is_array() ? o.at(key).as_array() : json::array();
}

TEST_F(ApplicationsTest, RegisterListGetUpdateDelete) {
  auto created = RegisterOk("  Grafana  ");
  const std::string id = Str(created, "client_id");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(Str(created, "name"), "Grafana");
  EXPECT_EQ(Str(created, "type"), "confidential");
  EXPECT_GE(Str(created, "client_secret").size(), 40u);
  EXPECT_EQ(Strings(created, "redirect_uris"), json::array{kCallback});
  EXPECT_EQ(Strings(created, "post_logout_redirect_uris"), json::array{});
  EXPECT_EQ(Strings(created, "allowed_roles"), (json::array{"USER", "ADMIN"}));
  EXPECT_TRUE(Str(created, "created_at").ends_with("Z"));

  auto got = admin_.client->Get(Apps("/" + id));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_FALSE(Obj(got).contains("client_secret")) << "the secret is shown once";
  auto list = admin_.client->Get(Apps());
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(Obj(list)["items"].as_array().size(), 1u);
  EXPECT_EQ(Str(Obj(list)["items"].as_array()[0], "client_id"), id);
  EXPECT_FALSE(Obj(list)["items"].as_array()[0].as_object().contains("client_secret"));
  EXPECT_TRUE(Obj(list)["next_cursor"].is_null());

  auto changed = admin_.client->Patch(
      Apps("/" + id), {{"name", "Grafana prod"},
                       {"redirect_uris", json::array{kCallback, "http://localhost:3000/cb"}},
                       {"post_logout_redirect_uris", json::array{"https://app.example.com/"}},
                       {"allowed_roles", json::array{"ADMIN"}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  got = admin_.client->Get(Apps("/" + id));
  EXPECT_EQ(got.str("name"), "Grafana prod");
  EXPECT_EQ(Strings(Obj(got), "redirect_uris").size(), 2u);
  EXPECT_EQ(Strings(Obj(got), "post_logout_redirect_uris"),
            json::array{"https://app.example.com/"});
  EXPECT_EQ(Strings(Obj(got), "allowed_roles"), json::array{"ADMIN"});
  EXPECT_EQ(got.str("type"), "confidential");

  EXPECT_EQ(admin_.client->Delete(Apps("/" + id)).status, 204);
  auto gone = admin_.client->Get(Apps("/" + id));
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.code(), "not_found");
  EXPECT_EQ(admin_.client->Delete(Apps("/" + id)).status, 404);
  EXPECT_TRUE(Obj(admin_.client->Get(Apps()))["items"].as_array().empty());
}

TEST_F(ApplicationsTest, APublicApplicationHasNoSecretToRotate) {
  auto created = RegisterOk("Single page app", "public");
  EXPECT_EQ(Str(created, "type"), "public");
  EXPECT_TRUE(created.at("client_secret").is_null());
  auto r = admin_.client->Post(Apps("/" + Str(created, "client_id") + "/rotate-secret"), {});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.code(), "application_public");
}

TEST_F(ApplicationsTest, InvalidInputIs422NamingTheField) {
  struct Case {
    const char* what;
    json::object body;
    const char* field;
  };
  auto with = [&](const char* key, json::value value) {
    auto body = Body("App");
    body[key] = std::move(value);
    return body;
  };
  const std::vector<Case> cases = {
      {"empty name", with("name", "   "), "name"},
      {"long name", with("name", json::string(std::string(101, 'x'))), "name"},
      {"name on two lines", with("name", "a\nb"), "name"},
      {"no name", [&] { auto b = Body("App"); b.erase("name"); return b; }(), "name"},
      {"unknown type", with("type", "hybrid"), "type"},
      {"no redirect URI", with("redirect_uris", json::array{}), "redirect_uris"},
      {"not an array", with("redirect_uris", json::string(kCallback)), "redirect_uris"},
      {"not strings", with("redirect_uris", json::array{1}), "redirect_uris"},
      {"http elsewhere", with("redirect_uris", json::array{"http://app.example.com/cb"}),
       "redirect_uris"},
      {"fragment", with("redirect_uris", json::array{kCallback + "#x"}), "redirect_uris"},
      {"relative", with("redirect_uris", json::array{"/callback"}), "redirect_uris"},
      {"no host", with("redirect_uris", json::array{"https:///cb"}), "redirect_uris"},
      {"user part", with("redirect_uris", json::array{"https://u@app.example.com/cb"}),
       "redirect_uris"},
      {"other scheme", with("redirect_uris", json::array{"ftp://app.example.com/cb"}),
       "redirect_uris"},
      {"127 look-alike", with("redirect_uris", json::array{"http://127.evil.com/cb"}),
       "redirect_uris"},
      {"space", with("redirect_uris", json::array{"https://app.example.com/a b"}),
       "redirect_uris"},
      {"too long", with("redirect_uris", json::array{kCallback + std::string(2000, 'x')}),
       "redirect_uris"},
      {"too many", with("redirect_uris", json::value_from(std::vector<std::string>(21, kCallback))),
       "redirect_uris"},
      {"logout fragment", with("post_logout_redirect_uris", json::array{kCallback + "#x"}),
       "post_logout_redirect_uris"},
      {"USER only", with("allowed_roles", json::array{"USER"}), "allowed_roles"},
      {"no role", with("allowed_roles", json::array{}), "allowed_roles"},
      {"unknown role", with("allowed_roles", json::array{"ADMIN", "OWNER"}), "allowed_roles"},
  };
  for (const auto& c : cases) {
    auto r = Register(c.body);
    EXPECT_EQ(r.status, 422) << c.what << ": " << r.body;
    EXPECT_EQ(r.code(), "validation_failed") << c.what;
    EXPECT_EQ(r.headers["content-type"], "application/problem+json") << c.what;
    const auto errors = Obj(r)["errors"];
    ASSERT_TRUE(errors.is_array() && !errors.as_array().empty()) << c.what << ": " << r.body;
    EXPECT_EQ(Str(errors.as_array()[0], "field"), c.field) << c.what;
  }
  EXPECT_TRUE(Obj(admin_.client->Get(Apps()))["items"].as_array().empty());
  EXPECT_EQ(admin_.client->Request("POST", Apps(), "{").code(), "invalid_json");

  // Loopback addresses may use http.
  for (const char* uri : {"http://localhost:8080/cb", "http://127.0.0.1/cb", "http://[::1]:3000/cb",
                          "https://app.example.com:8443/cb?x=1"}) {
    auto body = Body("Loopback");
    body["redirect_uris"] = json::array{uri};
    EXPECT_EQ(Register(body).status, 201) << uri;
  }
  // An update is held to the same rules and changes nothing when refused.
  const std::string id = Str(RegisterOk("Kept"), "client_id");
  auto r = admin_.client->Patch(Apps("/" + id), {{"name", "New"},
                                                 {"redirect_uris", json::array{"http://x.example/"}}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(admin_.client->Get(Apps("/" + id)).str("name"), "Kept");
  EXPECT_EQ(admin_.client->Patch(Apps("/" + id), {{"allowed_roles", json::array{"USER"}}}).status,
            422);
}

TEST_F(ApplicationsTest, AUserGetsTheAdminRefusalAndAnotherOrganizationNotFound) {
  const std::string id = Str(RegisterOk("Grafana"), "client_id");
  auto user = AddMember(server_, *admin_.client, org_, "user");
  auto [other, other_org] = AdminWithOrg(server_, "other", "Other");
  const std::string mine = Apps("/" + id);
  const std::string theirs = "/api/v1/orgs/" + other_org + "/applications/" + id;
  struct Call {
    std::string method, path;
    std::optional<std::string> body;
  };
  const std::vector<Call> calls = {{"GET", Apps(), {}},
                                   {"POST", Apps(), json::serialize(Body("Mine"))},
                                   {"GET", mine, {}},
                                   {"PATCH", mine, R"({"name":"x"})"},
                                   {"POST", mine + "/rotate-secret", {}},
                                   {"DELETE", mine, {}}};
  for (const auto& call : calls) {
    auto r = user.client->Request(call.method, call.path, call.body);
    EXPECT_EQ(r.status, 403) << call.method << " " << call.path << ": " << r.body;
    EXPECT_EQ(r.code(), "admin_required") << call.method << " " << call.path;
    auto outsider = other.client->Request(call.method, call.path, call.body);
    EXPECT_EQ(outsider.code(), "not_a_member") << call.method << " " << call.path;
  }
  // Through their own organization's path, our application does not exist.
  for (const auto& [method, body] : std::vector<std::pair<std::string, std::optional<std::string>>>{
           {"GET", {}}, {"PATCH", R"({"name":"x"})"}, {"DELETE", {}}}) {
    auto r = other.client->Request(method, theirs, body);
    EXPECT_EQ(r.status, 404) << method << ": " << r.body;
    EXPECT_EQ(r.code(), "not_found");
  }
  EXPECT_EQ(other.client->Post(theirs + "/rotate-secret", {}).status, 404);
  EXPECT_TRUE(Obj(other.client->Get("/api/v1/orgs/" + other_org + "/applications"))["items"]
                  .as_array()
                  .empty());
  EXPECT_EQ(admin_.client->Get(mine).str("name"), "Grafana") << "nothing changed";
}

TEST_F(ApplicationsTest, RotatingTheSecretRetiresTheOldOneAtTheTokenEndpoint) {
  auto created = RegisterOk("Grafana");
  const std::string id = Str(created, "client_id");
  const std::string old_secret = Str(created, "client_secret");
  auto works = Token(id, old_secret, CodeFor(*admin_.client, id));
  ASSERT_EQ(works.status, 200) << works.body;

  auto rotated = admin_.client->Post(Apps("/" + id + "/rotate-secret"), {});
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  const std::string new_secret = rotated.str("client_secret");
  EXPECT_EQ(rotated.str("client_id"), id);
  EXPECT_FALSE(new_secret.empty());
  EXPECT_NE(new_secret, old_secret);

  auto refused = Token(id, old_secret, CodeFor(*admin_.client, id));
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_EQ(refused.str("error"), "invalid_client");
  auto accepted = Token(id, new_secret, CodeFor(*admin_.client, id));
  EXPECT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_FALSE(accepted.str("id_token").empty());
}

TEST_F(ApplicationsTest, ADeletedApplicationIsUnknownToTheProvider) {
  auto created = RegisterOk("Grafana");
  const std::string id = Str(created, "client_id");
  const std::string code = CodeFor(*admin_.client, id);
  ASSERT_FALSE(code.empty());
  ASSERT_EQ(admin_.client->Delete(Apps("/" + id)).status, 204);

  auto token = Token(id, Str(created, "client_secret"), code);
  EXPECT_EQ(token.status, 401) << token.body;
  EXPECT_EQ(token.str("error"), "invalid_client");
  auto authorize = admin_.client->Get("/oauth/authorize?response_type=code&scope=openid&client_id=" +
                                      id + "&redirect_uri=" + kCallback);
  EXPECT_EQ(authorize.status, 400) << "an unknown client gets an error page, never a redirect";
  EXPECT_FALSE(authorize.headers.count("location"));
}

TEST_F(ApplicationsTest, AnOrganizationHoldsAtMostOneHundredApplications) {
  std::string first;
  for (int i = 0; i < 100; ++i) {
    const auto id = Str(RegisterOk("App " + std::to_string(i)), "client_id");
    if (i == 0) first = id;
  }
  auto refused = Register(Body("One too many"));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.code(), "validation_failed");
  const auto errors = Obj(refused)["errors"];
  ASSERT_TRUE(errors.is_array() && !errors.as_array().empty()) << refused.body;
  EXPECT_EQ(Str(errors.as_array()[0], "code"), "limit_reached");
  EXPECT_EQ(Obj(admin_.client->Get(Apps()))["items"].as_array().size(), 100u);

  ASSERT_EQ(admin_.client->Delete(Apps("/" + first)).status, 204);
  EXPECT_EQ(Register(Body("Room again")).status, 201) << "a deleted application frees its place";
}

TEST_F(ApplicationsTest, AdminsOnlyApplicationsRefuseUsers) {
  const std::string id = Str(RegisterOk("Ops console"), "client_id");
  auto user = AddMember(server_, *admin_.client, org_, "user");
  EXPECT_FALSE(CodeFor(*user.client, id).empty());
  ASSERT_EQ(admin_.client->Patch(Apps("/" + id), {{"allowed_roles", json::array{"ADMIN"}}}).status,
            200);
  auto refused = user.client->Get("/oauth/authorize?response_type=code&scope=openid&client_id=" +
                                  id + "&redirect_uri=" + kCallback);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("access_denied"), std::string::npos);
  EXPECT_FALSE(CodeFor(*admin_.client, id).empty());
}

TEST_F(ApplicationsTest, EveryChangeIsAuditedWithoutTheSecret) {
  auto created = RegisterOk("Grafana");
  const std::string id = Str(created, "client_id");
  ASSERT_EQ(admin_.client->Patch(Apps("/" + id), {{"name", "Grafana"}}).status, 200);  // no-op
  ASSERT_EQ(admin_.client->Patch(Apps("/" + id), {{"name", "Grafana 2"},
                                                  {"allowed_roles", json::array{"ADMIN"}}})
                .status,
            200);
  auto rotated = admin_.client->Post(Apps("/" + id + "/rotate-secret"), {});
  ASSERT_EQ(admin_.client->Delete(Apps("/" + id)).status, 204);

  const auto events = AuditOf(id);
  ASSERT_EQ(events.size(), 4u);
  const char* actions[] = {"application.deleted", "application.secret_rotated",
                           "application.updated", "application.created"};
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(Str(events[i], "action"), actions[i]);
    EXPECT_EQ(Str(events[i].at("target"), "type"), "application");
    EXPECT_EQ(Str(events[i].at("actor"), "user_id"), admin_.user_id);
    const auto text = json::serialize(events[i]);
    EXPECT_EQ(text.find(Str(created, "client_secret")), std::string::npos) << text;
    EXPECT_EQ(text.find(rotated.str("client_secret")), std::string::npos) << text;
  }
  EXPECT_EQ(Str(events[2].at("target"), "label"), "Grafana 2");
  EXPECT_EQ(json::serialize(events[2].at("details")), R"({"changed":["name","allowed_roles"]})");
  EXPECT_EQ(json::serialize(events[3].at("details")), R"({"public":false,"admins_only":false})");
  auto filtered = admin_.client->Get("/api/v1/orgs/" + org_ +
                                     "/audit-events?action=application.secret_rotated");
  ASSERT_EQ(filtered.status, 200) << filtered.body;
  EXPECT_EQ(Obj(filtered)["items"].as_array().size(), 1u);
}

}  // namespace
}  // namespace roster::testing
