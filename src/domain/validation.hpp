#pragma once
// Input rules of the guide and the contract. Each validator returns the field errors it finds
// (empty when the value is valid); nothing here does I/O.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace roster::domain {

inline constexpr std::size_t kMaxEmailLength = 254;
inline constexpr std::size_t kMinUsernameLength = 3;
inline constexpr std::size_t kMaxUsernameLength = 32;
inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 256;
inline constexpr std::size_t kMinOrgNameLength = 2;
inline constexpr std::size_t kMaxOrgNameLength = 64;

// Practical RFC 5321 subset: dot-atom local part (<= 64), a dotted DNS domain, <= 254 in all.
std::optional<FieldError> ValidateEmail(std::string_view email, std::string_view field = "email");
// 3..32 of letters, digits, '.', '_', '-', starting with a letter or digit.
std::optional<FieldError> ValidateUsername(std::string_view username,
                                           std::string_view field = "username");
// 8..256 characters (Unicode code points).
std::optional<FieldError> ValidatePassword(std::string_view password,
                                           std::string_view field = "password");
// 2..64 characters after trimming, valid UTF-8, no control characters.
std::optional<FieldError> ValidateOrganizationName(std::string_view trimmed_name,
                                                   std::string_view field = "name");

// The email as stored: as given, with the domain lower-cased.
std::string NormalizeEmail(std::string_view email);
// Keys for case-insensitive uniqueness and lookups.
std::string EmailKey(std::string_view email);
std::string UsernameKey(std::string_view username);
std::string OrganizationNameKey(std::string_view trimmed_name);

std::string Trim(std::string_view text);
std::string AsciiLower(std::string_view text);
// Number of code points of valid UTF-8 text (invalid bytes count as one each).
std::size_t CountCodePoints(std::string_view text);
// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool IsValidUtf8(std::string_view text);
// `text` with every byte that is not part of a valid UTF-8 sequence replaced by U+FFFD, for
// echoing client input into a JSON document.
std::string ToValidUtf8(std::string_view text);

}  // namespace roster::domain
