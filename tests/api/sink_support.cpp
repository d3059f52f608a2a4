#include "sink_support.hpp"

#include <cctype>

namespace roster::testing::sink {

namespace {
std::string PartOfType(const ParsedMessage& message, std::string_view type) {
  for (const auto& part : message.parts) {
    const auto it = part.headers.find("content-type");
    if (it == part.headers.end()) continue;
    std::string content_type = it->second;
    for (auto& c : content_type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (content_type.rfind(type, 0) == 0) return part.body;
  }
  return {};
}
}  // namespace

std::string PlainText(const ParsedMessage& message) {
  if (message.parts.empty()) return message.body;
  return PartOfType(message, "text/plain");
}

std::string HtmlText(const ParsedMessage& message) { return PartOfType(message, "text/html"); }

std::string InviteTokenIn(std::string_view text, std::string_view base) {
  const std::string prefix = std::string(base) + "/invite/";
  const auto at = text.find(prefix);
  if (at == std::string_view::npos) return {};
  std::string token;
  for (std::size_t i = at + prefix.size(); i < text.size(); ++i) {
    const char c = text[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) break;
    token += c;
  }
  return token;
}

}  // namespace roster::testing::sink
