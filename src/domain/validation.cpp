#include "domain/validation.hpp"

#include <algorithm>

namespace roster::domain {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsAtext(char c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~-";
  return IsAsciiAlnum(c) || kSpecials.find(c) != std::string_view::npos;
}

bool IsValidLocalPart(std::string_view local) {
  if (local.empty() || local.size() > 64) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  char prev = 0;
  for (char c : local) {
    if (c == '.') {
      if (prev == '.') return false;
    } else if (!IsAtext(c)) {
      return false;
    }
    prev = c;
  }
  return true;
}

bool IsValidLabel(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) { return IsAsciiAlnum(c) || c == '-'; });
}

bool IsValidDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view last;
  std::size_t start = 0;
  while (true) {
    const auto dot = domain.find('.', start);
    const auto label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!IsValidLabel(label)) return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  // A top-level domain is never all digits (that would be an IP address).
  const bool numeric_tld =
      std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
  return labels >= 2 && !numeric_tld;
}

// Length of the valid UTF-8 sequence that starts `text` (not empty), or 0 if there is none.
std::size_t Utf8SequenceLength(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  const auto second = static_cast<unsigned char>(text[1]);
  if (second < low || second > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  while (!text.empty()) {
    const auto length = Utf8SequenceLength(text);
    if (length == 0) return false;
    text.remove_prefix(length);
  }
  return true;
}

std::string ToValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const auto length = Utf8SequenceLength(text);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      text.remove_prefix(1);
    } else {
      out.append(text.substr(0, length));
      text.remove_prefix(length);
    }
  }
  return out;
}

std::string Trim(std::string_view text) {
  const auto is_space = [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
  return out;
}

std::size_t CountCodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::optional<FieldError> ValidateEmail(std::string_view email, std::string_view field) {
  const std::string f(field);
  if (email.empty()) return FieldError{f, "required", "Email is required"};
  if (email.size() > kMaxEmailLength) {
    return FieldError{f, "too_long", "Email must be at most 254 characters"};
  }
  const auto at = email.rfind('@');
  if (at == std::string_view::npos || !IsValidLocalPart(email.substr(0, at)) ||
      !IsValidDomain(email.substr(at + 1))) {
    return FieldError{f, "invalid", "Enter a valid email address, like name@example.com"};
  }
  return std::nullopt;
}

std::optional<FieldError> ValidateUsername(std::string_view username, std::string_view field) {
  const std::string f(field);
  if (username.empty()) return FieldError{f, "required", "Username is required"};
  if (username.size() < kMinUsernameLength || username.size() > kMaxUsernameLength) {
    return FieldError{f, "invalid_length", "Username must be 3 to 32 characters"};
  }
  const bool chars_ok = std::all_of(username.begin(), username.end(), [](char c) {
    return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '-';
  });
  if (!chars_ok || !IsAsciiAlnum(username.front())) {
    return FieldError{f, "invalid",
                      "Username may contain letters, digits, '.', '_' and '-', and must start "
                      "with a letter or digit"};
  }
  return std::nullopt;
}

std::optional<FieldError> ValidatePassword(std::string_view password, std::string_view field) {
  const std::string f(field);
  if (password.empty()) return FieldError{f, "required", "Password is required"};
  const auto n = CountCodePoints(password);
  if (n < kMinPasswordLength) {
    return FieldError{f, "too_short", "Password must be at least 8 characters"};
  }
  if (n > kMaxPasswordLength) {
    return FieldError{f, "too_long", "Password must be at most 256 characters"};
  }
  return std::nullopt;
}

std::optional<FieldError> ValidateOrganizationName(std::string_view trimmed_name,
                                                   std::string_view field) {
  const std::string f(field);
  if (trimmed_name.empty()) return FieldError{f, "required", "Organization name is required"};
  const auto n = CountCodePoints(trimmed_name);
  if (n < kMinOrgNameLength || n > kMaxOrgNameLength) {
    return FieldError{f, "invalid_length", "Organization name must be 2 to 64 characters"};
  }
  const bool has_control = std::any_of(trimmed_name.begin(), trimmed_name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
  });
  if (has_control) {
    return FieldError{f, "invalid", "Organization name must not contain control characters"};
  }
  if (!IsValidUtf8(trimmed_name)) {
    return FieldError{f, "invalid", "Organization name must be valid UTF-8 text"};
  }
  return std::nullopt;
}

std::string NormalizeEmail(std::string_view email) {
  const auto at = email.rfind('@');
  if (at == std::string_view::npos) return std::string(email);
  return std::string(email.substr(0, at + 1)) + AsciiLower(email.substr(at + 1));
}

std::string EmailKey(std::string_view email) { return AsciiLower(email); }
std::string UsernameKey(std::string_view username) { return AsciiLower(username); }

std::string OrganizationNameKey(std::string_view trimmed_name) {
  // Case-insensitive for ASCII; inner runs of spaces count as one so "Acme  Inc" == "acme inc".
  std::string out;
  bool prev_space = false;
  for (char c : AsciiLower(trimmed_name)) {
    const bool space = c == ' ' || c == '\t';
    if (space && prev_space) continue;
    out.push_back(space ? ' ' : c);
    prev_space = space;
  }
  return out;
}

}  // namespace roster::domain
