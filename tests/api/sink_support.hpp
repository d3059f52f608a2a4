#pragma once
// An SMTP sink for API tests (tests/support/smtp_sink.py run by /usr/bin/python3 on a free
// loopback port) and a small MIME reader for what it receives. Adapted from tests/mail.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace roster::testing::sink {

class SmtpSink {
 public:
  SmtpSink();  // starts the sink in a fresh temporary directory; throws if it does not start
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& dir() const { return dir_; }

  // While failing (the file DIR/FAIL exists), the sink answers 451 to every message.
  void SetFailing(bool failing);
  // The raw .eml files received so far, in order.
  std::vector<std::string> Messages() const;
  // Waits until at least `count` messages arrived; returns them.
  std::vector<std::string> WaitForMessages(std::size_t count,
                                           std::chrono::milliseconds timeout) const;
  // The envelope ("MAIL FROM:...\nRCPT TO:...\n") of message number `index` (0-based).
  std::string Envelope(std::size_t index) const;

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

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

// The decoded text/plain content of a message (the text/plain part of a multipart one).
std::string PlainText(const ParsedMessage& message);
// The decoded text/html part ("" when there is none).
std::string HtmlText(const ParsedMessage& message);
// The first "<base>/invite/<token>" link in `text`: the token (base64url characters); "" if none.
std::string InviteTokenIn(std::string_view text, std::string_view base);

}  // namespace roster::testing::sink
