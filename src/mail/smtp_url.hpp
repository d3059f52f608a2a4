#pragma once
// ROSTER_SMTP_URL: "smtp://host:port" (STARTTLS when offered; required when the URL carries
// credentials) or "smtps://user:pass@host:port" (TLS from the start). Credentials come from the
// userinfo, URL-decoded.
#include <optional>
#include <string>
#include <string_view>

namespace roster::mail {

struct SmtpEndpoint {
  std::string url;       // scheme://host:port/ without userinfo: safe to log
  std::string username;  // decoded; empty: no AUTH
  std::string password;  // decoded
  bool implicit_tls = false;

  // smtp:// with credentials: they must wait for STARTTLS (never sent in clear text).
  bool SendsCredentialsInStartTls() const { return !implicit_tls && !username.empty(); }
};

// nullopt for anything that is not an smtp:// or smtps:// URL with a host.
std::optional<SmtpEndpoint> ParseSmtpUrl(std::string_view url);

}  // namespace roster::mail
