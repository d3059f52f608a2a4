#include "http/problem_json.hpp"

#include <boost/json.hpp>

#include "domain/validation.hpp"

namespace roster::http {

using domain::ErrorCode;

ProblemInfo LookupProblem(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson: return {400, "Malformed JSON"};
    case ErrorCode::kPayloadTooLarge: return {413, "Request body too large"};
    case ErrorCode::kValidationFailed: return {422, "Validation failed"};
    case ErrorCode::kUnauthenticated: return {401, "Authentication required"};
    case ErrorCode::kInvalidCredentials: return {401, "Invalid email or password"};
    case ErrorCode::kAccountRemoved: return {403, "Account removed"};
    case ErrorCode::kCsrfFailed: return {403, "CSRF check failed"};
    case ErrorCode::kRateLimited: return {429, "Too many requests"};
    case ErrorCode::kOrganizationRequired: return {403, "Organization required"};
    case ErrorCode::kNotAMember: return {403, "Not a member of this organization"};
    case ErrorCode::kAdminRequired: return {403, "Admin access required"};
    case ErrorCode::kNotFound: return {404, "Not found"};
    case ErrorCode::kEmailRegistered: return {409, "Email already registered"};
    case ErrorCode::kEmailInvited: return {409, "Email already invited"};
    case ErrorCode::kUsernameTaken: return {409, "Username already taken"};
    case ErrorCode::kOrganizationNameTaken: return {409, "Organization name already taken"};
    case ErrorCode::kAlreadyInOrganization: return {409, "Already in an organization"};
    case ErrorCode::kLastAdmin: return {409, "Last active admin"};
    case ErrorCode::kCannotRemoveSelf: return {409, "Cannot remove yourself"};
    case ErrorCode::kMemberRemoved: return {409, "Member removed"};
    case ErrorCode::kInvitationAccepted: return {409, "Invitation already accepted"};
    case ErrorCode::kInvitationRevoked: return {409, "Invitation revoked"};
    case ErrorCode::kInvitationExpired: return {410, "Invitation expired"};
    case ErrorCode::kEmailUnverified: return {403, "Email not verified"};
    case ErrorCode::kLinkInvalid: return {410, "Link no longer valid"};
    case ErrorCode::kMethodNotAllowed: return {405, "Method not allowed"};
    case ErrorCode::kServiceUnavailable: return {503, "Service unavailable"};
    case ErrorCode::kInternal: return {500, "Internal server error"};
  }
  return {500, "Internal server error"};
}

Response ProblemResponse(const domain::Error& error, unsigned version, bool keep_alive) {
  const auto info = LookupProblem(error.code());
  const int status = error.gone() ? 410 : info.status;
  boost::json::object body;
  body["type"] = "about:blank";
  body["title"] = info.title;
  body["status"] = status;
  // Details and messages may echo client input (a query value, say): keep the document JSON.
  if (!error.detail().empty()) body["detail"] = domain::ToValidUtf8(error.detail());
  body["code"] = ToString(error.code());
  if (!error.fields().empty()) {
    boost::json::array fields;
    for (const auto& f : error.fields()) {
      fields.push_back({{"field", domain::ToValidUtf8(f.field)},
                        {"code", f.code},
                        {"message", domain::ToValidUtf8(f.message)}});
    }
    body["errors"] = std::move(fields);
  }
  Response res{static_cast<beast_http::status>(status), version};
  res.set(beast_http::field::content_type, "application/problem+json");
  if (error.retry_after_seconds() > 0) {
    res.set(beast_http::field::retry_after, std::to_string(error.retry_after_seconds()));
  }
  res.keep_alive(keep_alive);
  res.body() = boost::json::serialize(body);
  res.prepare_payload();
  return res;
}

}  // namespace roster::http
