// Adapted from tests/mail/smtp_sink.cpp and tests/mail/mime_reader.cpp (not shared with
// mail_test, which is a separate binary).
#include "sink_support.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef ROSTER_SMTP_SINK
#error "ROSTER_SMTP_SINK must name tests/support/smtp_sink.py"
#endif

namespace roster::testing::sink {
namespace fs = std::filesystem;


namespace {
std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}
}  // namespace

SmtpSink::SmtpSink() {
  std::string tmpl = (fs::temp_directory_path() / "roster-sink-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    const std::string dir = dir_.string();
    execl("/usr/bin/python3", "python3", ROSTER_SMTP_SINK, "--port", "0", "--dir", dir.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  FILE* out = fdopen(fds[0], "r");
  char line[128] = {};
  const bool got = out != nullptr && std::fgets(line, sizeof line, out) != nullptr;
  if (out != nullptr) std::fclose(out);
  if (!got || std::sscanf(line, "ready %d", &port_) != 1 || port_ <= 0) {
    throw std::runtime_error("smtp_sink.py did not become ready");
  }
}

SmtpSink::~SmtpSink() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void SmtpSink::SetFailing(bool failing) {
  const fs::path flag = dir_ / "FAIL";
  if (failing) {
    std::ofstream(flag) << "1";
  } else {
    fs::remove(flag);
  }
}

std::vector<std::string> SmtpSink::Messages() const {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    if (entry.path().extension() == ".eml" && entry.path().filename().string()[0] != '.') {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> messages;
  for (const auto& file : files) messages.push_back(ReadFile(file));
  return messages;
}

std::vector<std::string> SmtpSink::WaitForMessages(std::size_t count,
                                                   std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto messages = Messages();
  while (messages.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    messages = Messages();
  }
  return messages;
}

std::string SmtpSink::Envelope(std::size_t index) const {
  char name[32];
  std::snprintf(name, sizeof name, "%04zu.env", index + 1);
  return ReadFile(dir_ / name);
}


// ---- MIME ----

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


namespace {
std::string PartOfType(const ParsedMessage& message, std::string_view type) {
  for (const auto& part : message.parts) {
    const auto it = part.headers.find("content-type");
    if (it != part.headers.end() && Lower(it->second).rfind(type, 0) == 0) return part.body;
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
