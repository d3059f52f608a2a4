#include "mail/mail_transport.hpp"

#include <spdlog/spdlog.h>

#include <cctype>

#include "mail/smtp_transport.hpp"

namespace roster::mail {

SendResult LogTransport::Send(const app::OutboxMessage& message) {
  // Development mode only (no SMTP configured): the link is meant to be read from here.
  spdlog::info("mail (no SMTP configured, not sent) message {} to {}\nSubject: {}\nLink: {}\n\n{}",
               message.id, message.recipient, message.subject, message.link, message.body_text);
  return SendResult::Disabled();
}

std::unique_ptr<MailTransport> MakeTransport(const MailConfig& config) {
  if (config.smtp_url.empty()) return std::make_unique<LogTransport>();
  SmtpSettings settings;
  settings.url = config.smtp_url;
  settings.from = config.from;
  settings.timeout = config.smtp_timeout;
  return std::make_unique<SmtpTransport>(std::move(settings));
}

std::string RecipientDomain(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return {};
  std::string domain(address.substr(at + 1));
  for (char& c : domain) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return domain;
}

}  // namespace roster::mail
