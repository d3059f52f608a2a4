// The token and revocation endpoints: every bad input is an RFC 6749 JSON error (400
// invalid_request / invalid_grant / unsupported_grant_type, 401 invalid_client with
// WWW-Authenticate), never a 500 or problem+json.
#include <gtest/gtest.h>

#include "instance.hpp"
#include "oidc_support.hpp"

namespace roster::testing::oidc {
namespace {

using api::Expect;

const std::string kToken = "/oauth/token";
const std::string kForm = "application/x-www-form-urlencoded";

TEST(OidcTokenErrors, TheHappyExchangeWorks) {
  TestServer server;
  OidcWorld w(server);
  const auto r = w.Exchange(w.CodeOk(w.member, w.confidential.client_id));
  Expect(r, 200, "exchange");
  EXPECT_EQ(api::Str(r.json, "token_type"), "Bearer");
  EXPECT_FALSE(api::Str(r.json, "refresh_token").empty());
  EXPECT_EQ(r.headers.at("cache-control"), "no-store");
}

TEST(OidcTokenErrors, MalformedRequestsAreInvalidRequest) {
  TestServer server;
  OidcWorld w(server);
  const auto basic = w.Basic(w.confidential);
  const std::string code = w.CodeOk(w.member, w.confidential.client_id);
  const std::string good = FormEncode({{"grant_type", "authorization_code"}, {"code", code},
                                       {"redirect_uri", kCallback}, {"code_verifier", kVerifier}});
  Client c(server.port());
  auto with = [&](std::map<std::string, std::string> headers) {
    headers.insert(basic.begin(), basic.end());
    return headers;
  };
  ExpectOAuthError(c.Request("POST", kToken, good, with({{"Content-Type", "application/json"}})),
                   400, "invalid_request", "JSON content type");
  ExpectOAuthError(c.Request("POST", kToken, good, with({{"Content-Type", "text/plain"}})), 400,
                   "invalid_request", "text/plain");
  ExpectOAuthError(c.Request("POST", kToken, good + "&grant_type=authorization_code",
                             with({{"Content-Type", kForm}})),
                   400, "invalid_request", "a repeated parameter");
  ExpectOAuthError(c.Request("POST", kToken, good + "&x=%zz", with({{"Content-Type", kForm}})),
                   400, "invalid_request", "bad percent-encoding");
  ExpectOAuthError(c.Request("POST", kToken, good + "&pad=" + std::string(17 * 1024, 'a'),
                             with({{"Content-Type", kForm}})),
                   400, "invalid_request", "a form over 16 KiB");
  ExpectOAuthError(c.Request("GET", kToken + "?" + good, std::nullopt, basic), 405,
                   "invalid_request", "GET");
  ExpectOAuthError(w.Form(kToken, {{"code", code}}, basic), 400, "invalid_request",
                   "no grant_type");
  ExpectOAuthError(w.Form(kToken, {{"grant_type", "authorization_code"}}, basic), 400,
                   "invalid_request", "no code");
  ExpectOAuthError(w.Form(kToken, {{"grant_type", "refresh_token"}}, basic), 400,
                   "invalid_request", "no refresh_token");
  // None of these spent the code; media type parameters and letter case do not matter.
  Expect(c.Request("POST", kToken, good,
                   with({{"Content-Type", "Application/X-WWW-Form-Urlencoded ; charset=UTF-8"}})),
         200, "the code still works");
}

TEST(OidcTokenErrors, UnsupportedGrantTypes) {
  TestServer server;
  OidcWorld w(server);
  for (const char* grant : {"password", "client_credentials", "implicit", "AUTHORIZATION_CODE"}) {
    ExpectOAuthError(w.Form(kToken, {{"grant_type", grant}}, w.Basic(w.confidential)), 400,
                     "unsupported_grant_type", grant);
  }
}

TEST(OidcTokenErrors, ClientAuthenticationFailuresAreInvalidClient401) {
  TestServer server;
  OidcWorld w(server);
  const auto& id = w.confidential.client_id;
  const auto& secret = *w.confidential.client_secret;
  const Params grant{{"grant_type", "refresh_token"}, {"refresh_token", "x"}};
  auto expect_basic = [&](const std::map<std::string, std::string>& headers, const char* what) {
    const auto r = w.Form(kToken, grant, headers);
    ExpectOAuthError(r, 401, "invalid_client", what);
    EXPECT_EQ(r.headers.count("www-authenticate") ? r.headers.at("www-authenticate") : "",
              "Basic realm=\"roster\"")
        << what;
  };
  expect_basic(BasicHeader(id, "wrong"), "wrong secret");
  expect_basic(BasicHeader("unknown-client", secret), "unknown client");
  expect_basic(BasicHeader("", ""), "empty credentials");
  expect_basic(BasicHeader(std::string(300, 'c'), secret), "an oversized client_id");
  expect_basic({{"Authorization", "Basic !!!not-base64!!!"}}, "not base64");
  expect_basic({{"Authorization", "Basic bm9jb2xvbg=="}}, "no colon");
  expect_basic(BasicHeader(id, "%zz"), "bad percent-encoding");
  auto both = grant;
  both["client_secret"] = secret;
  ExpectOAuthError(w.Form(kToken, both, BasicHeader(id, secret)), 401, "invalid_client",
                   "two authentication methods");
  auto post = grant;
  ExpectOAuthError(w.Form(kToken, post), 401, "invalid_client", "no client at all");
  post["client_id"] = id;
  ExpectOAuthError(w.Form(kToken, post), 401, "invalid_client", "a confidential client without secret");
  post["client_secret"] = "wrong";
  ExpectOAuthError(w.Form(kToken, post), 401, "invalid_client", "client_secret_post, wrong");
  auto pub = grant;
  pub["client_id"] = w.public_client.client_id;
  pub["client_secret"] = "anything";
  ExpectOAuthError(w.Form(kToken, pub), 401, "invalid_client", "a public client with a secret");
}

TEST(OidcTokenErrors, BadCodesAndVerifiersAreInvalidGrant) {
  TestServer server;
  OidcWorld w(server);
  auto code = [&] { return w.CodeOk(w.member, w.confidential.client_id); };
  ExpectOAuthError(w.Exchange("no-such-code"), 400, "invalid_grant", "unknown code");
  ExpectOAuthError(w.Exchange(code(), {{"code_verifier", std::string(43, 'a')}}), 400,
                   "invalid_grant", "a wrong verifier");
  ExpectOAuthError(w.Exchange(code(), {{"code_verifier", "short"}}), 400, "invalid_grant",
                   "a short verifier");
  ExpectOAuthError(w.Exchange(code(), {{"code_verifier", std::string(129, 'a')}}), 400,
                   "invalid_grant", "a long verifier");
  ExpectOAuthError(w.Exchange(code(), {{"code_verifier", ""}}), 400, "invalid_grant",
                   "no verifier");
  ExpectOAuthError(w.Exchange(code(), {{"redirect_uri", "https://rp.test/other"}}), 400,
                   "invalid_grant", "another redirect_uri");
  ExpectOAuthError(w.Exchange(code(), {{"redirect_uri", ""}}), 400, "invalid_grant",
                   "no redirect_uri");
  // A code of one client presented by another.
  const auto theirs = w.CodeOk(w.member, w.public_client.client_id);
  ExpectOAuthError(w.Exchange(theirs), 400, "invalid_grant", "another client's code");
  // A code issued without PKCE cannot be redeemed with a verifier.
  const auto plain = w.CodeOk(w.member, w.confidential.client_id,
                              {{"code_challenge", ""}, {"code_challenge_method", ""}});
  ExpectOAuthError(w.Exchange(plain), 400, "invalid_grant", "a verifier nobody asked for");
}

TEST(OidcTokenErrors, AnExpiredCodeIsInvalidGrant) {
  TestServer server;
  OidcWorld w(server);
  const auto code = w.CodeOk(w.member, w.confidential.client_id);
  server.clock().Advance(std::chrono::seconds(61));
  ExpectOAuthError(w.Exchange(code), 400, "invalid_grant", "a code older than 60 s");
  const auto fresh = w.CodeOk(w.member, w.confidential.client_id);
  server.clock().Advance(std::chrono::seconds(59));
  Expect(w.Exchange(fresh), 200, "a code of 59 s");
}

TEST(OidcTokenErrors, ARefreshTokenOfAnotherClientIsInvalidGrant) {
  TestServer server;
  OidcWorld w(server);
  const auto tokens = w.Exchange(w.CodeOk(w.member, w.confidential.client_id));
  const auto refresh = api::Str(tokens.json, "refresh_token");
  ExpectOAuthError(w.Form(kToken, {{"grant_type", "refresh_token"}, {"refresh_token", refresh},
                                   {"client_id", w.public_client.client_id}}),
                   400, "invalid_grant", "another client's refresh token");
  ExpectOAuthError(w.Form(kToken, {{"grant_type", "refresh_token"},
                                   {"refresh_token", std::string(200, 'r')}},
                          w.Basic(w.confidential)),
                   400, "invalid_request", "an oversized refresh token");
  Expect(w.Form(kToken, {{"grant_type", "refresh_token"}, {"refresh_token", refresh}},
                w.Basic(w.confidential)),
         200, "the owner still refreshes");
}

TEST(OidcTokenErrors, ARefusedRefreshEndsTheFamilyForGood) {
  TestServer server;
  OidcWorld w(server);
  const auto console = w.Register({"Admin console", {kCallback}, {}, false, true});
  const auto member_path = api::OrgPath(w.admin.org_id, "/members/" + w.member.user_id);
  Expect(w.admin.client.Patch(member_path, {{"role", "ADMIN"}}), 200, "promote");
  const auto code = w.CodeOk(w.member, console.client_id);
  const auto tokens =
      w.Form(kToken, {{"grant_type", "authorization_code"}, {"code", code},
                      {"redirect_uri", kCallback}, {"code_verifier", kVerifier}},
             w.Basic(console));
  Expect(tokens, 200, "exchange");
  const Params refresh{{"grant_type", "refresh_token"},
                       {"refresh_token", api::Str(tokens.json, "refresh_token")}};
  Expect(w.admin.client.Patch(member_path, {{"role", "USER"}}), 200, "demote");
  ExpectOAuthError(w.Form(kToken, refresh, w.Basic(console)), 400, "invalid_grant",
                   "a USER at an admins-only application");
  Expect(w.admin.client.Patch(member_path, {{"role", "ADMIN"}}), 200, "promote again");
  ExpectOAuthError(w.Form(kToken, refresh, w.Basic(console)), 400, "invalid_grant",
                   "the refused token stays revoked");
}

TEST(OidcTokenErrors, RevocationErrors) {
  TestServer server;
  OidcWorld w(server);
  const std::string revoke = "/oauth/revoke";
  Client c(server.port());
  ExpectOAuthError(c.Request("GET", revoke + "?token=x", std::nullopt, w.Basic(w.confidential)),
                   405, "invalid_request", "GET");
  auto json_type = w.Basic(w.confidential);
  json_type["Content-Type"] = "application/json";
  ExpectOAuthError(c.Request("POST", revoke, "token=x", json_type), 400, "invalid_request",
                   "JSON content type");
  ExpectOAuthError(w.Form(revoke, {}, w.Basic(w.confidential)), 400, "invalid_request",
                   "no token");
  ExpectOAuthError(w.Form(revoke, {{"token", "x"}}, BasicHeader("nope", "x")), 401,
                   "invalid_client", "unknown client");
  ExpectOAuthError(w.Form(revoke, {{"token", "x"}}), 401, "invalid_client", "no client");
  Expect(w.Form(revoke, {{"token", "unknown"}}, w.Basic(w.confidential)), 200,
         "an unknown token is fine (RFC 7009)");
}

TEST(OidcTokenErrors, UnknownOauthPathsAreJson404) {
  TestServer server;
  Client c(server.port());
  ExpectOAuthError(c.Get("/oauth/nothing"), 404, "not_found", "unknown path");
}

}  // namespace
}  // namespace roster::testing::oidc
