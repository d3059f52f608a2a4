#pragma once
// How a message leaves the server: SMTP, or the log in development mode.
#include <memory>
#include <string>
#include <string_view>

#include "app/ports.hpp"
#include "mail/mail_config.hpp"

namespace roster::mail {

enum class SendStatus {
  kSent,      // accepted by the SMTP server
  kDisabled,  // not sent: no SMTP configured (written to the log instead)
  kFailed,    // not sent: `error` says why; worth retrying
};

struct SendResult {
  SendStatus status = SendStatus::kFailed;
  std::string error;  // never contains the link, the bodies or credentials
  // A failure that waiting will not cure (the configuration or the server must change): the
  // message shows FAILED from this attempt on instead of after a few retries.
  bool needs_operator = false;

  static SendResult Sent() { return {SendStatus::kSent, {}}; }
  static SendResult Disabled() { return {SendStatus::kDisabled, {}}; }
  static SendResult Failed(std::string why) { return {SendStatus::kFailed, std::move(why)}; }
  static SendResult Refused(std::string why) { return {SendStatus::kFailed, std::move(why), true}; }
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Sends one message. Called from one thread at a time per transport.
  virtual SendResult Send(const app::OutboxMessage& message) = 0;
  // False when a send has no effect outside this process (the log): the worker may then record
  // a whole batch of outcomes in one transaction, since a crash before that record can repeat
  // a log line but never an email. Otherwise each outcome is recorded before the next send.
  virtual bool ReachesRecipients() const { return true; }
};

// Development mode: writes each message, link included, to the log at info; reports DISABLED.
class LogTransport : public MailTransport {
 public:
  SendResult Send(const app::OutboxMessage& message) override;
  bool ReachesRecipients() const override { return false; }
};

// SMTP when config.smtp_url is set, else the log. Throws std::invalid_argument for a bad URL.
std::unique_ptr<MailTransport> MakeTransport(const MailConfig& config);

// "ann@Example.org" -> "example.org" (for logs); "" when there is no '@'.
std::string RecipientDomain(std::string_view address);

}  // namespace roster::mail
