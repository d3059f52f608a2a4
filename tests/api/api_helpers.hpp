#pragma once
// Shared building blocks for API tests: accounts, organizations, invitations and members made
// through the HTTP API itself, plus small JSON / time / polling helpers.
//
// Helpers named *Ok throw UnexpectedResponse (status and body in the message) when the server
// does not answer as expected; GoogleTest reports the exception as a failure of the test.
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness.hpp"

namespace roster::testing::api {

namespace json = boost::json;

inline constexpr const char* kPrefix = "/api/v1";
inline constexpr const char* kPassword = "correct-horse-battery";

struct UnexpectedResponse : std::runtime_error {
  UnexpectedResponse(const std::string& what, const HttpResult& r);
};

// Throws UnexpectedResponse unless r.status == expected.
void Expect(const HttpResult& r, int expected, const std::string& what);

// ---- JSON ----
// The body as an object (empty object when the body is not a JSON object).
json::object Obj(const HttpResult& r);
// obj[key] as an object / string ("" or {} when missing or of another type).
json::object ObjAt(const json::value& v, const char* key);
std::string Str(const json::value& v, const char* key);
bool IsNull(const json::value& v, const char* key);
bool Has(const json::value& v, const char* key);
// The sorted key names of an object.
std::vector<std::string> Keys(const json::value& v);
// errors[] of a problem document: the set of "field" values, and the code of one field.
std::vector<std::string> ErrorFields(const HttpResult& r);
std::string ErrorCodeOf(const HttpResult& r, const std::string& field);

// ---- time ----
// Parses "YYYY-MM-DDTHH:MM:SSZ" exactly (RFC 3339, UTC, Z suffix); nullopt otherwise.
std::optional<std::chrono::sys_seconds> ParseRfc3339(const std::string& text);
std::chrono::sys_seconds ToSeconds(app::Timestamp t);

// ---- accounts and organizations ----
struct Account {
  explicit Account(unsigned short port) : client(port) {}
  Client client;  // holds the session cookies of this account
  std::string user_id;
  std::string email;
  std::string username;
  std::string password = kPassword;
  std::string org_id;    // empty in personal mode
  std::string org_name;  // empty in personal mode
  std::string role;      // "ADMIN"/"USER" in an organization
};

// A personal-mode account: signs up `username` with email `username`@example.com.
Account SignupOk(TestServer& server, const std::string& username,
                 const std::string& email = {});
// Signs up `username` and activates the organization `org_name` (the caller becomes ADMIN).
Account AdminWithOrgOk(TestServer& server, const std::string& username,
                       const std::string& org_name);
// Logs `account` in again (e.g. after the fake clock moved past the session's idle limit).
void LoginOk(Account& account);
HttpResult Login(Client& client, const std::string& email, const std::string& password);

// ---- invitations ----
std::string OrgPath(const std::string& org_id, const std::string& rest = {});
HttpResult Invite(Client& admin, const std::string& org_id, const std::string& email,
                  const std::string& username, const std::string& role = "USER");
// Invites and expects 201; returns the Invitation object.
json::object InviteOk(Client& admin, const std::string& org_id, const std::string& email,
                      const std::string& username, const std::string& role = "USER");
HttpResult Resend(Client& admin, const std::string& org_id, const std::string& invitation_id);
HttpResult Revoke(Client& admin, const std::string& org_id, const std::string& invitation_id);
// The token of an accept link ".../invite/<token>" ("" when the url has no such part).
std::string TokenFromUrl(const std::string& url);
// GET /invitations/{token} and POST /invitations/{token}/accept, with a fresh cookie-less client
// unless one is given.
HttpResult LookupInvitation(unsigned short port, const std::string& token);
HttpResult AcceptInvitation(Client& client, const std::string& token,
                            const std::string& password = kPassword);
// Accepts `token` with a fresh client; expects 201. The account's fields come from the Me body.
Account AcceptOk(TestServer& server, const std::string& token,
                 const std::string& password = kPassword);
// Invites `username` (email `username`@example.com) with `role` and accepts the link from
// invite_url; the server must run without SMTP. Returns the new member, logged in.
Account AddMemberOk(TestServer& server, Account& admin, const std::string& username,
                    const std::string& role = "USER");

// ---- lists ----
// GET a list page; expects 200.
json::object PageOk(Client& client, const std::string& target);
// Follows next_cursor from `target` (which may carry a query) until the last page.
std::vector<json::object> ListAllOk(Client& client, const std::string& target);
// The item with "id" (or "user_id") equal to `id`; nullopt when absent.
std::optional<json::object> FindById(const std::vector<json::object>& items, const std::string& id,
                                     const char* key = "id");
// One invitation as the admin list shows it (walks all pages); throws when absent.
json::object InvitationInListOk(Client& admin, const std::string& org_id,
                                const std::string& invitation_id);

// ---- polling ----
// Calls `done` until it returns true or `timeout` passes (sleeping `step` between calls, and
// calling `between` if given, e.g. to move a fake clock). Returns the last result of `done`.
bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout,
               std::chrono::milliseconds step = std::chrono::milliseconds(50),
               const std::function<void()>& between = {});

}  // namespace roster::testing::api
