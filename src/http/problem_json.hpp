#pragma once
// Errors on the wire: RFC 9457 problem documents. Status and title come from domain::kErrorTable.
#include "domain/error.hpp"
#include "http/types.hpp"

namespace roster::http {

// The problem+json response for `error`.
Response ProblemResponse(const domain::Error& error, unsigned version, bool keep_alive);

}  // namespace roster::http
