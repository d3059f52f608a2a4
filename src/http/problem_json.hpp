#pragma once
// Errors on the wire: RFC 9457 problem documents, one table from ErrorCode to status and title.
#include <string_view>

#include "domain/error.hpp"
#include "http/types.hpp"

namespace roster::http {

struct ProblemInfo {
  int status;
  std::string_view title;
};

ProblemInfo LookupProblem(domain::ErrorCode code);

// The problem+json response for `error` (410 when the error says the resource is gone).
Response ProblemResponse(const domain::Error& error, unsigned version, bool keep_alive);

}  // namespace roster::http
