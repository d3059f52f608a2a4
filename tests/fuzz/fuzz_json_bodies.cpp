// Fuzz target: JSON decoding of every request body the API accepts. The first input byte picks
// the body type; the rest is the body. Each type is read exactly as its handler reads it
// (http::JsonBody, the same fields in the same order), then checked the way its use case checks
// it before touching the database. Properties:
//   - decoding throws nothing but domain::Error invalid_json (400) or validation_failed (422);
//   - the problem+json document for that error is a JSON object with the right status;
//   - accepted strings are valid UTF-8 and survive a serialize/parse round trip.
// The HTTP target (fuzz_http_request) drives the real handlers end to end; this one is the fast
// path over the decoding alone.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/validation.hpp"
#include "fuzz_check.hpp"
#include "http/json_io.hpp"
#include "http/problem_json.hpp"

namespace {

namespace json = boost::json;
using roster::domain::Error;
using roster::domain::ErrorCode;
using roster::domain::FieldError;
using roster::http::JsonBody;

enum class Body { kSignup, kLogin, kActivate, kInvite, kRoleChange, kAccept, kTokenCreate, kCount };

void ThrowIfAny(std::vector<FieldError> errors) {
  if (!errors.empty()) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.", std::move(errors));
  }
}

// Returns the decoded fields (name, value) when the body is accepted; throws domain::Error.
std::vector<std::pair<std::string, std::string>> Decode(Body kind, const std::string& text) {
  namespace d = roster::domain;
  switch (kind) {
    case Body::kSignup: {  // POST /auth/signup -> Accounts::Signup
      JsonBody body(text);
      std::string email = body.RequiredString("email");
      std::string username = body.RequiredString("username");
      std::string password = body.RequiredString("password");
      body.ThrowIfInvalid();
      std::vector<FieldError> errors;
      if (auto e = d::ValidateEmail(email)) errors.push_back(*e);
      if (auto e = d::ValidateUsername(username)) errors.push_back(*e);
      if (auto e = d::ValidatePassword(password)) errors.push_back(*e);
      ThrowIfAny(std::move(errors));
      return {{"email", email}, {"username", username}, {"password", password}};
    }
    case Body::kLogin: {  // POST /auth/login -> Accounts::Login
      JsonBody body(text);
      std::string email = body.RequiredString("email");
      std::string password = body.RequiredString("password");
      body.ThrowIfInvalid();
      return {{"email", d::EmailKey(d::Trim(email))}, {"password", password}};
    }
    case Body::kActivate: {  // POST /organizations -> Organizations::Activate
      JsonBody body(text);
      const std::string name = body.RequiredString("name");
      body.ThrowIfInvalid();
      const std::string trimmed = d::Trim(name);
      if (auto e = d::ValidateOrganizationName(trimmed)) ThrowIfAny({*e});
      return {{"name", trimmed}, {"name_key", d::OrganizationNameKey(trimmed)}};
    }
    case Body::kInvite: {  // POST /orgs/{id}/invitations -> Invitations::Create
      JsonBody body(text);
      std::string email = body.RequiredString("email");
      std::string username = body.RequiredString("username");
      std::string role = body.RequiredString("role");
      body.ThrowIfInvalid();
      std::vector<FieldError> errors;
      if (auto e = d::ValidateEmail(email)) errors.push_back(*e);
      if (auto e = d::ValidateUsername(username)) errors.push_back(*e);
      const auto parsed = d::ParseRole(role);
      if (!parsed) errors.push_back({"role", "invalid", "Role must be USER or ADMIN"});
      ThrowIfAny(std::move(errors));
      return {{"email", d::NormalizeEmail(email)}, {"username", username},
              {"role", std::string(d::ToString(*parsed))}};
    }
    case Body::kRoleChange: {  // PATCH /orgs/{id}/members/{user_id}
      JsonBody body(text);
      const std::string role_text = body.RequiredString("role");
      body.ThrowIfInvalid();
      const auto role = d::ParseRole(role_text);
      if (!role) ThrowIfAny({{"role", "invalid", "Role must be USER or ADMIN"}});
      FUZZ_CHECK(d::ToString(*role) == role_text, role_text);
      return {{"role", role_text}};
    }
    case Body::kAccept: {  // POST /invitations/{token}/accept -> Invitations::Accept
      JsonBody body(text);
      const std::string password = body.RequiredString("password");
      body.ThrowIfInvalid();
      if (auto e = d::ValidatePassword(password)) ThrowIfAny({*e});
      return {{"password", password}};
    }
    case Body::kTokenCreate:  // POST /me/tokens -> Accounts::CreateApiToken (body optional)
    case Body::kCount: {
      JsonBody body(text, /*allow_empty=*/true);
      std::string name = body.OptionalString("name");
      body.ThrowIfInvalid();
      if (d::CountCodePoints(name) > 100) {
        ThrowIfAny({{"name", "too_long", "Name must be at most 100 characters"}});
      }
      return {{"name", name}};
    }
  }
  return {};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto kind = static_cast<Body>(data[0] % static_cast<int>(Body::kCount));
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const auto fields = Decode(kind, text);
    json::object echo;
    for (const auto& [name, value] : fields) {
      FUZZ_CHECK(roster::fuzz::IsValidUtf8(value), "decoded field " + name + " is not UTF-8");
      echo[name] = value;
    }
    const auto again = json::parse(json::serialize(echo));
    FUZZ_CHECK(again == json::value(echo), "serialize/parse round trip");
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::kInvalidJson || e.code() == ErrorCode::kValidationFailed,
               std::string(ToString(e.code())));
    if (e.code() == ErrorCode::kValidationFailed) FUZZ_CHECK(!e.fields().empty());
    const auto res = roster::http::ProblemResponse(e, 11, true);
    FUZZ_CHECK(res.result_int() == (e.code() == ErrorCode::kInvalidJson ? 400 : 422));
    roster::fuzz::CheckProblemBody(res.body(), res.result_int());
  }
  // Any other exception escapes to libFuzzer and is reported as a crash.
  return 0;
}
