#pragma once
// The one error type of Roster. Codes are the contract's ErrorCode values; the HTTP layer maps
// each code to a status and title in one table (http/problem_json.cpp).
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace roster::domain {

enum class ErrorCode {
  kInvalidJson,
  kPayloadTooLarge,
  kValidationFailed,
  kUnauthenticated,
  kInvalidCredentials,
  kAccountRemoved,
  kCsrfFailed,
  kRateLimited,
  kOrganizationRequired,
  kNotAMember,
  kAdminRequired,
  kNotFound,
  kEmailRegistered,
  kEmailInvited,
  kUsernameTaken,
  kOrganizationNameTaken,
  kAlreadyInOrganization,
  kLastAdmin,
  kCannotRemoveSelf,
  kMemberRemoved,
  kInvitationAccepted,
  kInvitationRevoked,
  kInvitationExpired,
  kEmailUnverified,
  kLinkInvalid,
  // Added beyond the contract's list (the contract may grow):
  kMethodNotAllowed,
  kServiceUnavailable,
  kInternal,
};

// The wire name of a code, e.g. "last_admin".
std::string_view ToString(ErrorCode code);

struct FieldError {
  std::string field;
  std::string code;  // e.g. "required", "invalid", "too_short"
  std::string message;
};

// Thrown by use cases and caught once, in the HTTP layer. `detail` is client-visible text:
// never put internal detail (SQL, paths) in it.
class Error : public std::runtime_error {
 public:
  explicit Error(ErrorCode code, std::string detail = {}, std::vector<FieldError> fields = {});

  ErrorCode code() const { return code_; }
  const std::string& detail() const { return detail_; }
  const std::vector<FieldError>& fields() const { return fields_; }
  // The resource existed but is gone for good (410 instead of 409), e.g. a revoked invitation link.
  bool gone() const { return gone_; }
  Error&& Gone() && {
    gone_ = true;
    return std::move(*this);
  }
  int retry_after_seconds() const { return retry_after_seconds_; }
  Error&& RetryAfter(int seconds) && {
    retry_after_seconds_ = seconds;
    return std::move(*this);
  }

 private:
  ErrorCode code_;
  std::string detail_;
  std::vector<FieldError> fields_;
  bool gone_ = false;
  int retry_after_seconds_ = 0;
};

}  // namespace roster::domain
