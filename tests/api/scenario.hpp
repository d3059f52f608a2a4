#pragma once
// Building blocks for API scenarios: accounts, organizations and members made through the API
// itself (invitations accepted through their links), so every test exercises the real paths.
#include <gtest/gtest.h>

#include <string>

#include "harness.hpp"

namespace roster::testing::scenario {

inline boost::json::object Obj(const HttpResult& r) {
  return r.json.is_object() ? r.json.as_object() : boost::json::object();
}

inline std::string Str(const boost::json::value& v, const char* key) {
  if (!v.is_object()) return {};
  const auto* f = v.as_object().if_contains(key);
  return f && f->is_string() ? std::string(f->as_string()) : std::string();
}

struct Account {
  std::unique_ptr<Client> client;
  std::string user_id;
  std::string email;
  std::string username;
};

inline Account Signup(TestServer& server, const std::string& username,
                      const std::string& password = "password-123") {
  Account a{std::make_unique<Client>(server.port()), {}, username + "@example.com", username};
  auto r = a.client->Post("/api/v1/auth/signup",
                          {{"email", a.email}, {"username", username}, {"password", password}});
  EXPECT_EQ(r.status, 201) << r.body;
  a.user_id = Str(Obj(r)["user"], "id");
  return a;
}

// Signs up `username` and activates `org_name`; returns the admin and the organization id.
inline std::pair<Account, std::string> AdminWithOrg(TestServer& server, const std::string& username,
                                                    const std::string& org_name) {
  auto admin = Signup(server, username);
  auto r = admin.client->Post("/api/v1/organizations", {{"name", org_name}});
  EXPECT_EQ(r.status, 201) << r.body;
  return {std::move(admin), r.str("id")};
}

// The token at the end of an invite_url.
inline std::string TokenOf(const std::string& invite_url) {
  return invite_url.substr(invite_url.rfind('/') + 1);
}

// Invites `username` with `role` (no SMTP: the link comes back as invite_url) and accepts it.
inline Account AddMember(TestServer& server, Client& admin, const std::string& org_id,
                         const std::string& username, const std::string& role = "USER") {
  Account m{std::make_unique<Client>(server.port()), {}, username + "@example.com", username};
  auto inv = admin.Post("/api/v1/orgs/" + org_id + "/invitations",
                        {{"email", m.email}, {"username", username}, {"role", role}});
  EXPECT_EQ(inv.status, 201) << inv.body;
  const std::string token = TokenOf(inv.str("invite_url"));
  auto r = m.client->Post("/api/v1/invitations/" + token + "/accept", {{"password", "password-123"}});
  EXPECT_EQ(r.status, 201) << r.body;
  m.user_id = Str(Obj(r)["user"], "id");
  return m;
}

inline std::string MemberPath(const std::string& org_id, const std::string& user_id) {
  return "/api/v1/orgs/" + org_id + "/members/" + user_id;
}

}  // namespace roster::testing::scenario
