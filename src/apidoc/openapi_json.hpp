#pragma once
// The project's OpenAPI document (api/openapi.yaml), converted to JSON at build time.
#include <string_view>

namespace roster::apidoc {

extern const std::string_view kOpenApiJson;

}  // namespace roster::apidoc
