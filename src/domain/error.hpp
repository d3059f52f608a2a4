#pragma once
// The one error type of Roster. Each code is declared once, in kErrorTable below, with its wire
// name (the contract's ErrorCode value), HTTP status and title; every path reads that table.
#include <array>
#include <cstddef>
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
  kWrongCurrentPassword,  // a signed-in caller's current password is wrong: refused (403)
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
  kInvitationRevoked,      // an admin acts on a revoked invitation (409)
  kInvitationLinkRevoked,  // a revoked invitation's link is followed: gone for good (410)
  kInvitationExpired,
  kBadRequest,
  kUnsupportedMediaType,
  kMethodNotAllowed,
  kServiceUnavailable,
  kInternal,
  kEmailUnverified,
  kLinkInvalid,
  kApplicationPublic,  // a secret is asked of a public application, which has none
};

struct ErrorSpec {
  ErrorCode code;
  std::string_view name;  // on the wire; two codes may share one and differ in status
  int status;             // HTTP status
  std::string_view title;
  // The client-visible sentence of a uniqueness conflict (see Conflict()); empty for others.
  std::string_view conflict;
};

// In the order of ErrorCode (checked below).
inline constexpr ErrorSpec kErrorTable[] = {
    {ErrorCode::kInvalidJson, "invalid_json", 400, "Malformed JSON", {}},
    {ErrorCode::kPayloadTooLarge, "payload_too_large", 413, "Request body too large", {}},
    {ErrorCode::kValidationFailed, "validation_failed", 422, "Validation failed", {}},
    {ErrorCode::kUnauthenticated, "unauthenticated", 401, "Authentication required", {}},
    {ErrorCode::kInvalidCredentials, "invalid_credentials", 401, "Invalid email or password", {}},
    {ErrorCode::kWrongCurrentPassword, "invalid_credentials", 403, "Wrong current password", {}},
    {ErrorCode::kAccountRemoved, "account_removed", 403, "Account removed", {}},
    {ErrorCode::kCsrfFailed, "csrf_failed", 403, "CSRF check failed", {}},
    {ErrorCode::kRateLimited, "rate_limited", 429, "Too many requests", {}},
    {ErrorCode::kOrganizationRequired, "organization_required", 403, "Organization required", {}},
    {ErrorCode::kNotAMember, "not_a_member", 403, "Not a member of this organization", {}},
    {ErrorCode::kAdminRequired, "admin_required", 403, "Admin access required", {}},
    {ErrorCode::kNotFound, "not_found", 404, "Not found", {}},
    {ErrorCode::kEmailRegistered, "email_registered", 409, "Email already registered",
     "An account with this email already exists."},
    {ErrorCode::kEmailInvited, "email_invited", 409, "Email already invited",
     "This email already has a pending invitation."},
    {ErrorCode::kUsernameTaken, "username_taken", 409, "Username already taken",
     "This username is already used in the organization."},
    {ErrorCode::kOrganizationNameTaken, "organization_name_taken", 409,
     "Organization name already taken", "An organization with this name already exists."},
    {ErrorCode::kAlreadyInOrganization, "already_in_organization", 409,
     "Already in an organization", "This account already belongs to an organization."},
    {ErrorCode::kLastAdmin, "last_admin", 409, "Last active admin", {}},
    {ErrorCode::kCannotRemoveSelf, "cannot_remove_self", 409, "Cannot remove yourself", {}},
    {ErrorCode::kMemberRemoved, "member_removed", 409, "Member removed", {}},
    {ErrorCode::kInvitationAccepted, "invitation_accepted", 409, "Invitation already accepted", {}},
    {ErrorCode::kInvitationRevoked, "invitation_revoked", 409, "Invitation revoked", {}},
    {ErrorCode::kInvitationLinkRevoked, "invitation_revoked", 410, "Invitation revoked", {}},
    {ErrorCode::kInvitationExpired, "invitation_expired", 410, "Invitation expired", {}},
    {ErrorCode::kBadRequest, "bad_request", 400, "Bad request", {}},
    {ErrorCode::kUnsupportedMediaType, "unsupported_media_type", 415, "Unsupported media type", {}},
    {ErrorCode::kMethodNotAllowed, "method_not_allowed", 405, "Method not allowed", {}},
    {ErrorCode::kServiceUnavailable, "service_unavailable", 503, "Service unavailable", {}},
    {ErrorCode::kInternal, "internal_error", 500, "Internal server error", {}},
    {ErrorCode::kEmailUnverified, "email_unverified", 403, "Email not verified", {}},
    {ErrorCode::kLinkInvalid, "link_invalid", 410, "Link not valid", {}},
    {ErrorCode::kApplicationPublic, "application_public", 409, "Public application", {}},
};

static_assert(
    [] {
      for (std::size_t i = 0; i < std::size(kErrorTable); ++i) {
        if (static_cast<std::size_t>(kErrorTable[i].code) != i) return false;
      }
      return std::size(kErrorTable) == static_cast<std::size_t>(ErrorCode::kApplicationPublic) + 1;
    }(),
    "kErrorTable must list every ErrorCode once, in declaration order");

constexpr const ErrorSpec& Spec(ErrorCode code) {
  return kErrorTable[static_cast<std::size_t>(code)];
}

// The wire name of a code, e.g. "last_admin".
constexpr std::string_view ToString(ErrorCode code) { return Spec(code).name; }

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
  int retry_after_seconds() const { return retry_after_seconds_; }
  Error&& RetryAfter(int seconds) && {
    retry_after_seconds_ = seconds;
    return std::move(*this);
  }

 private:
  ErrorCode code_;
  std::string detail_;
  std::vector<FieldError> fields_;
  int retry_after_seconds_ = 0;
};

// A uniqueness conflict (email_registered, username_taken, ...) with its one sentence from the
// table, whichever use case or store finds it.
Error Conflict(ErrorCode code);

}  // namespace roster::domain
