#pragma once
// A small, independent MIME reader for the tests: headers, multipart parts, QP/base64 bodies,
// RFC 2047 encoded-words. Strict where the encoder must be strict (CRLF, line lengths).
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace roster::test_support {

struct MimePart {
  std::map<std::string, std::string> headers;  // lower-cased names, unfolded values
  std::string body;                            // decoded
};

struct ParsedMessage {
  std::map<std::string, std::string> headers;  // lower-cased names, unfolded values
  std::vector<MimePart> parts;                 // of a multipart body; empty otherwise
  std::string body;                            // decoded body of a single-part message
};

ParsedMessage ParseMessage(std::string_view raw);
std::string DecodeQuotedPrintable(std::string_view encoded);
std::string DecodeBase64(std::string_view encoded);
std::string DecodeEncodedWords(std::string_view header_value);
// Every line ends with CRLF, no bare CR or LF, no line longer than `max` octets.
bool LinesWellFormed(std::string_view raw, std::size_t max);

}  // namespace roster::test_support
