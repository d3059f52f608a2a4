#include "domain/error.hpp"

namespace roster::domain {

std::string_view ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson: return "invalid_json";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kValidationFailed: return "validation_failed";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kInvalidCredentials: return "invalid_credentials";
    case ErrorCode::kAccountRemoved: return "account_removed";
    case ErrorCode::kCsrfFailed: return "csrf_failed";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kOrganizationRequired: return "organization_required";
    case ErrorCode::kNotAMember: return "not_a_member";
    case ErrorCode::kAdminRequired: return "admin_required";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kEmailRegistered: return "email_registered";
    case ErrorCode::kEmailInvited: return "email_invited";
    case ErrorCode::kUsernameTaken: return "username_taken";
    case ErrorCode::kOrganizationNameTaken: return "organization_name_taken";
    case ErrorCode::kAlreadyInOrganization: return "already_in_organization";
    case ErrorCode::kLastAdmin: return "last_admin";
    case ErrorCode::kCannotRemoveSelf: return "cannot_remove_self";
    case ErrorCode::kMemberRemoved: return "member_removed";
    case ErrorCode::kInvitationAccepted: return "invitation_accepted";
    case ErrorCode::kInvitationRevoked: return "invitation_revoked";
    case ErrorCode::kInvitationExpired: return "invitation_expired";
    case ErrorCode::kEmailUnverified: return "email_unverified";
    case ErrorCode::kLinkInvalid: return "link_invalid";
    case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
    case ErrorCode::kServiceUnavailable: return "service_unavailable";
    case ErrorCode::kInternal: return "internal_error";
  }
  return "internal_error";
}

Error::Error(ErrorCode code, std::string detail, std::vector<FieldError> fields)
    : std::runtime_error(std::string(ToString(code))),
      code_(code),
      detail_(std::move(detail)),
      fields_(std::move(fields)) {}

}  // namespace roster::domain
