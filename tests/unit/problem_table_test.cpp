// The one table from error code to HTTP status and title.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "http/problem_json.hpp"

namespace roster::http {
namespace {

using domain::Error;
using domain::ErrorCode;

// The contract's ErrorCode enum, read from api/openapi.yaml.
std::set<std::string> ContractCodes() {
  std::ifstream in(ROSTER_OPENAPI_PATH);
  std::set<std::string> codes;
  std::string line;
  bool in_error_code = false;
  bool in_enum = false;
  while (std::getline(in, line)) {
    if (line == "    ErrorCode:") {
      in_error_code = true;
    } else if (in_error_code && line == "      enum:") {
      in_enum = true;
    } else if (in_enum) {
      if (!line.starts_with("        - ")) break;
      codes.insert(line.substr(10));
    }
  }
  return codes;
}

TEST(ProblemTable, ContractStatuses) {
  const std::pair<ErrorCode, int> expected[] = {
      {ErrorCode::kInvalidJson, 400},
      {ErrorCode::kPayloadTooLarge, 413},
      {ErrorCode::kValidationFailed, 422},
      {ErrorCode::kUnauthenticated, 401},
      {ErrorCode::kInvalidCredentials, 401},
      {ErrorCode::kWrongCurrentPassword, 403},  // POST /me/password
      {ErrorCode::kAccountRemoved, 403},
      {ErrorCode::kCsrfFailed, 403},
      {ErrorCode::kRateLimited, 429},
      {ErrorCode::kOrganizationRequired, 403},
      {ErrorCode::kNotAMember, 403},
      {ErrorCode::kAdminRequired, 403},
      {ErrorCode::kNotFound, 404},
      {ErrorCode::kEmailRegistered, 409},
      {ErrorCode::kEmailInvited, 409},
      {ErrorCode::kUsernameTaken, 409},
      {ErrorCode::kOrganizationNameTaken, 409},
      {ErrorCode::kAlreadyInOrganization, 409},
      {ErrorCode::kLastAdmin, 409},
      {ErrorCode::kCannotRemoveSelf, 409},
      {ErrorCode::kMemberRemoved, 409},
      {ErrorCode::kInvitationAccepted, 409},
      {ErrorCode::kInvitationRevoked, 409},
      {ErrorCode::kInvitationLinkRevoked, 410},
      {ErrorCode::kInvitationExpired, 410},
      {ErrorCode::kBadRequest, 400},
      {ErrorCode::kUnsupportedMediaType, 415},
      {ErrorCode::kMethodNotAllowed, 405},
      {ErrorCode::kServiceUnavailable, 503},
      {ErrorCode::kInternal, 500},
      {ErrorCode::kEmailUnverified, 403},
      {ErrorCode::kLinkInvalid, 410},
      {ErrorCode::kApplicationPublic, 409},  // rotate-secret of a public application
  };
  EXPECT_EQ(std::size(expected), std::size(domain::kErrorTable));
  for (const auto& [code, status] : expected) {
    EXPECT_EQ(domain::Spec(code).status, status) << ToString(code);
    EXPECT_FALSE(domain::Spec(code).title.empty()) << ToString(code);
  }
  EXPECT_EQ(domain::Spec(ErrorCode::kAdminRequired).title, "Admin access required");
}

TEST(ProblemTable, WireNamesAreExactlyTheContractCodes) {
  const auto contract = ContractCodes();
  ASSERT_GE(contract.size(), 30u) << "ErrorCode enum not found in " << ROSTER_OPENAPI_PATH;
  std::set<std::string> ours;
  for (const auto& spec : domain::kErrorTable) {
    EXPECT_TRUE(contract.count(std::string(spec.name))) << spec.name << " is not a contract code";
    ours.insert(std::string(spec.name));
  }
  for (const auto& code : contract) EXPECT_TRUE(ours.count(code)) << code << " has no row";
  EXPECT_EQ(ToString(ErrorCode::kLastAdmin), "last_admin");
  EXPECT_EQ(ToString(ErrorCode::kInternal), "internal_error");
}

// Two codes share a wire name only to answer with a different status: a revoked invitation is a
// conflict for the admin (409) and a dead link for its recipient (410); wrong credentials are
// 401 at login and 403 for a signed-in caller's current password (POST /me/password).
TEST(ProblemTable, OnlyRevokedInvitationsAndWrongPasswordsShareAWireName) {
  std::map<std::string_view, int> uses;
  for (const auto& spec : domain::kErrorTable) ++uses[spec.name];
  for (const auto& [name, count] : uses) {
    const bool shared = name == "invitation_revoked" || name == "invalid_credentials";
    EXPECT_EQ(count, shared ? 2 : 1) << name;
  }
}

TEST(ProblemTable, ConflictsCarryTheirOneSentence) {
  for (const auto code :
       {ErrorCode::kEmailRegistered, ErrorCode::kEmailInvited, ErrorCode::kUsernameTaken,
        ErrorCode::kOrganizationNameTaken, ErrorCode::kAlreadyInOrganization}) {
    const auto error = domain::Conflict(code);
    EXPECT_EQ(error.code(), code);
    EXPECT_FALSE(error.detail().empty()) << ToString(code);
    EXPECT_EQ(error.detail(), domain::Spec(code).conflict);
  }
}

TEST(ProblemResponse, DocumentShape) {
  auto res = ProblemResponse(
      Error(ErrorCode::kValidationFailed, "bad", {{"email", "invalid", "Enter a valid email"}}), 11,
      true);
  EXPECT_EQ(res.result_int(), 422);
  EXPECT_EQ(res[boost::beast::http::field::content_type], "application/problem+json");
  const auto doc = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(doc.at("status").as_int64(), 422);
  EXPECT_EQ(doc.at("code").as_string(), "validation_failed");
  EXPECT_EQ(doc.at("title").as_string(), "Validation failed");
  EXPECT_TRUE(doc.contains("type"));
  EXPECT_EQ(doc.at("errors").as_array().at(0).as_object().at("field").as_string(), "email");
}

// Found by tests/fuzz (fuzz_http_request): a detail or message that echoes client bytes which are
// not UTF-8 must still give a JSON document (the bytes become U+FFFD).
TEST(ProblemResponse, EchoedBytesThatAreNotUtf8StayJson) {
  const Error error(ErrorCode::kValidationFailed, "bad \xFF",
                    {{"status", "invalid", "Unknown invitation status: \xFF\xC3"}});
  const auto res = ProblemResponse(error, 11, true);
  boost::json::error_code ec;
  const auto doc = boost::json::parse(res.body(), ec);
  ASSERT_FALSE(ec) << res.body();
  EXPECT_EQ(doc.at("detail").as_string(), "bad \xEF\xBF\xBD");
  EXPECT_EQ(doc.at("errors").at(0).at("message").as_string(),
            "Unknown invitation status: \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(ProblemResponse, StatusComesFromTheTableAndRetryAfterFromTheError) {
  const auto gone = ProblemResponse(Error(ErrorCode::kInvitationLinkRevoked), 11, true);
  EXPECT_EQ(gone.result_int(), 410);
  const auto doc = boost::json::parse(gone.body()).as_object();
  EXPECT_EQ(doc.at("status").as_int64(), 410);
  EXPECT_EQ(doc.at("code").as_string(), "invitation_revoked");
  EXPECT_EQ(ProblemResponse(Error(ErrorCode::kInvitationRevoked), 11, true).result_int(), 409);
  auto limited = ProblemResponse(Error(ErrorCode::kRateLimited).RetryAfter(42), 11, true);
  EXPECT_EQ(limited.result_int(), 429);
  EXPECT_EQ(limited[boost::beast::http::field::retry_after], "42");
}

}  // namespace
}  // namespace roster::http
