#include "mime_reader.hpp"

#include <cctype>
#include <stdexcept>

namespace roster::test_support {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits "headers CRLF CRLF body"; unfolds continuation lines.
std::map<std::string, std::string> ParseHeaders(std::string_view block) {
  std::map<std::string, std::string> headers;
  std::string last;
  std::size_t pos = 0;
  while (pos < block.size()) {
    auto end = block.find("\r\n", pos);
    if (end == std::string_view::npos) end = block.size();
    const std::string_view line = block.substr(pos, end - pos);
    pos = end + 2;
    if (line.empty()) continue;
    if ((line[0] == ' ' || line[0] == '\t') && !last.empty()) {
      headers[last] += std::string(line);
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) throw std::runtime_error("bad header line");
    last = Lower(line.substr(0, colon));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    headers[last] = std::string(value);
  }
  return headers;
}

std::string DecodeBody(const std::map<std::string, std::string>& headers, std::string_view body) {
  const auto it = headers.find("content-transfer-encoding");
  const std::string cte = it == headers.end() ? "" : Lower(it->second);
  if (cte == "quoted-printable") return DecodeQuotedPrintable(body);
  if (cte == "base64") return DecodeBase64(body);
  return std::string(body);
}

std::string BoundaryOf(const std::string& content_type) {
  const auto at = content_type.find("boundary=");
  if (at == std::string::npos) return {};
  std::string value = content_type.substr(at + 9);
  if (!value.empty() && value[0] == '"') value = value.substr(1, value.find('"', 1) - 1);
  return value;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

ParsedMessage ParseMessage(std::string_view raw) {
  const auto split = raw.find("\r\n\r\n");
  if (split == std::string_view::npos) throw std::runtime_error("no header/body separator");
  ParsedMessage message;
  message.headers = ParseHeaders(raw.substr(0, split + 2));
  const std::string_view body = raw.substr(split + 4);
  const std::string boundary = BoundaryOf(message.headers["content-type"]);
  if (boundary.empty()) {
    message.body = DecodeBody(message.headers, body);
    return message;
  }
  const std::string delimiter = "--" + boundary;
  std::size_t pos = body.find(delimiter);
  while (pos != std::string_view::npos) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") break;  // close delimiter
    pos += 2;                                // CRLF after the delimiter
    const auto next = body.find("\r\n" + delimiter, pos);
    if (next == std::string_view::npos) throw std::runtime_error("unterminated part");
    const std::string_view part = body.substr(pos, next - pos);
    const auto part_split = part.find("\r\n\r\n");
    if (part_split == std::string_view::npos) throw std::runtime_error("bad part");
    MimePart mime_part;
    mime_part.headers = ParseHeaders(part.substr(0, part_split + 2));
    mime_part.body = DecodeBody(mime_part.headers, part.substr(part_split + 4));
    message.parts.push_back(std::move(mime_part));
    pos = next + 2;
  }
  return message;
}

std::string DecodeQuotedPrintable(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '=') {
      if (in[i] == '\r' && i + 1 < in.size() && in[i + 1] == '\n') {
        out += '\n';
        ++i;
      } else {
        out += in[i];
      }
      continue;
    }
    if (in.substr(i + 1, 2) == "\r\n") {  // soft line break
      i += 2;
      continue;
    }
    const int hi = i + 1 < in.size() ? HexValue(in[i + 1]) : -1;
    const int lo = i + 2 < in.size() ? HexValue(in[i + 2]) : -1;
    if (hi < 0 || lo < 0) throw std::runtime_error("bad quoted-printable escape");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string DecodeBase64(std::string_view in) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : in) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '+') v = 62;
    if (c == '/') v = 63;
    if (v < 0) continue;  // '=', CR, LF
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

std::string DecodeEncodedWords(std::string_view value) {
  std::string out;
  std::size_t pos = 0;
  bool previous_was_word = false;
  while (pos < value.size()) {
    const auto start = value.find("=?", pos);
    if (start == std::string_view::npos) {
      out += std::string(value.substr(pos));
      break;
    }
    const std::string_view between = value.substr(pos, start - pos);
    // Whitespace between two adjacent encoded-words is dropped (RFC 2047 6.2).
    if (!(previous_was_word && between.find_first_not_of(" \t\r\n") == std::string_view::npos)) {
      out += std::string(between);
    }
    const auto q1 = value.find('?', start + 2);
    const auto q2 = value.find('?', q1 + 1);
    const auto end = value.find("?=", q2 + 1);
    if (q1 == std::string_view::npos || q2 == std::string_view::npos ||
        end == std::string_view::npos || Lower(value.substr(q1 + 1, q2 - q1 - 1)) != "b") {
      throw std::runtime_error("unsupported encoded-word");
    }
    out += DecodeBase64(value.substr(q2 + 1, end - q2 - 1));
    pos = end + 2;
    previous_was_word = true;
  }
  return out;
}

bool LinesWellFormed(std::string_view raw, std::size_t max) {
  std::size_t pos = 0;
  while (pos < raw.size()) {
    const auto end = raw.find("\r\n", pos);
    if (end == std::string_view::npos) return false;  // last line without CRLF
    const std::string_view line = raw.substr(pos, end - pos);
    if (line.size() > max) return false;
    if (line.find('\r') != std::string_view::npos || line.find('\n') != std::string_view::npos) {
      return false;
    }
    pos = end + 2;
  }
  return true;
}

}  // namespace roster::test_support
