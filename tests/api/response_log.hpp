#pragma once
// Records every exchange of the API suite (when ROSTER_API_RECORD_DIR is set) so that
// tests/api/validate_responses.py can check each live response against api/openapi.yaml.
#include <string>

#include "harness.hpp"

namespace roster::testing {

void RecordExchange(const std::string& method, const std::string& target,
                    const HttpResult& result);

}  // namespace roster::testing
