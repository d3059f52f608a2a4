#include "api_helpers.hpp"

#include "instance.hpp"

#include <algorithm>
#include <cstdio>
#include <thread>

namespace roster::testing::api {

UnexpectedResponse::UnexpectedResponse(const std::string& what, const HttpResult& r)
    : std::runtime_error(what + ": unexpected HTTP " + std::to_string(r.status) + " " + r.body) {}

void Expect(const HttpResult& r, int expected, const std::string& what) {
  if (r.status != expected) throw UnexpectedResponse(what, r);
}

// ---- JSON ----

json::object Obj(const HttpResult& r) {
  return r.json.is_object() ? r.json.as_object() : json::object();
}

json::object ObjAt(const json::value& v, const char* key) {
  if (!v.is_object()) return {};
  const auto* f = v.as_object().if_contains(key);
  return f && f->is_object() ? f->as_object() : json::object();
}

std::string Str(const json::value& v, const char* key) {
  if (!v.is_object()) return {};
  const auto* f = v.as_object().if_contains(key);
  return f && f->is_string() ? std::string(f->as_string()) : std::string();
}

bool IsNull(const json::value& v, const char* key) {
  if (!v.is_object()) return false;
  const auto* f = v.as_object().if_contains(key);
  return f && f->is_null();
}

bool Has(const json::value& v, const char* key) {
  return v.is_object() && v.as_object().contains(key);
}

std::vector<std::string> Keys(const json::value& v) {
  std::vector<std::string> keys;
  if (!v.is_object()) return keys;
  for (const auto& kv : v.as_object()) keys.emplace_back(kv.key());
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<std::string> ErrorFields(const HttpResult& r) {
  std::vector<std::string> fields;
  if (!r.json.is_object()) return fields;
  const auto* errors = r.json.as_object().if_contains("errors");
  if (!errors || !errors->is_array()) return fields;
  for (const auto& e : errors->as_array()) fields.push_back(Str(e, "field"));
  std::sort(fields.begin(), fields.end());
  return fields;
}

std::string ErrorCodeOf(const HttpResult& r, const std::string& field) {
  if (!r.json.is_object()) return {};
  const auto* errors = r.json.as_object().if_contains("errors");
  if (!errors || !errors->is_array()) return {};
  for (const auto& e : errors->as_array()) {
    if (Str(e, "field") == field) return Str(e, "code");
  }
  return {};
}

// ---- time ----

std::optional<std::chrono::sys_seconds> ParseRfc3339(const std::string& text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const auto num = [&](std::size_t at, std::size_t len) {
    return std::stoi(text.substr(at, len));
  };
  using namespace std::chrono;
  const year_month_day ymd{year{num(0, 4)}, month{static_cast<unsigned>(num(5, 2))},
                           day{static_cast<unsigned>(num(8, 2))}};
  if (!ymd.ok() || num(11, 2) > 23 || num(14, 2) > 59 || num(17, 2) > 60) return std::nullopt;
  return sys_days{ymd} + hours{num(11, 2)} + minutes{num(14, 2)} + seconds{num(17, 2)};
}

std::chrono::sys_seconds ToSeconds(app::Timestamp t) {
  return std::chrono::floor<std::chrono::seconds>(t);
}

// ---- accounts and organizations ----

Account SignupOk(TestServer& server, const std::string& username, const std::string& email) {
  Account a(server.port());
  a.username = username;
  a.email = email.empty() ? username + "@example.com" : email;
  auto r = a.client.Post(std::string(kPrefix) + "/auth/signup",
                         {{"email", a.email}, {"username", username}, {"password", a.password}});
  Expect(r, 201, "signup " + username);
  a.user_id = Str(ObjAt(r.json, "user"), "id");
  return a;
}

Account AdminWithOrgOk(TestServer& server, const std::string& username,
                       const std::string& org_name) {
  auto a = SignupOk(server, username);
  auto r = a.client.Post(std::string(kPrefix) + "/organizations", {{"name", org_name}});
  if (r.code() == "email_unverified") {
    // With SMTP configured the signup mailed a verification link; tests about other things
    // arrange the verified state directly (tests/api/account_links_test.cpp follows the link).
    auto tx = server.instance().store().Begin(app::TxMode::kWrite);
    tx->SetEmailVerified(a.user_id);
    tx->Commit();
    r = a.client.Post(std::string(kPrefix) + "/organizations", {{"name", org_name}});
  }
  Expect(r, 201, "activate organization " + org_name);
  a.org_id = r.str("id");
  a.org_name = r.str("name");
  a.role = "ADMIN";
  return a;
}

HttpResult Login(Client& client, const std::string& email, const std::string& password) {
  return client.Post(std::string(kPrefix) + "/auth/login",
                     {{"email", email}, {"password", password}});
}

void LoginOk(Account& account) {
  account.client.clear_cookies();
  Expect(Login(account.client, account.email, account.password), 200,
         "login " + account.email);
}

// ---- invitations ----

std::string OrgPath(const std::string& org_id, const std::string& rest) {
  return std::string(kPrefix) + "/orgs/" + org_id + rest;
}

HttpResult Invite(Client& admin, const std::string& org_id, const std::string& email,
                  const std::string& username, const std::string& role) {
  return admin.Post(OrgPath(org_id, "/invitations"),
                    {{"email", email}, {"username", username}, {"role", role}});
}

json::object InviteOk(Client& admin, const std::string& org_id, const std::string& email,
                      const std::string& username, const std::string& role) {
  auto r = Invite(admin, org_id, email, username, role);
  Expect(r, 201, "invite " + email);
  return Obj(r);
}

HttpResult Resend(Client& admin, const std::string& org_id, const std::string& invitation_id) {
  return admin.Request("POST", OrgPath(org_id, "/invitations/" + invitation_id + "/resend"));
}

HttpResult Revoke(Client& admin, const std::string& org_id, const std::string& invitation_id) {
  return admin.Request("POST", OrgPath(org_id, "/invitations/" + invitation_id + "/revoke"));
}

std::string TokenFromUrl(const std::string& url) {
  const auto at = url.rfind("/invite/");
  if (at == std::string::npos) return {};
  return url.substr(at + 8);
}

HttpResult LookupInvitation(unsigned short port, const std::string& token) {
  Client anonymous(port);
  return anonymous.Get(std::string(kPrefix) + "/invitations/" + token);
}

HttpResult AcceptInvitation(Client& client, const std::string& token,
                            const std::string& password) {
  return client.Post(std::string(kPrefix) + "/invitations/" + token + "/accept",
                     {{"password", password}});
}

Account AcceptOk(TestServer& server, const std::string& token, const std::string& password) {
  Account a(server.port());
  a.password = password;
  auto r = AcceptInvitation(a.client, token, password);
  Expect(r, 201, "accept invitation");
  const auto user = ObjAt(r.json, "user");
  const auto org = ObjAt(r.json, "organization");
  a.user_id = Str(user, "id");
  a.email = Str(user, "email");
  a.username = Str(user, "username");
  a.org_id = Str(org, "id");
  a.org_name = Str(org, "name");
  a.role = Str(org, "role");
  return a;
}

Account AddMemberOk(TestServer& server, Account& admin, const std::string& username,
                    const std::string& role) {
  const auto inv =
      InviteOk(admin.client, admin.org_id, username + "@example.com", username, role);
  const std::string token = TokenFromUrl(Str(inv, "invite_url"));
  if (token.empty()) {
    throw std::runtime_error("AddMemberOk needs invite_url (a server without SMTP)");
  }
  return AcceptOk(server, token);
}

// ---- lists ----

json::object PageOk(Client& client, const std::string& target) {
  auto r = client.Get(target);
  Expect(r, 200, "GET " + target);
  return Obj(r);
}

std::vector<json::object> ListAllOk(Client& client, const std::string& target) {
  std::vector<json::object> all;
  const char sep = target.find('?') == std::string::npos ? '?' : '&';
  std::string next = target;
  for (int pages = 0; pages < 1000; ++pages) {
    auto page = PageOk(client, next);
    for (const auto& item : page["items"].as_array()) all.push_back(item.as_object());
    const auto& cursor = page["next_cursor"];
    if (!cursor.is_string()) return all;
    next = target + sep + "cursor=" + std::string(cursor.as_string());
  }
  throw std::runtime_error("ListAllOk: too many pages at " + target);
}

std::optional<json::object> FindById(const std::vector<json::object>& items, const std::string& id,
                                     const char* key) {
  for (const auto& item : items) {
    if (Str(item, key) == id) return item;
  }
  return std::nullopt;
}

json::object InvitationInListOk(Client& admin, const std::string& org_id,
                                const std::string& invitation_id) {
  auto found = FindById(ListAllOk(admin, OrgPath(org_id, "/invitations?limit=200")), invitation_id);
  if (!found) throw std::runtime_error("invitation " + invitation_id + " is not in the list");
  return *found;
}

// ---- polling ----

bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout,
               std::chrono::milliseconds step, const std::function<void()>& between) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(step);
    if (between) between();
  }
}

}  // namespace roster::testing::api
