#include "oidc_support.hpp"

#include <gtest/gtest.h>

#include <boost/beast/core/detail/base64.hpp>
#include <boost/url.hpp>

#include "app/security.hpp"
#include "instance.hpp"

namespace roster::testing::oidc {

std::string WithQuery(const std::string& path, const Params& params) {
  boost::urls::url url(path);
  for (const auto& [key, value] : params) url.params().append({key, value});
  return std::string(url.buffer());
}

std::string FormEncode(const Params& params) {
  const auto target = WithQuery("/", params);
  const auto q = target.find('?');
  return q == std::string::npos ? std::string() : target.substr(q + 1);
}

OidcWorld::OidcWorld(TestServer& s)
    : server(s), admin(api::AdminWithOrgOk(s, "olga", "Oidc Org")), member(s.port()) {
  member = api::AddMemberOk(s, admin, "mona");
  confidential = Register({"Confidential app", {kCallback}, {kLoggedOut}, false, false});
  public_client = Register({"Public app", {kCallback}, {}, true, false});
}

app::CreatedClient OidcWorld::Register(const app::ClientSpec& spec) {
  app::Clients clients(server.instance().context());
  return clients.CreateForOrgName("Oidc Org", spec);
}

std::string OidcWorld::AuthorizeTarget(const std::string& client_id, const Params& extra) const {
  Params params{{"client_id", client_id},
                {"redirect_uri", kCallback},
                {"response_type", "code"},
                {"scope", "openid offline_access"},
                {"state", "st"},
                {"nonce", "nn"},
                {"code_challenge", app::PkceS256(kVerifier)},
                {"code_challenge_method", "S256"}};
  for (const auto& [key, value] : extra) {
    if (value.empty()) {
      params.erase(key);
    } else {
      params[key] = value;
    }
  }
  return WithQuery("/oauth/authorize", params);
}

std::string OidcWorld::CodeOk(api::Account& who, const std::string& client_id,
                              const Params& extra) {
  const auto r = who.client.Get(AuthorizeTarget(client_id, extra));
  api::Expect(r, 302, "authorize");
  const auto code = QueryOf(r.headers.at("location"))["code"];
  if (code.empty()) throw api::UnexpectedResponse("no code in the redirect", r);
  return code;
}

HttpResult OidcWorld::Form(const std::string& path, const Params& fields,
                           std::map<std::string, std::string> headers) {
  Client anonymous(server.port());
  headers.emplace("Content-Type", "application/x-www-form-urlencoded");
  return anonymous.Request("POST", path, FormEncode(fields), headers);
}

HttpResult OidcWorld::Exchange(const std::string& code, const Params& extra) {
  Params fields{{"grant_type", "authorization_code"},
                {"code", code},
                {"redirect_uri", kCallback},
                {"code_verifier", kVerifier}};
  for (const auto& [key, value] : extra) fields[key] = value;
  return Form("/oauth/token", fields, Basic(confidential));
}

std::map<std::string, std::string> OidcWorld::Basic(const app::CreatedClient& client) const {
  return BasicHeader(client.client_id, client.client_secret.value_or(""));
}

std::map<std::string, std::string> BasicHeader(const std::string& id, const std::string& secret) {
  const std::string plain = id + ":" + secret;
  std::string encoded(boost::beast::detail::base64::encoded_size(plain.size()), '\0');
  encoded.resize(boost::beast::detail::base64::encode(encoded.data(), plain.data(), plain.size()));
  return {{"Authorization", "Basic " + encoded}};
}

Params QueryOf(const std::string& location) {
  Params out;
  auto url = boost::urls::parse_uri_reference(location);
  if (!url) return out;
  for (const auto& param : url->params()) out[param.key] = param.value;
  return out;
}

void ExpectOAuthError(const HttpResult& r, int status, const std::string& error,
                      const std::string& what) {
  EXPECT_EQ(r.status, status) << what << ": " << r.body;
  const auto type = r.headers.count("content-type") ? r.headers.at("content-type") : "";
  EXPECT_EQ(type.rfind("application/json", 0), 0u) << what << ": " << type;
  EXPECT_EQ(api::Str(r.json, "error"), error) << what << ": " << r.body;
  EXPECT_FALSE(api::Str(r.json, "error_description").empty()) << what << ": " << r.body;
  EXPECT_FALSE(api::Has(r.json, "type") || api::Has(r.json, "code")) << what << ": problem+json";
  EXPECT_EQ(r.headers.count("cache-control") ? r.headers.at("cache-control") : "", "no-store")
      << what;
}

}  // namespace roster::testing::oidc
