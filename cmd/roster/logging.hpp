#pragma once
#include <string>

namespace roster::cmd {

// Text lines by default; with "json", one JSON object per line ({"ts","level",...}). A message
// that is itself a JSON object (the access log) is merged into the line.
void SetupLogging(const std::string& format);

}  // namespace roster::cmd
