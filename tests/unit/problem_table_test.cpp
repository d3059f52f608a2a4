// The one table from error code to HTTP status and title.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/problem_json.hpp"

namespace roster::http {
namespace {

using domain::Error;
using domain::ErrorCode;

TEST(ProblemTable, ContractStatuses) {
  const std::pair<ErrorCode, int> expected[] = {
      {ErrorCode::kInvalidJson, 400},           {ErrorCode::kPayloadTooLarge, 413},
      {ErrorCode::kValidationFailed, 422},      {ErrorCode::kUnauthenticated, 401},
      {ErrorCode::kInvalidCredentials, 401},    {ErrorCode::kAccountRemoved, 403},
      {ErrorCode::kCsrfFailed, 403},            {ErrorCode::kRateLimited, 429},
      {ErrorCode::kOrganizationRequired, 403},  {ErrorCode::kNotAMember, 403},
      {ErrorCode::kAdminRequired, 403},         {ErrorCode::kNotFound, 404},
      {ErrorCode::kEmailRegistered, 409},       {ErrorCode::kEmailInvited, 409},
      {ErrorCode::kUsernameTaken, 409},         {ErrorCode::kOrganizationNameTaken, 409},
      {ErrorCode::kAlreadyInOrganization, 409}, {ErrorCode::kLastAdmin, 409},
      {ErrorCode::kCannotRemoveSelf, 409},      {ErrorCode::kMemberRemoved, 409},
      {ErrorCode::kInvitationAccepted, 409},    {ErrorCode::kInvitationRevoked, 409},
      {ErrorCode::kInvitationExpired, 410},     {ErrorCode::kInternal, 500},
  };
  for (const auto& [code, status] : expected) {
    EXPECT_EQ(LookupProblem(code).status, status) << ToString(code);
    EXPECT_FALSE(LookupProblem(code).title.empty()) << ToString(code);
  }
  EXPECT_EQ(LookupProblem(ErrorCode::kAdminRequired).title, "Admin access required");
}

TEST(ProblemTable, WireNamesAreTheContractCodes) {
  EXPECT_EQ(ToString(ErrorCode::kLastAdmin), "last_admin");
  EXPECT_EQ(ToString(ErrorCode::kCannotRemoveSelf), "cannot_remove_self");
  EXPECT_EQ(ToString(ErrorCode::kOrganizationNameTaken), "organization_name_taken");
  EXPECT_EQ(ToString(ErrorCode::kInvitationExpired), "invitation_expired");
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

TEST(ProblemResponse, GoneAndRetryAfter) {
  auto gone = ProblemResponse(Error(ErrorCode::kInvitationRevoked).Gone(), 11, true);
  EXPECT_EQ(gone.result_int(), 410);
  auto limited = ProblemResponse(Error(ErrorCode::kRateLimited).RetryAfter(42), 11, true);
  EXPECT_EQ(limited.result_int(), 429);
  EXPECT_EQ(limited[boost::beast::http::field::retry_after], "42");
}

}  // namespace
}  // namespace roster::http
