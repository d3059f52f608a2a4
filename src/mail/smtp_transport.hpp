#pragma once
// Sends messages over SMTP with libcurl: TLS on smtps://; on smtp://, STARTTLS when offered, and
// required (no STARTTLS, no credentials sent, no mail) when the URL carries credentials; AUTH
// with the URL's credentials, a multipart/alternative MIME message.
#include <chrono>
#include <string>

#include "mail/mail_transport.hpp"
#include "mail/smtp_url.hpp"

namespace roster::mail {

struct SmtpSettings {
  std::string url;                        // ROSTER_SMTP_URL
  std::string from = "roster@localhost";  // ROSTER_MAIL_FROM: "a@b" or "Name <a@b>"
  std::chrono::seconds timeout{15};       // connect timeout; the whole exchange gets twice that
};

class SmtpTransport : public MailTransport {
 public:
  // Throws std::invalid_argument when the URL is not smtp:// or smtps://.
  explicit SmtpTransport(SmtpSettings settings);

  SendResult Send(const app::OutboxMessage& message) override;
  // The MIME text Send() would upload (exposed for tests).
  std::string Render(const app::OutboxMessage& message) const;
  // smtp:// with credentials: the password may only travel inside STARTTLS.
  bool RequiresStartTls() const { return endpoint_.SendsCredentialsInStartTls(); }

 private:
  // Endpoint, TLS, credentials and timeouts of one connection.
  void Configure(void* curl, char* errbuf) const;

  SmtpEndpoint endpoint_;
  std::string from_header_;
  std::string from_address_;
  std::chrono::seconds timeout_;
};

}  // namespace roster::mail
