// Fuzz target: the email, username, password and organization-name validators, the keys
// derived from accepted values, and the UTF-8 helpers. Every input goes through every validator; an accepted value
// must satisfy the rule the validator documents, and its normal forms must be stable.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/validation.hpp"
#include "fuzz_check.hpp"

namespace {

using namespace roster::domain;

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void CheckFieldError(const std::optional<FieldError>& e, std::string_view field,
                     std::initializer_list<std::string_view> codes) {
  if (!e) return;
  FUZZ_CHECK(e->field == field, e->field);
  bool known = false;
  for (auto c : codes) known = known || e->code == c;
  FUZZ_CHECK(known, e->code);
  FUZZ_CHECK(!e->message.empty());
}

void FuzzEmail(std::string_view s) {
  const auto e = ValidateEmail(s, "to");
  CheckFieldError(e, "to", {"required", "too_long", "invalid"});
  if (s.empty()) FUZZ_CHECK(e && e->code == "required");
  if (e) return;
  FUZZ_CHECK(s.size() <= kMaxEmailLength);
  const auto at = s.rfind('@');
  FUZZ_CHECK(at != std::string_view::npos && at > 0 && at <= 64 && at + 1 < s.size());
  FUZZ_CHECK(s.find('@') == at, "an accepted address has exactly one '@'");
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    FUZZ_CHECK(u > 0x20 && u < 0x7F, "accepted emails are printable ASCII without spaces");
    FUZZ_CHECK(std::string_view("\"(),:;<>[\\]").find(c) == std::string_view::npos);
  }
  // The stored form is valid too and a fixed point; the lookup key ignores normalization.
  const std::string normalized = NormalizeEmail(s);
  FUZZ_CHECK(!ValidateEmail(normalized));
  FUZZ_CHECK(NormalizeEmail(normalized) == normalized);
  FUZZ_CHECK(EmailKey(normalized) == EmailKey(s));
  FUZZ_CHECK(EmailKey(EmailKey(s)) == EmailKey(s));
  FUZZ_CHECK(!ValidateEmail(EmailKey(s)));
}

void FuzzUsername(std::string_view s) {
  const auto e = ValidateUsername(s);
  CheckFieldError(e, "username", {"required", "invalid_length", "invalid"});
  if (e) return;
  FUZZ_CHECK(s.size() >= kMinUsernameLength && s.size() <= kMaxUsernameLength);
  FUZZ_CHECK(IsAsciiAlnum(s.front()));
  for (char c : s) FUZZ_CHECK(IsAsciiAlnum(c) || c == '.' || c == '_' || c == '-');
  const std::string key = UsernameKey(s);
  FUZZ_CHECK(key.size() == s.size() && !ValidateUsername(key) && UsernameKey(key) == key);
}

void FuzzPassword(std::string_view s) {
  const auto e = ValidatePassword(s);
  CheckFieldError(e, "password", {"required", "too_short", "too_long"});
  if (e) return;
  const auto n = CountCodePoints(s);
  FUZZ_CHECK(n >= kMinPasswordLength && n <= kMaxPasswordLength);
}

void FuzzOrganizationName(std::string_view raw) {
  // The use case trims first, then validates the trimmed name.
  const std::string name = Trim(raw);
  FUZZ_CHECK(Trim(name) == name, "Trim is idempotent");
  const auto e = ValidateOrganizationName(name);
  CheckFieldError(e, "name", {"required", "invalid_length", "invalid"});
  if (e) return;
  const auto n = CountCodePoints(name);
  FUZZ_CHECK(n >= kMinOrgNameLength && n <= kMaxOrgNameLength);
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    FUZZ_CHECK(u >= 0x20 && u != 0x7F, "accepted names have no control characters");
  }
  // Names are emitted in JSON documents and email: an accepted name must be text.
  FUZZ_CHECK(roster::fuzz::IsValidUtf8(name), "accepted organization names are valid UTF-8");
  const std::string key = OrganizationNameKey(name);
  FUZZ_CHECK(OrganizationNameKey(key) == key, "the name key is a fixed point");
  FUZZ_CHECK(!key.empty() && key.size() <= name.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  FuzzEmail(s);
  FuzzUsername(s);
  FuzzPassword(s);
  FuzzOrganizationName(s);
  // The UTF-8 helpers agree with the harness's own decoder; repair yields valid text and
  // leaves valid text alone.
  FUZZ_CHECK(IsValidUtf8(s) == roster::fuzz::IsValidUtf8(s));
  const std::string repaired = ToValidUtf8(s);
  FUZZ_CHECK(IsValidUtf8(repaired));
  if (IsValidUtf8(s)) FUZZ_CHECK(repaired == s);
  FUZZ_CHECK(AsciiLower(s).size() == s.size());
  return 0;
}
