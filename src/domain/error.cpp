#include "domain/error.hpp"

namespace roster::domain {

Error::Error(ErrorCode code, std::string detail, std::vector<FieldError> fields)
    : std::runtime_error(std::string(ToString(code))),
      code_(code),
      detail_(std::move(detail)),
      fields_(std::move(fields)) {}

Error Conflict(ErrorCode code) { return Error(code, std::string(Spec(code).conflict)); }

}  // namespace roster::domain
