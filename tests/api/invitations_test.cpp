// The invitation lifecycle through HTTP (server without SMTP: email_delivery DISABLED and the
// link is shown to admins as invite_url). Mail delivery itself: invitation_mail_test.cpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <set>
#include <thread>


#include "api_helpers.hpp"
#include "harness.hpp"
#include "instance.hpp"

namespace roster::testing {
namespace {

using namespace api;  // NOLINT(google-build-using-namespace)
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr auto kWeek = hours(24 * 7);
const std::string kPublicUrl = "http://roster.test";

const std::vector<std::string> kInvitationFields = {
    "accepted_at", "created_at",  "email",   "email_delivery", "expires_at", "id",
    "invited_by",  "revoked_at",  "role",    "status",         "username"};

std::vector<std::string> WithInviteUrl(std::vector<std::string> fields) {
  fields.push_back("invite_url");
  std::sort(fields.begin(), fields.end());
  return fields;
}

bool IsBase64Url(const std::string& s) {
  return !s.empty() && s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                           "0123456789-_") == std::string::npos;
}

std::string Base64UrlEncode(const std::string& raw) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const unsigned char c : raw) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3f];
  return out;
}

// A problem document with this status and code (and RFC 9457 members).
void ExpectProblem(const HttpResult& r, int status, const std::string& code,
                   const std::string& context = {}) {
  EXPECT_EQ(r.status, status) << context << " " << r.body;
  EXPECT_EQ(r.code(), code) << context << " " << r.body;
  EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "",
            "application/problem+json")
      << context;
  ASSERT_TRUE(r.json.is_object()) << context << " " << r.body;
  const auto& o = r.json.as_object();
  EXPECT_TRUE(o.contains("type") && o.at("type").is_string()) << context << " " << r.body;
  EXPECT_TRUE(o.contains("title") && o.at("title").is_string()) << context << " " << r.body;
  ASSERT_TRUE(o.contains("status") && o.at("status").is_int64()) << context << " " << r.body;
  EXPECT_EQ(o.at("status").as_int64(), status) << context;
}

void ExpectValidation(const HttpResult& r, const std::string& field,
                      const std::string& context = {}) {
  ExpectProblem(r, 422, "validation_failed", context);
  EXPECT_THAT(ErrorFields(r), ::testing::Contains(field)) << context << " " << r.body;
}

std::chrono::sys_seconds TimeOf(const json::value& v, const char* key) {
  auto t = ParseRfc3339(Str(v, key));
  if (!t) throw std::runtime_error(std::string(key) + " is not RFC 3339 UTC: " + Str(v, key));
  return *t;
}

class InvitationApi : public ::testing::Test {
 protected:
  void SetUp() override { admin = AdminWithOrgOk(server, "boss", "Acme Corp"); }

  std::string InvitationsPath(const std::string& query = {}) const {
    return OrgPath(admin.org_id, "/invitations") + query;
  }
  std::vector<json::object> List(const std::string& query = "?limit=200") {
    return ListAllOk(admin.client, InvitationsPath(query));
  }
  std::vector<std::string> ListIds(const std::string& query = "?limit=200") {
    std::vector<std::string> ids;
    for (const auto& item : List(query)) ids.push_back(Str(item, "id"));
    return ids;
  }
  json::object InList(const std::string& id) {
    return InvitationInListOk(admin.client, admin.org_id, id);
  }
  std::chrono::sys_seconds Now() { return ToSeconds(server.clock().Now()); }

  TestServer server;
  Account admin{0};
};

// ---------------------------------------------------------------------------------------------
// Invite: the Invitation document
// ---------------------------------------------------------------------------------------------

TEST_F(InvitationApi, CreateAnswers201WithTheInvitationSchema) {
  const auto before = Now();
  auto r = Invite(admin.client, admin.org_id, "New.Person@Example.COM", "new.person", "USER");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json");
  const auto inv = Obj(r);

  EXPECT_EQ(Keys(inv), WithInviteUrl(kInvitationFields)) << r.body;
  EXPECT_FALSE(Str(inv, "id").empty());
  EXPECT_EQ(Str(inv, "email"), "New.Person@example.com") << "domain lower-cased, local part kept";
  EXPECT_EQ(Str(inv, "username"), "new.person");
  EXPECT_EQ(Str(inv, "role"), "USER");
  EXPECT_EQ(Str(inv, "status"), "PENDING");
  const auto created = TimeOf(inv, "created_at");
  const auto expires = TimeOf(inv, "expires_at");
  EXPECT_GE(created, before - seconds(1));
  EXPECT_LE(created, Now() + seconds(1));
  EXPECT_EQ(expires - created, kWeek) << "default lifetime is 7 days";
  const auto by = ObjAt(inv, "invited_by");
  EXPECT_EQ(Keys(by), (std::vector<std::string>{"user_id", "username"}));
  EXPECT_EQ(Str(by, "user_id"), admin.user_id);
  EXPECT_EQ(Str(by, "username"), "boss");
  EXPECT_TRUE(IsNull(inv, "accepted_at"));
  EXPECT_TRUE(IsNull(inv, "revoked_at"));
  EXPECT_EQ(Str(inv, "email_delivery"), "DISABLED") << "no SMTP configured";

  const std::string url = Str(inv, "invite_url");
  ASSERT_EQ(url.rfind(kPublicUrl + "/invite/", 0), 0u) << url;
  const std::string token = TokenFromUrl(url);
  EXPECT_TRUE(IsBase64Url(token)) << token;
  EXPECT_GE(token.size(), 43u) << "at least 32 random bytes in base64url without padding";

  // The list shows the same document.
  const auto listed = InList(Str(inv, "id"));
  EXPECT_EQ(listed, inv);
}

TEST_F(InvitationApi, CreateKeepsTheInvitedRoleAndGivesEachInvitationItsOwnIdAndToken) {
  const auto a = InviteOk(admin.client, admin.org_id, "ann@example.com", "ann", "ADMIN");
  const auto b = InviteOk(admin.client, admin.org_id, "bob@example.com", "bob", "USER");
  EXPECT_EQ(Str(a, "role"), "ADMIN");
  EXPECT_EQ(Str(b, "role"), "USER");
  EXPECT_NE(Str(a, "id"), Str(b, "id"));
  EXPECT_NE(TokenFromUrl(Str(a, "invite_url")), TokenFromUrl(Str(b, "invite_url")));
}

TEST_F(InvitationApi, CreateAcceptsUsernameBoundaryValues) {
  for (const std::string& username : {std::string("abc"), std::string(32, 'a'),
                                     std::string("a.b_c-d"), std::string("9lives"),
                                     std::string("x.-_y"), std::string("UPPER")}) {
    auto r = Invite(admin.client, admin.org_id, username + "@example.com", username);
    EXPECT_EQ(r.status, 201) << username << " " << r.body;
    EXPECT_EQ(r.str("username"), username);
  }
}

// ---------------------------------------------------------------------------------------------
// Invite: validation and malformed bodies
// ---------------------------------------------------------------------------------------------

TEST_F(InvitationApi, CreateRejectsInvalidEmailsWith422) {
  const std::vector<std::string> bad = {"",
                                        "plainaddress",
                                        "no-domain@",
                                        "@example.com",
                                        "two@@example.com",
                                        "a b@example.com",
                                        "dots..here@example.com",
                                        ".lead@example.com",
                                        "user@localhost",
                                        "user@example.123",
                                        "user@-bad-.com",
                                        std::string(250, 'a') + "@example.com"};
  for (const auto& email : bad) {
    auto r = Invite(admin.client, admin.org_id, email, "valid_name");
    ExpectValidation(r, "email", "email '" + email + "'");
  }
  EXPECT_TRUE(List().empty());
}

TEST_F(InvitationApi, CreateRejectsInvalidUsernamesWith422) {
  const std::vector<std::string> bad = {
      "",       "ab",     std::string(33, 'a'), "_abc", ".abc", "-abc", "ab c",
      "ab@c",   "ab!c",   "ab/c",               "ab+c", "äbc",  "abc\n"};
  for (const auto& username : bad) {
    auto r = Invite(admin.client, admin.org_id, "someone@example.com", username);
    ExpectValidation(r, "username", "username '" + username + "'");
  }
  EXPECT_TRUE(List().empty());
}

TEST_F(InvitationApi, CreateRejectsRolesOtherThanUserAndAdminWith422) {
  for (const std::string role : {"", "user", "admin", "OWNER", "USER ", "SUPERADMIN"}) {
    auto r = Invite(admin.client, admin.org_id, "someone@example.com", "someone", role);
    ExpectValidation(r, "role", "role '" + role + "'");
  }
  EXPECT_TRUE(List().empty());
}

TEST_F(InvitationApi, CreateReportsEveryInvalidFieldAtOnce) {
  auto r = Invite(admin.client, admin.org_id, "not-an-email", "x", "OWNER");
  ExpectProblem(r, 422, "validation_failed");
  EXPECT_THAT(ErrorFields(r), ElementsAre("email", "role", "username")) << r.body;
}

TEST_F(InvitationApi, CreateRejectsWrongJsonTypesAndMissingFieldsWith422) {
  const std::string path = InvitationsPath();
  struct Case {
    json::value body;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {json::object{{"email", 5}, {"username", "pat"}, {"role", "USER"}}, {"email"}},
      {json::object{{"email", "pat@example.com"}, {"username", true}, {"role", "USER"}},
       {"username"}},
      {json::object{{"email", "pat@example.com"}, {"username", "pat"}, {"role", json::array{"USER"}}},
       {"role"}},
      {json::object{{"email", json::object{}}, {"username", 1.5}, {"role", 1}},
       {"email", "role", "username"}},
      {json::object{{"email", nullptr}, {"username", "pat"}, {"role", "USER"}}, {"email"}},
      {json::object{{"username", "pat"}, {"role", "USER"}}, {"email"}},
      {json::object{{"email", "pat@example.com"}, {"role", "USER"}}, {"username"}},
      {json::object{{"email", "pat@example.com"}, {"username", "pat"}}, {"role"}},
      {json::object{}, {"email", "role", "username"}},
  };
  for (const auto& c : cases) {
    const std::string body = json::serialize(c.body);
    auto r = admin.client.Post(path, c.body);
    ExpectProblem(r, 422, "validation_failed", body);
    EXPECT_THAT(ErrorFields(r), ElementsAreArray(c.fields)) << body << " -> " << r.body;
    const auto* errors = r.json.as_object().if_contains("errors");
    ASSERT_TRUE(errors && errors->is_array()) << r.body;
    for (const auto& e : errors->as_array()) {
      EXPECT_FALSE(Str(e, "code").empty()) << r.body;
    }
  }
  // A JSON value that is not an object is not an invitation either.
  for (const std::string body : {"[]", "\"pat@example.com\"", "42", "null"}) {
    auto r = admin.client.Request("POST", path, body);
    EXPECT_EQ(r.status, 422) << body << " -> " << r.body;
    EXPECT_EQ(r.code(), "validation_failed") << body;
  }
  // Unknown fields are ignored.
  auto ok = admin.client.Post(path, json::object{{"email", "pat@example.com"},
                                                 {"username", "pat"},
                                                 {"role", "USER"},
                                                 {"note", "hello"},
                                                 {"status", "ACCEPTED"}});
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.str("status"), "PENDING");
  EXPECT_EQ(List().size(), 1u);
}

TEST_F(InvitationApi, CreateRejectsMalformedJsonWith400) {
  for (const std::string body :
       {"", "{", "{\"email\": \"pat@example.com\",", "not json", "{'email': 'x'}",
        "{\"email\":\"pat@example.com\",\"username\":\"pat\",\"role\":\"USER\"} trailing"}) {
    auto r = admin.client.Request("POST", InvitationsPath(), body);
    ExpectProblem(r, 400, "invalid_json", "body '" + body + "'");
  }
  EXPECT_TRUE(List().empty());
}

// ---------------------------------------------------------------------------------------------
// Invite: conflicts
// ---------------------------------------------------------------------------------------------

TEST_F(InvitationApi, EmailOfAnyAccountIsRegisteredCaseInsensitively) {
  // The admin's own email, in another case.
  ExpectProblem(Invite(admin.client, admin.org_id, "BOSS@EXAMPLE.COM", "boss2"), 409,
                "email_registered");
  ExpectProblem(Invite(admin.client, admin.org_id, "Boss@example.com", "boss3"), 409,
                "email_registered");
  // An account in personal mode, in no organization at all.
  SignupOk(server, "loner");
  ExpectProblem(Invite(admin.client, admin.org_id, "LONER@Example.Com", "loner2"), 409,
                "email_registered");
  EXPECT_TRUE(List().empty());
}

TEST_F(InvitationApi, EmailOfAPendingInvitationIsInvitedCaseInsensitively) {
  InviteOk(admin.client, admin.org_id, "pat@example.com", "pat");
  ExpectProblem(Invite(admin.client, admin.org_id, "PAT@example.com", "pat2"), 409,
                "email_invited");
  ExpectProblem(Invite(admin.client, admin.org_id, "Pat@EXAMPLE.COM", "pat3"), 409,
                "email_invited");
  EXPECT_EQ(List().size(), 1u);
}

TEST_F(InvitationApi, UsernameOfAMemberOrPendingInvitationIsTakenCaseInsensitively) {
  // The admin (an active member).
  ExpectProblem(Invite(admin.client, admin.org_id, "other1@example.com", "BOSS"), 409,
                "username_taken");
  // A pending invitation.
  InviteOk(admin.client, admin.org_id, "pat@example.com", "Pat");
  ExpectProblem(Invite(admin.client, admin.org_id, "other2@example.com", "pAT"), 409,
                "username_taken");
  // A removed member keeps its username.
  auto gone = AddMemberOk(server, admin, "gone");
  auto removed = admin.client.Delete(OrgPath(admin.org_id, "/members/" + gone.user_id));
  ASSERT_EQ(removed.status, 200) << removed.body;
  ASSERT_EQ(removed.str("status"), "REMOVED");
  ExpectProblem(Invite(admin.client, admin.org_id, "other3@example.com", "GONE"), 409,
                "username_taken");
  ExpectProblem(Invite(admin.client, admin.org_id, "other4@example.com", "gone"), 409,
                "username_taken");
}

TEST_F(InvitationApi, AnotherOrganizationMayInviteTheSameEmailAndUsername) {
  InviteOk(admin.client, admin.org_id, "pat@example.com", "pat");
  auto other = AdminWithOrgOk(server, "chief", "Globex");
  auto r = Invite(other.client, other.org_id, "Pat@Example.com", "PAT");
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.str("status"), "PENDING");
  EXPECT_EQ(List().size(), 1u) << "each organization lists only its own invitations";
  EXPECT_EQ(ListAllOk(other.client, OrgPath(other.org_id, "/invitations")).size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Guardrails: who may call the admin endpoints
// ---------------------------------------------------------------------------------------------

TEST_F(InvitationApi, OnlyActiveAdminsOfTheOrganizationMayManageInvitations) {
  const auto pending = InviteOk(admin.client, admin.org_id, "pat@example.com", "pat");
  const std::string id = Str(pending, "id");
  auto user = AddMemberOk(server, admin, "worker", "USER");
  auto personal = SignupOk(server, "solo");
  auto other = AdminWithOrgOk(server, "chief", "Globex");
  const json::object body{{"email", "new@example.com"}, {"username", "newbie"}, {"role", "USER"}};

  struct Call {
    std::string method;
    std::string target;
    std::optional<std::string> body;
  };
  const auto calls_for = [&](const std::string& org_id) {
    return std::vector<Call>{
        {"POST", OrgPath(org_id, "/invitations"), json::serialize(body)},
        {"GET", OrgPath(org_id, "/invitations"), std::nullopt},
        {"GET", OrgPath(org_id, "/invitations?status=PENDING"), std::nullopt},
        {"POST", OrgPath(org_id, "/invitations/" + id + "/resend"), std::nullopt},
        {"POST", OrgPath(org_id, "/invitations/" + id + "/revoke"), std::nullopt},
    };
  };

  for (const auto& c : calls_for(admin.org_id)) {
    const std::string what = c.method + " " + c.target;
    // A USER of the organization.
    auto r = user.client.Request(c.method, c.target, c.body);
    ExpectProblem(r, 403, "admin_required", "USER: " + what);
    EXPECT_EQ(r.str("title"), "Admin access required") << what;
    // An account in personal mode.
    ExpectProblem(personal.client.Request(c.method, c.target, c.body), 403,
                  "organization_required", "personal: " + what);
    // The admin of another organization.
    ExpectProblem(other.client.Request(c.method, c.target, c.body), 403, "not_a_member",
                  "other org admin: " + what);
    // Anonymous.
    Client anonymous(server.port());
    ExpectProblem(anonymous.Request(c.method, c.target, c.body), 401, "unauthenticated",
                  "anonymous: " + what);
  }
  // Whatever organization id the other admin sends, it is not a member there.
  for (const auto& c : calls_for("00000000000000000000000000000000")) {
    ExpectProblem(other.client.Request(c.method, c.target, c.body), 403, "not_a_member",
                  "unknown org: " + c.method + " " + c.target);
  }
  for (const auto& c : calls_for("no-such-org")) {
    ExpectProblem(other.client.Request(c.method, c.target, c.body), 403, "not_a_member",
                  "unknown org: " + c.method + " " + c.target);
  }

  // Nothing changed.
  const auto after = InList(id);
  EXPECT_EQ(Str(after, "status"), "PENDING");
  EXPECT_EQ(Str(after, "invite_url"), Str(pending, "invite_url")) << "not resent";
  EXPECT_EQ(List().size(), 2u) << "only pat and worker were invited";
}

TEST_F(InvitationApi, CookieAuthenticatedWritesNeedTheCsrfHeader) {
  const auto pending = InviteOk(admin.client, admin.org_id, "pat@example.com", "pat");
  const std::string id = Str(pending, "id");
  const json::object body{{"email", "new@example.com"}, {"username", "newbie"}, {"role", "USER"}};
  const std::vector<std::pair<std::string, std::optional<std::string>>> writes = {
      {InvitationsPath(), json::serialize(body)},
      {InvitationsPath("/" + id + "/resend"), std::nullopt},
      {InvitationsPath("/" + id + "/revoke"), std::nullopt},
  };
  for (const auto& [target, payload] : writes) {
    Client no_header = admin.client;
    no_header.send_csrf = false;
    ExpectProblem(no_header.Request("POST", target, payload), 403, "csrf_failed",
                  "no header: " + target);
    Client wrong = admin.client;
    ExpectProblem(wrong.Request("POST", target, payload, {{"X-CSRF-Token", "wrong-value"}}), 403,
                  "csrf_failed", "wrong header: " + target);
    Client empty = admin.client;
    ExpectProblem(empty.Request("POST", target, payload, {{"X-CSRF-Token", ""}}), 403,
                  "csrf_failed", "empty header: " + target);
  }
  const auto after = InList(id);
  EXPECT_EQ(Str(after, "status"), "PENDING");
  EXPECT_EQ(Str(after, "invite_url"), Str(pending, "invite_url"));
  EXPECT_EQ(List().size(), 1u);
  // Reading needs no header.
  Client reader = admin.client;
  reader.send_csrf = false;
  EXPECT_EQ(reader.Get(InvitationsPath()).status, 200);
}

TEST_F(InvitationApi, BearerTokenRequestsNeedNoCsrfHeader) {
  auto created = admin.client.Post(std::string(kPrefix) + "/me/tokens", {{"name", "script"}});
  ASSERT_EQ(created.status, 201) << created.body;
  Client script(server.port());
  script.bearer = created.str("token");
  ASSERT_FALSE(script.bearer.empty());
  const auto inv = InviteOk(script, admin.org_id, "bot@example.com", "bot");
  EXPECT_EQ(Str(ObjAt(inv, "invited_by"), "user_id"), admin.user_id);
  EXPECT_EQ(Resend(script, admin.org_id, Str(inv, "id")).status, 200);
  EXPECT_EQ(Revoke(script, admin.org_id, Str(inv, "id")).status, 200);
  EXPECT_EQ(script.Get(InvitationsPath()).status, 200);

  Client forged(server.port());
  forged.bearer = "not-a-real-token";
  ExpectProblem(Invite(forged, admin.org_id, "bot2@example.com", "bot2"), 401, "unauthenticated");
  ExpectProblem(forged.Get(InvitationsPath()), 401, "unauthenticated");

  auto user = AddMemberOk(server, admin, "scripter", "USER");
  auto user_token = user.client.Post(std::string(kPrefix) + "/me/tokens", json::object{});
  ASSERT_EQ(user_token.status, 201) << user_token.body;
  Client user_script(server.port());
  user_script.bearer = user_token.str("token");
  ExpectProblem(Invite(user_script, admin.org_id, "bot3@example.com", "bot3"), 403,
                "admin_required");
  ExpectProblem(user_script.Get(InvitationsPath()), 403, "admin_required");
}

TEST_F(InvitationApi, ResendAndRevokeOfAnUnknownOrForeignInvitationAre404) {
  auto other = AdminWithOrgOk(server, "chief", "Globex");
  const auto foreign = InviteOk(other.client, other.org_id, "pat@example.com", "pat");
  for (const std::string& id :
       {Str(foreign, "id"), std::string("00000000000000000000000000000000"), std::string("nope")}) {
    ExpectProblem(Resend(admin.client, admin.org_id, id), 404, "not_found", "resend " + id);
    ExpectProblem(Revoke(admin.client, admin.org_id, id), 404, "not_found", "revoke " + id);
  }
  // The other organization's invitation is untouched.
  const auto still = InvitationInListOk(other.client, other.org_id, Str(foreign, "id"));
  EXPECT_EQ(Str(still, "status"), "PENDING");
  EXPECT_EQ(Str(still, "invite_url"), Str(foreign, "invite_url"));
}

// ---------------------------------------------------------------------------------------------
// Concurrency
// ---------------------------------------------------------------------------------------------

// Runs `n` invitations at once (one client per thread, sharing the admin's session).
std::vector<HttpResult> InviteConcurrently(TestServer& server, const Account& admin, int n,
                                           const std::function<json::object(int)>& body_of) {
  std::vector<HttpResult> results(static_cast<std::size_t>(n));
  std::vector<json::object> bodies;
  for (int i = 0; i < n; ++i) bodies.push_back(body_of(i));
  RunTogether(server.port(), admin.client, n, [&](int i, Client& client) {
    try {
      results[static_cast<std::size_t>(i)] =
          client.Post(OrgPath(admin.org_id, "/invitations"), bodies[static_cast<std::size_t>(i)]);
    } catch (const std::exception& e) {
      results[static_cast<std::size_t>(i)].body = e.what();
    }
  });
  return results;
}

TEST_F(InvitationApi, ParallelInvitationsOfOneUsernameYieldExactlyOne201) {
  const auto results = InviteConcurrently(server, admin, 8, [](int i) {
    return json::object{{"email", "racer" + std::to_string(i) + "@example.com"},
                        {"username", i % 2 ? "Racer" : "racer"},
                        {"role", "USER"}};
  });
  int created = 0;
  int taken = 0;
  for (const auto& r : results) {
    if (r.status == 201) ++created;
    if (r.status == 409 && r.code() == "username_taken") ++taken;
    EXPECT_TRUE(r.status == 201 || (r.status == 409 && r.code() == "username_taken"))
        << r.status << " " << r.body;
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(taken, 7);
  EXPECT_EQ(List("?status=PENDING&limit=200").size(), 1u);
}

TEST_F(InvitationApi, ParallelInvitationsOfOneEmailYieldExactlyOne201) {
  const auto results = InviteConcurrently(server, admin, 8, [](int i) {
    return json::object{{"email", i % 2 ? "Racer@Example.com" : "racer@example.com"},
                        {"username", "racer" + std::to_string(i)},
                        {"role", "USER"}};
  });
  int created = 0;
  int invited = 0;
  for (const auto& r : results) {
    if (r.status == 201) ++created;
    if (r.status == 409 && r.code() == "email_invited") ++invited;
    EXPECT_TRUE(r.status == 201 || (r.status == 409 && r.code() == "email_invited"))
        << r.status << " " << r.body;
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(invited, 7);
  EXPECT_EQ(List("?status=PENDING&limit=200").size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// List: order, status filter, limit, keyset paging
// ---------------------------------------------------------------------------------------------

TEST_F(InvitationApi, ListIsNewestFirstAndWalksPagesWithoutGapsOrDuplicates) {
  std::vector<std::string> created;  // oldest first
  for (int i = 0; i < 7; ++i) {
    created.push_back(Str(InviteOk(admin.client, admin.org_id,
                                   "p" + std::to_string(i) + "@example.com",
                                   "person" + std::to_string(i)),
                          "id"));
    server.clock().Advance(seconds(1));
  }
  const std::vector<std::string> newest_first(created.rbegin(), created.rend());

  auto all = PageOk(admin.client, InvitationsPath());
  ASSERT_TRUE(all.contains("next_cursor"));
  EXPECT_TRUE(all["next_cursor"].is_null()) << "one page holds all seven (default limit 50)";
  std::vector<std::string> ids;
  for (const auto& item : all["items"].as_array()) ids.push_back(Str(item, "id"));
  EXPECT_EQ(ids, newest_first);

  // limit=3: 3 + 3 + 1, in order, the last next_cursor null.
  std::vector<std::string> walked;
  std::vector<std::size_t> sizes;
  std::string target = InvitationsPath("?limit=3");
  for (int page = 0; page < 10; ++page) {
    auto p = PageOk(admin.client, target);
    sizes.push_back(p["items"].as_array().size());
    for (const auto& item : p["items"].as_array()) walked.push_back(Str(item, "id"));
    ASSERT_TRUE(p.contains("next_cursor"));
    if (p["next_cursor"].is_null()) break;
    ASSERT_TRUE(p["next_cursor"].is_string());
    target = InvitationsPath("?limit=3&cursor=" + std::string(p["next_cursor"].as_string()));
  }
  EXPECT_THAT(sizes, ElementsAre(3u, 3u, 1u));
  EXPECT_EQ(walked, newest_first);
  EXPECT_EQ(std::set<std::string>(walked.begin(), walked.end()).size(), 7u);
}

TEST_F(InvitationApi, PagingIsStableWhenInvitationsShareTheirCreationTime) {
  // Created within the same second (and possibly the same millisecond): the keyset must still
  // neither skip nor repeat.
  std::set<std::string> created;
  for (int i = 0; i < 7; ++i) {
    created.insert(Str(InviteOk(admin.client, admin.org_id,
                                "q" + std::to_string(i) + "@example.com",
                                "quick" + std::to_string(i)),
                       "id"));
  }
  for (int limit : {1, 2, 3, 6, 7}) {
    const auto walked = ListAllOk(admin.client, InvitationsPath("?limit=" + std::to_string(limit)));
    std::vector<std::string> ids;
    for (const auto& item : walked) ids.push_back(Str(item, "id"));
    EXPECT_EQ(ids.size(), 7u) << "limit " << limit;
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), created) << "limit " << limit;
  }
}

TEST_F(InvitationApi, ListFiltersByCommaSeparatedStatuses) {
  const auto a = InviteOk(admin.client, admin.org_id, "a@example.com", "aaa");
  server.clock().Advance(seconds(1));
  const auto b = InviteOk(admin.client, admin.org_id, "b@example.com", "bbb");
  server.clock().Advance(kWeek + seconds(1));  // a and b expire (and so does the session)
  LoginOk(admin);
  const auto c = InviteOk(admin.client, admin.org_id, "c@example.com", "ccc");
  server.clock().Advance(seconds(1));
  const auto d = InviteOk(admin.client, admin.org_id, "d@example.com", "ddd", "ADMIN");
  server.clock().Advance(seconds(1));
  const auto e = InviteOk(admin.client, admin.org_id, "e@example.com", "eee");
  ASSERT_EQ(Revoke(admin.client, admin.org_id, Str(c, "id")).status, 200);
  AcceptOk(server, TokenFromUrl(Str(d, "invite_url")));

  const auto id = [](const json::object& o) { return Str(o, "id"); };
  EXPECT_THAT(ListIds(), ElementsAre(id(e), id(d), id(c), id(b), id(a)));
  EXPECT_THAT(ListIds("?status=PENDING"), ElementsAre(id(e)));
  EXPECT_THAT(ListIds("?status=EXPIRED"), ElementsAre(id(b), id(a)));
  EXPECT_THAT(ListIds("?status=PENDING,EXPIRED"), ElementsAre(id(e), id(b), id(a)));
  EXPECT_THAT(ListIds("?status=EXPIRED%2CPENDING"), ElementsAre(id(e), id(b), id(a)));
  EXPECT_THAT(ListIds("?status=REVOKED"), ElementsAre(id(c)));
  EXPECT_THAT(ListIds("?status=ACCEPTED"), ElementsAre(id(d)));
  EXPECT_THAT(ListIds("?status=ACCEPTED,REVOKED,PENDING,EXPIRED"),
              ElementsAre(id(e), id(d), id(c), id(b), id(a)));
  // Filter and paging together.
  EXPECT_THAT(ListIds("?status=EXPIRED,PENDING&limit=1"), ElementsAre(id(e), id(b), id(a)));

  // Every listed status matches the filter.
  for (const auto& item : List("?status=EXPIRED")) EXPECT_EQ(Str(item, "status"), "EXPIRED");
  for (const auto& item : List("?status=ACCEPTED")) {
    EXPECT_EQ(Str(item, "status"), "ACCEPTED");
    EXPECT_FALSE(IsNull(item, "accepted_at"));
    EXPECT_FALSE(Has(item, "invite_url"));
  }

  for (const std::string bad : {"BOGUS", "pending", "PENDING,BOGUS", "ACTIVE", "ALL"}) {
    ExpectValidation(admin.client.Get(InvitationsPath("?status=" + bad)), "status",
                     "status=" + bad);
  }
}

// Found by tests/fuzz (fuzz_http_request): the 422 echoes the unknown status, and a
// percent-decoded value that is not UTF-8 made the problem document invalid JSON.
TEST_F(InvitationApi, AStatusFilterThatIsNotUtf8IsStillAJson422) {
  for (const std::string bad : {"%FF", "PENDING,%C3", "%ED%A0%80"}) {
    const auto r = admin.client.Get(InvitationsPath("?status=" + bad));
    ASSERT_TRUE(r.json.is_object()) << bad << ": " << r.body;
    ExpectValidation(r, "status", "status=" + bad);
  }
}

TEST_F(InvitationApi, ListLimitMustBeBetween1And200) {
  InviteOk(admin.client, admin.org_id, "a@example.com", "aaa");
  InviteOk(admin.client, admin.org_id, "b@example.com", "bbb");
  for (const std::string bad : {"0", "201", "abc", "-1", "1.5", "99999999999", "3x"}) {
    ExpectValidation(admin.client.Get(InvitationsPath("?limit=" + bad)), "limit", "limit=" + bad);
  }
  auto one = PageOk(admin.client, InvitationsPath("?limit=1"));
  EXPECT_EQ(one["items"].as_array().size(), 1u);
  EXPECT_TRUE(one["next_cursor"].is_string());
  auto max = PageOk(admin.client, InvitationsPath("?limit=200"));
  EXPECT_EQ(max["items"].as_array().size(), 2u);
  EXPECT_TRUE(max["next_cursor"].is_null());
}

TEST_F(InvitationApi, TamperedCursorsAre422NeverA500) {
  for (int i = 0; i < 3; ++i) {
    InviteOk(admin.client, admin.org_id, "c" + std::to_string(i) + "@example.com",
             "cursor" + std::to_string(i));
  }
  auto first = PageOk(admin.client, InvitationsPath("?limit=1"));
  ASSERT_TRUE(first["next_cursor"].is_string());
  const std::string cursor(first["next_cursor"].as_string());
  ASSERT_EQ(PageOk(admin.client, InvitationsPath("?limit=1&cursor=" + cursor))["items"]
                .as_array()
                .size(),
            1u);

  const std::string hex(32, 'a');
  const std::vector<std::string> bad = {
      "abc",
      "%21%21%21%21",
      cursor.substr(0, cursor.size() - 1),
      cursor.substr(0, cursor.size() / 2),
      cursor + "A",
      cursor + "AAAA",
      cursor + "%3D%3D",
      std::string(2000, 'A'),
      Base64UrlEncode("m\x1F" "boss\x1F" + hex),          // a members cursor
      Base64UrlEncode("a\x1F" "12"),                      // an audit cursor
      Base64UrlEncode("i\x1F" "-1\x1F" + hex),
      Base64UrlEncode("i\x1F" "abc\x1F" + hex),
      Base64UrlEncode("i\x1F" "99999999999999999999999\x1F" + hex),
      Base64UrlEncode("i\x1F" "1000\x1F" "not-hex"),
      Base64UrlEncode("i\x1F" "1000\x1F" + hex + "\x1F" "extra"),
      Base64UrlEncode("i\x1F" "1000"),
      Base64UrlEncode("i"),
      Base64UrlEncode("i\x1F\x1F"),
      Base64UrlEncode("i\x1F" "1000\x1F" + std::string(32, 'A')),
  };
  for (const auto& c : bad) {
    auto r = admin.client.Get(InvitationsPath("?limit=1&cursor=" + c));
    EXPECT_NE(r.status, 500) << "cursor " << c;
    ExpectValidation(r, "cursor", "cursor " + c);
  }
}

// The contract: "a cursor the server did not issue: 422". A cursor forged to look well-formed
// was never issued by the server either.
TEST_F(InvitationApi, AWellFormedButForgedCursorIs422) {
  InviteOk(admin.client, admin.org_id, "a@example.com", "aaa");
  const std::string forged = Base64UrlEncode("i\x1F" "4102444800000\x1F" + std::string(32, 'f'));
  auto r = admin.client.Get(InvitationsPath("?limit=1&cursor=" + forged));
  ExpectValidation(r, "cursor", "forged cursor " + forged);
}

// ---------------------------------------------------------------------------------------------
// Expiry (fake clock)
// ---------------------------------------------------------------------------------------------

TEST_F(InvitationApi, InvitationsExpireAfterSevenDaysAndReleaseEmailAndUsername) {
  const auto inv = InviteOk(admin.client, admin.org_id, "late@example.com", "late");
  const std::string id = Str(inv, "id");
  const std::string token = TokenFromUrl(Str(inv, "invite_url"));

  server.clock().Advance(kWeek - minutes(1));
  auto before = LookupInvitation(server.port(), token);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.str("status"), "PENDING") << "one minute before expiry";

  server.clock().Advance(minutes(1) + seconds(1));
  auto lookup = LookupInvitation(server.port(), token);
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(lookup.str("status"), "EXPIRED");
  EXPECT_EQ(lookup.str("expires_at"), Str(inv, "expires_at"));

  Client visitor(server.port());
  ExpectProblem(AcceptInvitation(visitor, token), 410, "invitation_expired");
  EXPECT_TRUE(visitor.cookie("roster_session").empty()) << "no session for an expired link";

  LoginOk(admin);  // seven days idle ended the admin's session too
  const auto listed = InList(id);
  EXPECT_EQ(Str(listed, "status"), "EXPIRED");
  EXPECT_EQ(Str(listed, "expires_at"), Str(inv, "expires_at"));

  // An expired invitation holds neither its email nor its username.
  const auto again = InviteOk(admin.client, admin.org_id, "LATE@example.com", "LATE");
  EXPECT_EQ(Str(again, "status"), "PENDING");
  EXPECT_NE(Str(again, "id"), id);
  EXPECT_EQ(Str(InList(id), "status"), "EXPIRED") << "the old one stays expired";
  EXPECT_THAT(ListIds("?status=PENDING"), ElementsAre(Str(again, "id")));
  EXPECT_THAT(ListIds("?status=EXPIRED"), ElementsAre(id));

  // Resending the expired one now conflicts with the new pending invitation of its email.
  ExpectProblem(Resend(admin.client, admin.org_id, id), 409, "email_invited");
  EXPECT_EQ(Str(InList(id), "status"), "EXPIRED");
  EXPECT_EQ(LookupInvitation(server.port(), token).str("status"), "EXPIRED");
}

TEST_F(InvitationApi, AnExpiredInvitationReleasesItsUsernameToADifferentEmail) {
  const auto inv = InviteOk(admin.client, admin.org_id, "first@example.com", "shared");
  server.clock().Advance(kWeek + seconds(1));
  LoginOk(admin);
  auto r = Invite(admin.client, admin.org_id, "second@example.com", "Shared");
  EXPECT_EQ(r.status, 201) << r.body;
  // ... and the expired one cannot be resent while that username is held again.
  ExpectProblem(Resend(admin.client, admin.org_id, Str(inv, "id")), 409, "username_taken");
}

TEST_F(InvitationApi, ResendOfAnExpiredInvitationChecksItsEmailAndUsernameAgain) {
  const auto by_email = InviteOk(admin.client, admin.org_id, "signer@example.com", "signer");
  const auto by_name = InviteOk(admin.client, admin.org_id, "joiner@example.com", "joiner");
  server.clock().Advance(kWeek + seconds(1));
  LoginOk(admin);
  // The email registered an account meanwhile.
  SignupOk(server, "signer-self", "Signer@Example.com");
  ExpectProblem(Resend(admin.client, admin.org_id, Str(by_email, "id")), 409, "email_registered");
  // The username became a member's meanwhile (through an invitation to another address).
  const auto taker = InviteOk(admin.client, admin.org_id, "taker@example.com", "JOINER");
  AcceptOk(server, TokenFromUrl(Str(taker, "invite_url")));
  ExpectProblem(Resend(admin.client, admin.org_id, Str(by_name, "id")), 409, "username_taken");
  EXPECT_EQ(Str(InList(Str(by_email, "id")), "status"), "EXPIRED");
  EXPECT_EQ(Str(InList(Str(by_name, "id")), "status"), "EXPIRED");
}

TEST(InvitationTtl, RosterInvitationTtlIsHonoured) {
  TestServer::Options options;
  options.invitation_ttl = "90s";
  TestServer server(options);
  auto admin = AdminWithOrgOk(server, "boss", "Acme Corp");
  const auto inv = InviteOk(admin.client, admin.org_id, "quick@example.com", "quick");
  EXPECT_EQ(*ParseRfc3339(Str(inv, "expires_at")) - *ParseRfc3339(Str(inv, "created_at")),
            seconds(90));
  const std::string token = TokenFromUrl(Str(inv, "invite_url"));

  server.clock().Advance(seconds(88));
  EXPECT_EQ(LookupInvitation(server.port(), token).str("status"), "PENDING");
  server.clock().Advance(seconds(3));
  EXPECT_EQ(LookupInvitation(server.port(), token).str("status"), "EXPIRED");
  EXPECT_EQ(Str(InvitationInListOk(admin.client, admin.org_id, Str(inv, "id")), "status"),
            "EXPIRED");
  Client visitor(server.port());
  ExpectProblem(AcceptInvitation(visitor, token), 410, "invitation_expired");

  // Resend restarts the 90 seconds from now.
  auto resent = Resend(admin.client, admin.org_id, Str(inv, "id"));
  ASSERT_EQ(resent.status, 200) << resent.body;
  EXPECT_EQ(resent.str("status"), "PENDING");
  const auto now = ToSeconds(server.clock().Now());
  const auto expires = *ParseRfc3339(resent.str("expires_at"));
  EXPECT_GE(expires, now + seconds(89));
  EXPECT_LE(expires, now + seconds(91));
  const std::string fresh = TokenFromUrl(resent.str("invite_url"));
  server.clock().Advance(seconds(80));
  EXPECT_EQ(LookupInvitation(server.port(), fresh).str("status"), "PENDING");
  auto member = AcceptOk(server, fresh);
  EXPECT_EQ(member.username, "quick");
}

// expires_at is "created (or last resent) + ROSTER_INVITATION_TTL", also when the request had to
// wait for the database: here the test holds the write transaction until the request waits for
// it, then moves the clock 10 minutes on. Both times are read after the wait, under the lock.
TEST(InvitationTimes, ExpiresAtIsCreatedAtPlusTheTtlEvenWhenTheDatabaseIsBusy) {
  TestServer server;
  auto admin = AdminWithOrgOk(server, "boss", "Acme Corp");
  const auto sent_at = ToSeconds(server.clock().Now());
  auto holder = server.instance().store().Begin(app::TxMode::kWrite);
  holder->LockOrganization(admin.org_id);
  const auto waits = server.LockWaits();
  auto pending = std::async(std::launch::async, [&] {
    return Invite(admin.client, admin.org_id, "busy@example.com", "busy");
  });
  ASSERT_TRUE(WaitUntil([&] { return server.LockWaits() > waits; }, seconds(60), milliseconds(5)))
      << "the invitation never waited for the database";
  server.clock().Advance(minutes(10));
  holder->Commit();
  const auto r = pending.get();
  ASSERT_EQ(r.status, 201) << r.body;
  const auto created = ParseRfc3339(r.str("created_at"));
  const auto expires = ParseRfc3339(r.str("expires_at"));
  ASSERT_TRUE(created && expires) << r.body;
  EXPECT_GE(*created, sent_at + minutes(10)) << "created_at was read before the wait";
  EXPECT_EQ(*expires - *created, kWeek)
      << "created_at " << r.str("created_at") << ", expires_at " << r.str("expires_at");
  const auto listed = InvitationInListOk(admin.client, admin.org_id, r.str("id"));
  EXPECT_EQ(*ParseRfc3339(Str(listed, "expires_at")) - *ParseRfc3339(Str(listed, "created_at")),
            kWeek);
}

// ---------------------------------------------------------------------------------------------
// Resend
// ---------------------------------------------------------------------------------------------

TEST_F(InvitationApi, ResendIssuesAFreshTokenAndRestartsTheExpiry) {
  const auto inv = InviteOk(admin.client, admin.org_id, "pat@example.com", "pat", "ADMIN");
  const std::string id = Str(inv, "id");
  const std::string old_token = TokenFromUrl(Str(inv, "invite_url"));
  server.clock().Advance(hours(30));

  auto r = Resend(admin.client, admin.org_id, id);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto resent = Obj(r);
  EXPECT_EQ(Keys(resent), WithInviteUrl(kInvitationFields)) << r.body;
  EXPECT_EQ(Str(resent, "id"), id);
  EXPECT_EQ(Str(resent, "status"), "PENDING");
  EXPECT_EQ(Str(resent, "email"), "pat@example.com");
  EXPECT_EQ(Str(resent, "username"), "pat");
  EXPECT_EQ(Str(resent, "role"), "ADMIN");
  EXPECT_EQ(Str(resent, "created_at"), Str(inv, "created_at"));
  const auto now = Now();
  const auto expires = TimeOf(resent, "expires_at");
  EXPECT_GE(expires, now + kWeek - seconds(1)) << "expiry restarts at resend";
  EXPECT_LE(expires, now + kWeek + seconds(1));
  EXPECT_EQ(Str(resent, "email_delivery"), "DISABLED");
  const std::string new_token = TokenFromUrl(Str(resent, "invite_url"));
  ASSERT_FALSE(new_token.empty());
  EXPECT_NE(new_token, old_token);

  // The old link is gone; the new one works.
  ExpectProblem(LookupInvitation(server.port(), old_token), 404, "not_found", "old link");
  Client visitor(server.port());
  ExpectProblem(AcceptInvitation(visitor, old_token), 404, "not_found", "accept old link");
  auto lookup = LookupInvitation(server.port(), new_token);
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(lookup.str("status"), "PENDING");
  EXPECT_EQ(lookup.str("expires_at"), Str(resent, "expires_at"));
  EXPECT_EQ(InList(id), resent);
  auto member = AcceptOk(server, new_token);
  EXPECT_EQ(member.role, "ADMIN");
}

TEST_F(InvitationApi, ResendOfAnExpiredInvitationMakesItPendingAgain) {
  const auto inv = InviteOk(admin.client, admin.org_id, "pat@example.com", "pat");
  const std::string id = Str(inv, "id");
  const std::string old_token = TokenFromUrl(Str(inv, "invite_url"));
  server.clock().Advance(kWeek + hours(1));
  LoginOk(admin);
  ASSERT_EQ(Str(InList(id), "status"), "EXPIRED");

  auto r = Resend(admin.client, admin.org_id, id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.str("status"), "PENDING");
  const auto expires = *ParseRfc3339(r.str("expires_at"));
  EXPECT_GE(expires, Now() + kWeek - seconds(1));
  EXPECT_LE(expires, Now() + kWeek + seconds(1));
  EXPECT_EQ(Str(InList(id), "status"), "PENDING");
  ExpectProblem(LookupInvitation(server.port(), old_token), 404, "not_found");
  const std::string token = TokenFromUrl(r.str("invite_url"));
  EXPECT_EQ(LookupInvitation(server.port(), token).str("status"), "PENDING");
  // It holds its email and username again.
  ExpectProblem(Invite(admin.client, admin.org_id, "PAT@example.com", "other"), 409,
                "email_invited");
  ExpectProblem(Invite(admin.client, admin.org_id, "other@example.com", "PAT"), 409,
                "username_taken");
  EXPECT_EQ(AcceptOk(server, token).username, "pat");
}

TEST_F(InvitationApi, ResendOfARevokedOrAcceptedInvitationIs409) {
  const auto revoked = InviteOk(admin.client, admin.org_id, "rev@example.com", "rev");
  ASSERT_EQ(Revoke(admin.client, admin.org_id, Str(revoked, "id")).status, 200);
  ExpectProblem(Resend(admin.client, admin.org_id, Str(revoked, "id")), 409, "invitation_revoked");
  EXPECT_EQ(Str(InList(Str(revoked, "id")), "status"), "REVOKED");

  const auto accepted = InviteOk(admin.client, admin.org_id, "acc@example.com", "acc");
  AcceptOk(server, TokenFromUrl(Str(accepted, "invite_url")));
  ExpectProblem(Resend(admin.client, admin.org_id, Str(accepted, "id")), 409,
                "invitation_accepted");
  EXPECT_EQ(Str(InList(Str(accepted, "id")), "status"), "ACCEPTED");

  // Also once they would have expired.
  server.clock().Advance(kWeek + seconds(1));
  LoginOk(admin);
  ExpectProblem(Resend(admin.client, admin.org_id, Str(revoked, "id")), 409, "invitation_revoked");
  ExpectProblem(Resend(admin.client, admin.org_id, Str(accepted, "id")), 409,
                "invitation_accepted");
}

// ---------------------------------------------------------------------------------------------
// Revoke
// ---------------------------------------------------------------------------------------------

TEST_F(InvitationApi, RevokeIsIdempotentAndFreesEmailAndUsername) {
  const auto inv = InviteOk(admin.client, admin.org_id, "pat@example.com", "pat");
  const std::string id = Str(inv, "id");
  const std::string token = TokenFromUrl(Str(inv, "invite_url"));
  server.clock().Advance(minutes(5));

  auto r = Revoke(admin.client, admin.org_id, id);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto revoked = Obj(r);
  EXPECT_EQ(Keys(revoked), kInvitationFields) << "no invite_url for a revoked invitation";
  EXPECT_EQ(Str(revoked, "status"), "REVOKED");
  EXPECT_EQ(Str(revoked, "id"), id);
  const auto revoked_at = TimeOf(revoked, "revoked_at");
  EXPECT_GE(revoked_at, Now() - seconds(2));
  EXPECT_LE(revoked_at, Now() + seconds(1));
  EXPECT_TRUE(IsNull(revoked, "accepted_at"));
  EXPECT_EQ(InList(id), revoked);

  server.clock().Advance(minutes(5));
  auto again = Revoke(admin.client, admin.org_id, id);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.str("status"), "REVOKED");
  EXPECT_EQ(again.str("revoked_at"), Str(revoked, "revoked_at")) << "idempotent";

  // The link shows REVOKED and cannot be accepted.
  auto lookup = LookupInvitation(server.port(), token);
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(lookup.str("status"), "REVOKED");
  Client visitor(server.port());
  ExpectProblem(AcceptInvitation(visitor, token), 410, "invitation_revoked");
  EXPECT_TRUE(visitor.cookie("roster_session").empty());

  // Email and username are free again.
  const auto fresh = InviteOk(admin.client, admin.org_id, "PAT@example.com", "Pat");
  EXPECT_EQ(Str(fresh, "status"), "PENDING");
  EXPECT_EQ(Str(InList(id), "status"), "REVOKED");
  EXPECT_EQ(LookupInvitation(server.port(), token).str("status"), "REVOKED");
}

TEST_F(InvitationApi, RevokeOfAnAcceptedInvitationIs409) {
  const auto inv = InviteOk(admin.client, admin.org_id, "pat@example.com", "pat");
  AcceptOk(server, TokenFromUrl(Str(inv, "invite_url")));
  ExpectProblem(Revoke(admin.client, admin.org_id, Str(inv, "id")), 409, "invitation_accepted");
  const auto listed = InList(Str(inv, "id"));
  EXPECT_EQ(Str(listed, "status"), "ACCEPTED");
  EXPECT_TRUE(IsNull(listed, "revoked_at"));
}

// ---------------------------------------------------------------------------------------------
// Accept (public)
// ---------------------------------------------------------------------------------------------

TEST_F(InvitationApi, TheLinkDescribesTheInvitation) {
  const auto inv = InviteOk(admin.client, admin.org_id, "Pat.Doe@Example.ORG", "pat", "ADMIN");
  const std::string token = TokenFromUrl(Str(inv, "invite_url"));
  auto r = LookupInvitation(server.port(), token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json");
  const auto offer = Obj(r);
  EXPECT_EQ(Keys(offer), (std::vector<std::string>{"email", "expires_at", "organization", "role",
                                                   "status", "username"}))
      << r.body;
  EXPECT_EQ(Keys(ObjAt(offer, "organization")), std::vector<std::string>{"name"});
  EXPECT_EQ(Str(ObjAt(offer, "organization"), "name"), "Acme Corp");
  EXPECT_EQ(Str(offer, "email"), "Pat.Doe@example.org");
  EXPECT_EQ(Str(offer, "username"), "pat");
  EXPECT_EQ(Str(offer, "role"), "ADMIN");
  EXPECT_EQ(Str(offer, "status"), "PENDING");
  EXPECT_EQ(Str(offer, "expires_at"), Str(inv, "expires_at"));
  EXPECT_EQ(r.body.find(token), std::string::npos);

  for (const std::string& unknown :
       {std::string("x"), std::string(43, 'A'), token.substr(0, token.size() - 1),
        token + "A", std::string(200, 'b'), std::string(5000, 'c')}) {
    ExpectProblem(LookupInvitation(server.port(), unknown), 404, "not_found",
                  "token of length " + std::to_string(unknown.size()));
    Client visitor(server.port());
    ExpectProblem(AcceptInvitation(visitor, unknown), 404, "not_found",
                  "accept token of length " + std::to_string(unknown.size()));
  }
}

TEST_F(InvitationApi, AcceptCreatesTheMemberWithTheInvitedRoleAndStartsASession) {
  const auto inv = InviteOk(admin.client, admin.org_id, "Pat@Example.COM", "Pat", "ADMIN");
  const std::string token = TokenFromUrl(Str(inv, "invite_url"));
  server.clock().Advance(minutes(3));

  // A browser still holding someone else's session, sending no CSRF header: acceptance is not
  // cookie-authenticated and needs none.
  Client browser(server.port());
  browser.set_cookie("roster_session", "stale-session");
  browser.set_cookie("roster_csrf", "stale-csrf");
  browser.send_csrf = false;
  auto r = AcceptInvitation(browser, token, "a-good-password");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json");

  // Me.
  const auto me = Obj(r);
  EXPECT_EQ(Keys(me), (std::vector<std::string>{"mode", "organization", "user"}));
  EXPECT_EQ(Str(me, "mode"), "organization");
  const auto user = ObjAt(me, "user");
  EXPECT_EQ(Keys(user), (std::vector<std::string>{"created_at", "email", "email_verified", "id",
                                                  "username"}));  // email_verified: contract 1.1
  EXPECT_EQ(user.at("email_verified"), true) << "the invitation link came by mail";
  EXPECT_FALSE(Str(user, "id").empty());
  EXPECT_EQ(Str(user, "email"), "Pat@example.com");
  EXPECT_EQ(Str(user, "username"), "Pat");
  ASSERT_TRUE(ParseRfc3339(Str(user, "created_at")).has_value()) << r.body;
  const auto org = ObjAt(me, "organization");
  EXPECT_EQ(Keys(org), (std::vector<std::string>{"id", "name", "role"}));
  EXPECT_EQ(Str(org, "id"), admin.org_id);
  EXPECT_EQ(Str(org, "name"), "Acme Corp");
  EXPECT_EQ(Str(org, "role"), "ADMIN");

  // Session cookies.
  const std::string set_cookie = r.headers["set-cookie"];
  std::string session_line;
  std::string csrf_line;
  for (std::size_t pos = 0; pos <= set_cookie.size();) {
    const auto end = std::min(set_cookie.find('\n', pos), set_cookie.size());
    const std::string line = set_cookie.substr(pos, end - pos);
    if (line.rfind("roster_session=", 0) == 0) session_line = line;
    if (line.rfind("roster_csrf=", 0) == 0) csrf_line = line;
    pos = end + 1;
  }
  ASSERT_FALSE(session_line.empty()) << set_cookie;
  ASSERT_FALSE(csrf_line.empty()) << set_cookie;
  EXPECT_NE(session_line.find("HttpOnly"), std::string::npos) << session_line;
  EXPECT_NE(session_line.find("SameSite=Lax"), std::string::npos) << session_line;
  EXPECT_EQ(csrf_line.find("HttpOnly"), std::string::npos) << "readable by scripts: " << csrf_line;
  EXPECT_EQ(session_line.find("Secure"), std::string::npos) << "public URL is http";
  EXPECT_NE(browser.cookie("roster_session"), "stale-session");
  EXPECT_NE(browser.cookie("roster_csrf"), "stale-csrf");
  EXPECT_FALSE(browser.cookie("roster_csrf").empty());

  // The session works, and the new member has the invited role.
  browser.send_csrf = true;
  auto who = browser.Get(std::string(kPrefix) + "/me");
  ASSERT_EQ(who.status, 200) << who.body;
  EXPECT_EQ(Str(ObjAt(who.json, "user"), "id"), Str(user, "id"));
  EXPECT_EQ(Str(ObjAt(who.json, "organization"), "role"), "ADMIN");
  EXPECT_EQ(browser.Get(InvitationsPath()).status, 200) << "an ADMIN may list invitations";

  // Organization users: the member, ACTIVE, with the invited role.
  const auto members = ListAllOk(admin.client, OrgPath(admin.org_id, "/members"));
  const auto member = FindById(members, Str(user, "id"), "user_id");
  ASSERT_TRUE(member.has_value());
  EXPECT_EQ(Str(*member, "username"), "Pat");
  EXPECT_EQ(Str(*member, "email"), "Pat@example.com");
  EXPECT_EQ(Str(*member, "role"), "ADMIN");
  EXPECT_EQ(Str(*member, "status"), "ACTIVE");

  // The invitation reads ACCEPTED, with accepted_at, and holds no link any more.
  const auto listed = InList(Str(inv, "id"));
  EXPECT_EQ(Str(listed, "status"), "ACCEPTED");
  EXPECT_EQ(Keys(listed), kInvitationFields);
  const auto accepted_at = TimeOf(listed, "accepted_at");
  EXPECT_GE(accepted_at, Now() - seconds(2));
  EXPECT_TRUE(IsNull(listed, "revoked_at"));
  EXPECT_EQ(LookupInvitation(server.port(), token).str("status"), "ACCEPTED");

  // A second acceptance is refused.
  Client late(server.port());
  ExpectProblem(AcceptInvitation(late, token, "another-password"), 409, "invitation_accepted");
  EXPECT_TRUE(late.cookie("roster_session").empty());

  // Login with the invited email (any case) and the chosen password.
  Client login(server.port());
  auto in = Login(login, "pat@EXAMPLE.com", "a-good-password");
  ASSERT_EQ(in.status, 200) << in.body;
  EXPECT_EQ(Str(ObjAt(in.json, "organization"), "role"), "ADMIN");
  Client wrong(server.port());
  EXPECT_EQ(Login(wrong, "Pat@example.com", "another-password").status, 401);
}

TEST_F(InvitationApi, AcceptAsUserGivesTheUserRole) {
  const auto inv = InviteOk(admin.client, admin.org_id, "u@example.com", "plain", "USER");
  auto member = AcceptOk(server, TokenFromUrl(Str(inv, "invite_url")));
  EXPECT_EQ(member.role, "USER");
  EXPECT_EQ(member.org_id, admin.org_id);
  ExpectProblem(member.client.Get(InvitationsPath()), 403, "admin_required");
  const auto m = FindById(ListAllOk(admin.client, OrgPath(admin.org_id, "/members")),
                          member.user_id, "user_id");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(Str(*m, "role"), "USER");
  EXPECT_EQ(Str(*m, "status"), "ACTIVE");
}

TEST_F(InvitationApi, AcceptChecksThePasswordLengthInCharacters) {
  const auto inv = InviteOk(admin.client, admin.org_id, "pw@example.com", "pwd");
  const std::string token = TokenFromUrl(Str(inv, "invite_url"));
  std::string seven_umlauts;
  for (int i = 0; i < 7; ++i) seven_umlauts += "\xC3\xA4";  // 7 characters, 14 bytes
  for (const std::string& bad : {std::string(), std::string("short12"), seven_umlauts,
                                std::string(257, 'x')}) {
    Client visitor(server.port());
    auto r = AcceptInvitation(visitor, token, bad);
    ExpectValidation(r, "password", "password of " + std::to_string(bad.size()) + " bytes");
    EXPECT_TRUE(visitor.cookie("roster_session").empty());
  }
  const std::string path = std::string(kPrefix) + "/invitations/" + token + "/accept";
  Client visitor(server.port());
  ExpectValidation(visitor.Post(path, json::object{}), "password", "missing password");
  ExpectValidation(visitor.Post(path, json::object{{"password", 12345678}}), "password",
                   "numeric password");
  ExpectValidation(visitor.Post(path, json::object{{"password", nullptr}}), "password",
                   "null password");
  ExpectProblem(visitor.Request("POST", path, std::string("{\"password\":")), 400, "invalid_json");
  ExpectProblem(visitor.Request("POST", path, std::string()), 400, "invalid_json");
  EXPECT_EQ(LookupInvitation(server.port(), token).str("status"), "PENDING");

  // 256 characters of two bytes each are within the limit.
  std::string long_ok;
  for (int i = 0; i < 256; ++i) long_ok += "\xC3\xA9";
  AcceptOk(server, token, long_ok);
  Client login(server.port());
  EXPECT_EQ(Login(login, "pw@example.com", long_ok).status, 200);
}

TEST_F(InvitationApi, ExactlyEightCharactersIsALongEnoughPassword) {
  const auto inv = InviteOk(admin.client, admin.org_id, "eight@example.com", "eight");
  AcceptOk(server, TokenFromUrl(Str(inv, "invite_url")), "12345678");
  Client login(server.port());
  EXPECT_EQ(Login(login, "eight@example.com", "12345678").status, 200);
}

TEST_F(InvitationApi, TwoSimultaneousAcceptsOfOneLinkYieldExactlyOneMember) {
  const auto inv = InviteOk(admin.client, admin.org_id, "twin@example.com", "twin");
  const std::string token = TokenFromUrl(Str(inv, "invite_url"));
  std::vector<HttpResult> results(2);
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      Client client(server.port());
      ++ready;
      while (!go) std::this_thread::yield();
      try {
        results[static_cast<std::size_t>(i)] =
            AcceptInvitation(client, token, "password-" + std::to_string(i));
      } catch (const std::exception& e) {
        results[static_cast<std::size_t>(i)].body = e.what();
      }
    });
  }
  while (ready < 2) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();

  int created = 0;
  for (const auto& r : results) {
    if (r.status == 201) {
      ++created;
    } else {
      EXPECT_EQ(r.status, 409) << r.body;
      EXPECT_EQ(r.code(), "invitation_accepted") << r.body;
    }
  }
  EXPECT_EQ(created, 1);
  int twins = 0;
  for (const auto& m : ListAllOk(admin.client, OrgPath(admin.org_id, "/members"))) {
    if (Str(m, "username") == "twin") ++twins;
  }
  EXPECT_EQ(twins, 1);
}

TEST_F(InvitationApi, AcceptIsRefusedWhenTheEmailRegisteredMeanwhile) {
  const auto inv = InviteOk(admin.client, admin.org_id, "taken@example.com", "taken");
  SignupOk(server, "self-made", "TAKEN@example.com");
  Client visitor(server.port());
  ExpectProblem(AcceptInvitation(visitor, TokenFromUrl(Str(inv, "invite_url"))), 409,
                "email_registered");
  EXPECT_TRUE(visitor.cookie("roster_session").empty());
  EXPECT_EQ(Str(InList(Str(inv, "id")), "status"), "PENDING");
}

// ---------------------------------------------------------------------------------------------
// Audit trail
// ---------------------------------------------------------------------------------------------

TEST_F(InvitationApi, LifecycleActionsAreAuditedNewestFirst) {
  const auto a = InviteOk(admin.client, admin.org_id, "a@example.com", "aaa");
  server.clock().Advance(seconds(1));
  const auto b = InviteOk(admin.client, admin.org_id, "b@example.com", "bbb");
  server.clock().Advance(seconds(1));
  auto resent = Resend(admin.client, admin.org_id, Str(a, "id"));
  ASSERT_EQ(resent.status, 200) << resent.body;
  server.clock().Advance(seconds(1));
  ASSERT_EQ(Revoke(admin.client, admin.org_id, Str(b, "id")).status, 200);
  ASSERT_EQ(Revoke(admin.client, admin.org_id, Str(b, "id")).status, 200);  // changes nothing
  server.clock().Advance(seconds(1));
  auto member = AcceptOk(server, TokenFromUrl(resent.str("invite_url")));

  const auto events = ListAllOk(admin.client, OrgPath(admin.org_id, "/audit-events"));
  std::vector<json::object> invitation_events;
  for (const auto& e : events) {
    if (Str(e, "action").rfind("invitation.", 0) == 0) invitation_events.push_back(e);
  }
  struct Expected {
    std::string action;
    std::string target_id;
    std::string actor_id;
    std::string actor_name;
  };
  const std::vector<Expected> expected = {
      {"invitation.accepted", Str(a, "id"), member.user_id, "aaa"},
      {"invitation.revoked", Str(b, "id"), admin.user_id, "boss"},
      {"invitation.resent", Str(a, "id"), admin.user_id, "boss"},
      {"invitation.created", Str(b, "id"), admin.user_id, "boss"},
      {"invitation.created", Str(a, "id"), admin.user_id, "boss"},
  };
  ASSERT_EQ(invitation_events.size(), expected.size());
  std::optional<std::chrono::sys_seconds> previous;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& e = invitation_events[i];
    SCOPED_TRACE(json::serialize(e));
    EXPECT_EQ(Str(e, "action"), expected[i].action);
    EXPECT_FALSE(Str(e, "id").empty());
    const auto at = ParseRfc3339(Str(e, "at"));
    ASSERT_TRUE(at.has_value());
    if (previous) {
      EXPECT_LE(*at, *previous) << "newest first";
    }
    previous = at;
    const auto actor = ObjAt(e, "actor");
    EXPECT_EQ(Str(actor, "user_id"), expected[i].actor_id);
    EXPECT_EQ(Str(actor, "username"), expected[i].actor_name);
    const auto target = ObjAt(e, "target");
    EXPECT_EQ(Str(target, "type"), "invitation");
    EXPECT_EQ(Str(target, "id"), expected[i].target_id);
  }
  // The newest event of all is the acceptance.
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(Str(events.front(), "action"), "invitation.accepted");
}

// ---------------------------------------------------------------------------------------------
// The raw token stays out of every response but invite_url
// ---------------------------------------------------------------------------------------------

TEST_F(InvitationApi, TheTokenAppearsOnlyInInviteUrl) {
  const auto inv = InviteOk(admin.client, admin.org_id, "pat@example.com", "pat");
  const std::string token = TokenFromUrl(Str(inv, "invite_url"));
  const auto without_url = [&](const json::value& v) {
    json::value copy = v;
    const std::function<void(json::value&)> strip = [&](json::value& x) {
      if (x.is_object()) {
        x.as_object().erase("invite_url");
        for (auto& kv : x.as_object()) strip(kv.value());
      } else if (x.is_array()) {
        for (auto& y : x.as_array()) strip(y);
      }
    };
    strip(copy);
    return json::serialize(copy);
  };
  const auto check = [&](const HttpResult& r, const std::string& what) {
    EXPECT_EQ(without_url(r.json).find(token), std::string::npos) << what << ": " << r.body;
  };
  check(admin.client.Get(InvitationsPath()), "list");
  check(admin.client.Get(OrgPath(admin.org_id, "/audit-events")), "audit");
  check(LookupInvitation(server.port(), token), "lookup");
  Client visitor(server.port());
  auto accepted = AcceptInvitation(visitor, token);
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_EQ(accepted.body.find(token), std::string::npos);
  auto after = admin.client.Get(InvitationsPath());
  EXPECT_EQ(after.body.find(token), std::string::npos) << "accepted: no invite_url " << after.body;
  EXPECT_EQ(admin.client.Get(OrgPath(admin.org_id, "/audit-events")).body.find(token),
            std::string::npos);
  EXPECT_EQ(visitor.Get(std::string(kPrefix) + "/me").body.find(token), std::string::npos);
}

}  // namespace
}  // namespace roster::testing
