// The authorization, userinfo and end-session endpoints with bad input: a page when the client
// or redirect URI cannot be trusted, an error sent back to the redirect URI otherwise, 401
// invalid_token at userinfo; never a 500.
#include <gtest/gtest.h>

#include "instance.hpp"
#include "oidc_support.hpp"

namespace roster::testing::oidc {
namespace {

using api::Expect;

// An HTML error page: `status`, no Location.
void ExpectPage(const HttpResult& r, int status, const std::string& what) {
  EXPECT_EQ(r.status, status) << what << ": " << r.body;
  EXPECT_EQ(r.headers.count("location"), 0u) << what;
  EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type").rfind("text/html", 0) : 1, 0u)
      << what;
}

// A redirect to the registered URI with `error`, the state and iss.
void ExpectBack(const HttpResult& r, const std::string& error, const std::string& what) {
  ASSERT_EQ(r.status, 302) << what << ": " << r.body;
  const auto& location = r.headers.at("location");
  EXPECT_EQ(location.rfind(std::string(kCallback) + "?", 0), 0u) << what << ": " << location;
  auto q = QueryOf(location);
  EXPECT_EQ(q["error"], error) << what << ": " << location;
  EXPECT_FALSE(q["error_description"].empty()) << what;
  EXPECT_EQ(q["state"], "st") << what;
  EXPECT_EQ(q["iss"], "http://roster.test") << what;
  EXPECT_TRUE(q["code"].empty()) << what;
}

TEST(OidcAuthorizeErrors, UntrustedClientOrRedirectGetsAPageNeverARedirect) {
  TestServer server;
  OidcWorld w(server);
  auto& c = w.member.client;
  const auto& id = w.confidential.client_id;
  ExpectPage(c.Get(w.AuthorizeTarget("unknown")), 400, "unknown client");
  ExpectPage(c.Get(w.AuthorizeTarget(id, {{"client_id", ""}})), 400, "no client_id");
  ExpectPage(c.Get(w.AuthorizeTarget(id, {{"redirect_uri", ""}})), 400, "no redirect_uri");
  for (const char* uri : {"http://evil.test/callback", "https://rp.test/callback/", "https://RP.test/callback",
                          "https://rp.test/callback?x=1", "http://rp.test/callback"}) {
    ExpectPage(c.Get(w.AuthorizeTarget(id, {{"redirect_uri", uri}})), 400, uri);
  }
  // A repeated parameter: which redirect_uri was meant is unknown.
  ExpectPage(c.Get(w.AuthorizeTarget(id) + "&redirect_uri=http%3A%2F%2Fevil.test%2F"), 400,
             "a repeated redirect_uri");
  ExpectPage(c.Get(w.AuthorizeTarget(id) + "&client_id=" + id), 400, "a repeated client_id");
  ExpectPage(c.Get(w.AuthorizeTarget(id) + "&state=again"), 400, "a repeated state");
  ExpectPage(c.Request("PUT", w.AuthorizeTarget(id)), 405, "PUT");
  // POST (Core 1.0 3.1.2.1) takes the parameters as a form body, under the same rules.
  const auto target = w.AuthorizeTarget(id);
  const std::string form = target.substr(target.find('?') + 1);
  const std::map<std::string, std::string> form_type{
      {"Content-Type", "application/x-www-form-urlencoded"}};
  const auto posted = c.Request("POST", "/oauth/authorize", form, form_type);
  ASSERT_EQ(posted.status, 302) << posted.body;
  EXPECT_FALSE(QueryOf(posted.headers.at("location"))["code"].empty());
  ExpectPage(c.Request("POST", "/oauth/authorize", form + "&state=again", form_type), 400,
             "a repeated form parameter");
  ExpectPage(c.Request("POST", "/oauth/authorize", form), 400, "a JSON content type");
}

TEST(OidcAuthorizeErrors, BadRequestsGoBackToTheRedirectUri) {
  TestServer server;
  OidcWorld w(server);
  auto& c = w.member.client;
  const auto& id = w.confidential.client_id;
  ExpectBack(c.Get(w.AuthorizeTarget(id, {{"response_type", "token"}})),
             "unsupported_response_type", "response_type=token");
  ExpectBack(c.Get(w.AuthorizeTarget(id, {{"response_type", "code id_token"}})),
             "unsupported_response_type", "hybrid");
  ExpectBack(c.Get(w.AuthorizeTarget(id, {{"response_type", ""}})), "invalid_request",
             "no response_type");
  ExpectBack(c.Get(w.AuthorizeTarget(id, {{"scope", "profile"}})), "invalid_scope",
             "no openid scope");
  ExpectBack(c.Get(w.AuthorizeTarget(id, {{"code_challenge_method", "plain"}})),
             "invalid_request", "plain PKCE");
  ExpectBack(c.Get(w.AuthorizeTarget(id, {{"code_challenge_method", ""}})), "invalid_request",
             "a challenge without method");
  ExpectBack(c.Get(w.AuthorizeTarget(id, {{"code_challenge", "short"}})), "invalid_request",
             "a short challenge");
  ExpectBack(c.Get(w.AuthorizeTarget(w.public_client.client_id,
                                     {{"code_challenge", ""}, {"code_challenge_method", ""}})),
             "invalid_request", "a public client without PKCE");
  ExpectBack(c.Get(w.AuthorizeTarget(id, {{"prompt", "none login"}})), "invalid_request",
             "prompt=none with login");
  for (const char* age : {"abc", "-1", "1.5", "99999999999999999999"}) {
    ExpectBack(c.Get(w.AuthorizeTarget(id, {{"max_age", age}})), "invalid_request", age);
  }
  ExpectBack(c.Get(w.AuthorizeTarget(id, {{"nonce", std::string(600, 'n')}})), "invalid_request",
             "a long nonce");
}

TEST(OidcAuthorizeErrors, AHugeMaxAgeMeansNoLimit) {
  TestServer server;
  OidcWorld w(server);
  const auto r = w.member.client.Get(
      w.AuthorizeTarget(w.confidential.client_id, {{"max_age", "9223372036854775807"}}));
  ASSERT_EQ(r.status, 302) << r.body;
  EXPECT_FALSE(QueryOf(r.headers.at("location"))["code"].empty());
}

TEST(OidcAuthorizeErrors, PromptNoneAndStaleSignIns) {
  TestServer server;
  OidcWorld w(server);
  const auto& id = w.confidential.client_id;
  Client stranger(server.port());
  ExpectBack(stranger.Get(w.AuthorizeTarget(id, {{"prompt", "none"}})), "login_required",
             "prompt=none, not signed in");
  server.clock().Advance(std::chrono::seconds(120));
  ExpectBack(w.member.client.Get(w.AuthorizeTarget(id, {{"prompt", "none"}, {"max_age", "60"}})),
             "login_required", "prompt=none with a sign-in older than max_age");
  const auto login = w.member.client.Get(w.AuthorizeTarget(id, {{"max_age", "60"}}));
  ASSERT_EQ(login.status, 302);
  EXPECT_EQ(login.headers.at("location").rfind("/login?return_to=/oauth/authorize?", 0), 0u)
      << login.headers.at("location");
}

TEST(OidcAuthorizeErrors, UserinfoRefusesEveryMalformedBearer) {
  TestServer server;
  OidcWorld w(server);
  const auto tokens = w.Exchange(w.CodeOk(w.member, w.confidential.client_id));
  const auto access = api::Str(tokens.json, "access_token");
  const auto id_token = api::Str(tokens.json, "id_token");
  Client c(server.port());
  auto userinfo = [&](const std::string& authorization) {
    return c.Request("GET", "/oauth/userinfo", std::nullopt, {{"Authorization", authorization}});
  };
  const auto dot = access.find('.');
  const std::string header_none = "eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0";  // alg none
  for (const std::string& bad :
       {std::string("Bearer "), std::string("Bearer x"), std::string("Bearer a.b.c"),
        std::string("Bearer ..."), std::string("Bearer ") + std::string(12000, 'A'),
        "Bearer " + id_token, "Bearer " + access + "x", "Bearer " + access + ".extra",
        "Bearer " + header_none + access.substr(dot), "Bearer " + header_none + access.substr(dot, access.rfind('.') - dot + 1),
        std::string("Bearer e30.e30.e30"), std::string("Bearer %%%.%%%.%%%"),
        std::string("Basic ") + "YTpi", std::string("bearer ") + access, std::string("Token ") + access}) {
    const auto r = userinfo(bad);
    ExpectOAuthError(r, 401, "invalid_token", bad.substr(0, 60));
    EXPECT_EQ(r.headers.count("www-authenticate") ? r.headers.at("www-authenticate").rfind("Bearer", 0) : 1, 0u)
        << bad.substr(0, 60);
  }
  ExpectOAuthError(c.Get("/oauth/userinfo"), 401, "invalid_token", "no Authorization");
  const auto ok = userinfo("Bearer " + access);
  Expect(ok, 200, "userinfo");
  EXPECT_EQ(api::Str(ok.json, "sub"), w.member.user_id);
  server.clock().Advance(std::chrono::minutes(6));
  ExpectOAuthError(userinfo("Bearer " + access), 401, "invalid_token", "an expired access token");
}

TEST(OidcAuthorizeErrors, EndSessionRefusesWithoutEndingTheSession) {
  TestServer server;
  OidcWorld w(server);
  const auto tokens = w.Exchange(w.CodeOk(w.member, w.confidential.client_id));
  const auto id_token = api::Str(tokens.json, "id_token");
  auto& c = w.member.client;
  auto logout = [&](const Params& params) { return c.Get(WithQuery("/oauth/logout", params)); };
  ExpectPage(logout({}), 400, "no hint");
  ExpectPage(logout({{"id_token_hint", "x.y.z"}}), 400, "a malformed hint");
  ExpectPage(logout({{"id_token_hint", api::Str(tokens.json, "access_token")}}), 400,
             "an access token as hint");
  ExpectPage(logout({{"id_token_hint", id_token}, {"post_logout_redirect_uri", "http://evil.test/"}}),
             400, "an unregistered target");
  ExpectPage(logout({{"id_token_hint", id_token}, {"client_id", w.public_client.client_id},
                     {"post_logout_redirect_uri", kLoggedOut}}),
             400, "another client's id");
  ExpectPage(c.Get(WithQuery("/oauth/logout", {{"id_token_hint", id_token},
                                               {"post_logout_redirect_uri", kLoggedOut}}) +
                   "&post_logout_redirect_uri=http%3A%2F%2Fevil.test%2F"),
             400, "a repeated target");
  Expect(c.Get("/api/v1/me"), 200, "still signed in after the refusals");
  const auto ok = logout({{"id_token_hint", id_token}, {"post_logout_redirect_uri", kLoggedOut},
                          {"state", "bye"}});
  ASSERT_EQ(ok.status, 302) << ok.body;
  EXPECT_EQ(ok.headers.at("location"), std::string(kLoggedOut) + "?state=bye");
  Expect(c.Get("/api/v1/me"), 401, "signed out");
}

TEST(OidcAuthorizeErrors, DiscoveryAndJwksAreJson) {
  TestServer server;
  Client c(server.port());
  const auto discovery = c.Get("/.well-known/openid-configuration");
  Expect(discovery, 200, "discovery");
  EXPECT_EQ(api::Str(discovery.json, "issuer"), "http://roster.test");
  const auto jwks = c.Get("/oauth/jwks");
  Expect(jwks, 200, "jwks");
  ASSERT_TRUE(jwks.json.is_object());
  const auto& keys = jwks.json.as_object().at("keys").as_array();
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_FALSE(keys[0].as_object().contains("d")) << "no private part";
}

}  // namespace
}  // namespace roster::testing::oidc
