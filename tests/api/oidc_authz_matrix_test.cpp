// The authorization matrix of the OpenID Connect endpoints (they are not in the JSON API's route
// table, see authz_matrix_test.cpp): every endpoint x every kind of caller, where a caller
// brings what it has (its session cookie; the code and tokens it could get for an application
// of the ADMIN's organization). A discovery endpoint without a row fails this test.
#include <gtest/gtest.h>

#include <array>
#include <map>

#include "app/security.hpp"
#include "instance.hpp"
#include "oidc_support.hpp"
#include "scenario.hpp"

namespace roster::testing::oidc {
namespace {

using namespace scenario;  // NOLINT(google-build-using-namespace)

enum Caller { kAnonymous, kPersonal, kUser, kOtherAdmin, kRemoved, kAdmin, kCallerCount };
constexpr const char* kCallerNames[] = {"anonymous", "personal", "USER", "other org ADMIN",
                                        "removed member", "ADMIN"};

// Expected outcome per caller: the status, and for a redirect where it goes ("302 code",
// "302 login", "302 logged-out").
using Row = std::array<std::string, kCallerCount>;
const std::vector<std::pair<std::string, Row>> kMatrix = {
    {"GET /.well-known/openid-configuration", {"200", "200", "200", "200", "200", "200"}},
    {"GET /oauth/jwks", {"200", "200", "200", "200", "200", "200"}},
    // Non-members, other organizations: the refusal page; the removed member's session ended.
    {"GET /oauth/authorize", {"302 login", "403", "302 code", "403", "302 login", "302 code"}},
    // The code the caller got (the removed member's was issued before the removal).
    {"POST /oauth/token code", {"400", "400", "200", "400", "400", "200"}},
    {"GET /oauth/userinfo", {"401", "401", "200", "401", "401", "200"}},
    {"POST /oauth/token refresh", {"400", "400", "200", "400", "400", "200"}},
    {"POST /oauth/revoke", {"200", "200", "200", "200", "200", "200"}},
    // With the caller's ID token as hint; without one the request is refused.
    {"GET /oauth/logout", {"400", "400", "302 logged-out", "400", "302 logged-out", "302 logged-out"}},
};

struct CallerState {
  std::unique_ptr<Client> client;
  std::string code, access_token, refresh_token, id_token;
};

class OidcMatrix : public ::testing::Test {
 protected:
  void SetUp() override {
    auto [admin, org_id] = AdminWithOrg(server_, "admin", "Acme");
    org_id_ = org_id;
    admin_ = std::move(admin.client);
    app_ = app::Clients(server_.instance().context())
               .CreateForOrgName("Acme", {"Acme app", {kCallback}, {kLoggedOut}, false, false});
    callers_[kAnonymous].client = std::make_unique<Client>(server_.port());
    callers_[kPersonal].client = std::move(Signup(server_, "pers").client);
    callers_[kUser].client = std::move(AddMember(server_, *admin_, org_id_, "user").client);
    callers_[kOtherAdmin].client = std::move(AdminWithOrg(server_, "other", "Other").first.client);
    callers_[kAdmin].client = std::move(admin_);
    admin_ = std::make_unique<Client>(server_.port());
    EXPECT_EQ(admin_->Post("/api/v1/auth/login",
                           {{"email", "admin@example.com"}, {"password", "password-123"}}).status,
              200);
    // The removed member signed in to the application, and held one more code, before removal.
    auto removed = AddMember(server_, *admin_, org_id_, "gone");
    callers_[kRemoved].client = std::move(removed.client);
    auto& gone = callers_[kRemoved];
    gone.code = CodeOf(gone.client->Get(AuthorizeTarget()));
    TakeTokens(gone, Exchange(gone.code));
    gone.code = CodeOf(gone.client->Get(AuthorizeTarget()));
    EXPECT_EQ(admin_->Delete(MemberPath(org_id_, removed.user_id)).status, 200);
  }

  std::string AuthorizeTarget() const {
    return WithQuery("/oauth/authorize", {{"client_id", app_.client_id},
                                          {"redirect_uri", kCallback},
                                          {"response_type", "code"},
                                          {"scope", "openid offline_access"},
                                          {"code_challenge", app::PkceS256(kVerifier)},
                                          {"code_challenge_method", "S256"}});
  }

  static std::string CodeOf(const HttpResult& r) {
    return r.status == 302 ? QueryOf(r.headers.at("location"))["code"] : std::string();
  }

  HttpResult Form(const std::string& path, const Params& fields) {
    auto headers = BasicHeader(app_.client_id, *app_.client_secret);
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    return Client(server_.port()).Request("POST", path, FormEncode(fields), headers);
  }

  HttpResult Exchange(const std::string& code) {
    return Form("/oauth/token", {{"grant_type", "authorization_code"},
                                 {"code", code.empty() ? "no-code" : code},
                                 {"redirect_uri", kCallback},
                                 {"code_verifier", kVerifier}});
  }

  static void TakeTokens(CallerState& c, const HttpResult& r) {
    if (r.status != 200) return;
    c.access_token = Str(r.json, "access_token");
    c.refresh_token = Str(r.json, "refresh_token");
    c.id_token = Str(r.json, "id_token");
  }

  // Runs row `key` as `caller`; the outcome as the matrix spells it.
  std::string Run(const std::string& key, CallerState& c) {
    HttpResult r;
    if (key == "GET /oauth/authorize") {
      r = c.client->Get(AuthorizeTarget());
      if (r.status == 302 && c.code.empty()) c.code = CodeOf(r);
    } else if (key == "POST /oauth/token code") {
      r = Exchange(c.code);
      TakeTokens(c, r);
    } else if (key == "GET /oauth/userinfo") {
      Client bearer(server_.port());
      bearer.bearer = c.access_token.empty() ? "none" : c.access_token;
      r = bearer.Get("/oauth/userinfo");
    } else if (key == "POST /oauth/token refresh") {
      r = Form("/oauth/token", {{"grant_type", "refresh_token"},
                                {"refresh_token", c.refresh_token.empty() ? "none" : c.refresh_token}});
      if (r.status == 200) c.refresh_token = Str(r.json, "refresh_token");
    } else if (key == "POST /oauth/revoke") {
      r = Form("/oauth/revoke", {{"token", c.refresh_token.empty() ? "none" : c.refresh_token}});
    } else if (key == "GET /oauth/logout") {
      Params params{{"post_logout_redirect_uri", kLoggedOut}};
      if (!c.id_token.empty()) params["id_token_hint"] = c.id_token;
      r = c.client->Get(WithQuery("/oauth/logout", params));
    } else {
      r = c.client->Get(key.substr(4));
    }
    std::string outcome = std::to_string(r.status);
    if (r.status == 302) {
      const auto& location = r.headers.at("location");
      outcome += location.starts_with("/login?") ? " login"
                 : location.starts_with(kLoggedOut) ? " logged-out"
                 : !CodeOf(r).empty()               ? " code"
                                                    : " " + location;
    }
    return outcome;
  }

  TestServer server_;
  std::string org_id_;
  std::unique_ptr<Client> admin_;
  app::CreatedClient app_;
  std::array<CallerState, kCallerCount> callers_;
};

TEST_F(OidcMatrix, EveryDiscoveredEndpointHasARow) {
  const auto discovery = callers_[kAnonymous].client->Get("/.well-known/openid-configuration");
  ASSERT_EQ(discovery.status, 200);
  for (const auto& [key, value] : discovery.json.as_object()) {
    if (!key.ends_with("_endpoint") && key != "jwks_uri") continue;
    const std::string path = std::string(value.as_string()).substr(std::string("http://roster.test").size());
    const bool listed = std::any_of(kMatrix.begin(), kMatrix.end(), [&](const auto& row) {
      return row.first.find(" " + path) != std::string::npos;
    });
    EXPECT_TRUE(listed) << "an OIDC endpoint without a row: " << key << " " << path;
  }
}

TEST_F(OidcMatrix, EveryEndpointTimesEveryCaller) {
  for (const auto& [key, row] : kMatrix) {
    for (int caller = 0; caller < kCallerCount; ++caller) {
      EXPECT_EQ(Run(key, callers_[caller]), row[caller]) << key << " as " << kCallerNames[caller];
    }
  }
}

}  // namespace
}  // namespace roster::testing::oidc
