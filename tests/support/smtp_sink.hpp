#pragma once
// Runs tests/support/smtp_sink.py (the one SMTP sink of all test suites) on a free loopback port
// for the lifetime of the object.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace roster::test_support {

struct SinkOptions {
  // Offer AUTH on a connection without STARTTLS and record every credential that arrives.
  bool offer_auth_without_tls = false;
};

class SmtpSink {
 public:
  // Starts the sink in a fresh temporary directory; throws if it does not start.
  explicit SmtpSink(SinkOptions options = {});
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& dir() const { return dir_; }

  // While failing, the sink answers 451 to every message.
  void SetFailing(bool failing);
  // The raw .eml files received so far, in order.
  std::vector<std::string> Messages() const;
  // Waits until at least `count` messages arrived; returns them.
  std::vector<std::string> WaitForMessages(std::size_t count,
                                           std::chrono::milliseconds timeout) const;
  // The envelope ("MAIL FROM:...\nRCPT TO:a,b\n") of message number `index` (0-based).
  std::string Envelope(std::size_t index) const;
  // With offer_auth_without_tls: every "MECHANISM LOGIN PASSWORD" the sink was given.
  std::vector<std::string> Credentials() const;

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

std::string ReadFile(const std::filesystem::path& path);

}  // namespace roster::test_support
