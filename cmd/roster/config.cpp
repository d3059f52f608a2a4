#include "config.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <thread>

#include "mail/smtp_url.hpp"
#include "store/open_store.hpp"

namespace roster::cmd {
namespace {

bool ParsePort(std::string_view text, unsigned short& port) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value > 65535) return false;
  port = static_cast<unsigned short>(value);
  return true;
}

bool ValidHttpUrl(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  return parsed && (parsed->scheme() == "http" || parsed->scheme() == "https") &&
         parsed->has_authority() && !parsed->host().empty() && !parsed->has_query();
}

// ROSTER_COOKIE_DOMAIN must cover the public URL's host, or browsers drop the cookie.
bool CoversPublicHost(const std::string& domain, const std::string& public_host) {
  if (domain.empty() || public_host == domain) return true;
  const bool ip_literal = public_host.starts_with('[') ||
                          public_host.find_first_not_of("0123456789.") == std::string::npos;
  if (ip_literal) return false;  // an IP address has no parent domain
  return domain.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") == std::string::npos &&
         domain.front() != '.' && public_host.ends_with("." + domain);
}

std::optional<std::string> ValidateForwardAuth(Config& c) {
  const std::string public_host = http::HostOf(c.public_url);
  std::transform(c.cookie_domain.begin(), c.cookie_domain.end(), c.cookie_domain.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (c.cookie_domain.starts_with('.')) c.cookie_domain.erase(0, 1);
  if (!CoversPublicHost(c.cookie_domain, public_host)) {
    return "ROSTER_COOKIE_DOMAIN: '" + c.cookie_domain + "' must be the host of ROSTER_PUBLIC_URL (" +
           public_host + ") or a parent domain of it, e.g. example.com";
  }
  auto hosts = http::ReturnHosts::Parse(c.allowed_return_hosts.empty() ? public_host
                                                                         : c.allowed_return_hosts);
  if (!hosts) {
    return "ROSTER_ALLOWED_RETURN_HOSTS: '" + c.allowed_return_hosts +
           "' must be host names or IP addresses (each optionally :port) separated by commas";
  }
  c.return_hosts = *hosts;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Validate(Config& c) {
  const auto colon = c.listen.rfind(':');
  if (colon == std::string::npos || !ParsePort(c.listen.substr(colon + 1), c.port)) {
    return "ROSTER_LISTEN: '" + c.listen + "' must be host:port, e.g. 127.0.0.1:8080";
  }
  c.host = c.listen.substr(0, colon);
  if (c.host == "localhost") c.host = "127.0.0.1";
  if (c.host.size() > 2 && c.host.front() == '[' && c.host.back() == ']') {
    c.host = c.host.substr(1, c.host.size() - 2);
  }
  boost::system::error_code ec;
  boost::asio::ip::make_address(c.host, ec);
  if (ec) return "ROSTER_LISTEN: '" + c.listen + "' must name an IP address (or localhost) and a port";

  if (!store::IsSupportedDatabaseUrl(c.database_url)) {
    return "ROSTER_DATABASE_URL: '" + c.database_url +
           "' must be sqlite:PATH or postgresql://user@host:port/dbname";
  }
  if (c.public_url.empty()) c.public_url = "http://" + c.listen;
  while (c.public_url.size() > 1 && c.public_url.back() == '/') c.public_url.pop_back();
  if (!ValidHttpUrl(c.public_url)) {
    return "ROSTER_PUBLIC_URL: '" + c.public_url + "' must be an http:// or https:// URL";
  }
  if (!c.smtp_url.empty() && !c.smtp_url.starts_with("smtp://") &&
      !c.smtp_url.starts_with("smtps://")) {
    return "ROSTER_SMTP_URL: must be smtp://host:port or smtps://user:pass@host:port";
  }
  const auto at = c.mail_from.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == c.mail_from.size() ||
      c.mail_from.find_first_of(" <>\r\n") != std::string::npos) {
    return "ROSTER_MAIL_FROM: '" + c.mail_from + "' must be an address like roster@example.com";
  }
  auto ttl = domain::ParseDuration(c.invitation_ttl);
  if (!ttl) {
    return "ROSTER_INVITATION_TTL: '" + c.invitation_ttl +
           "' must be a positive duration like 90s, 15m, 12h or 7d";
  }
  c.ttl = *ttl;
  auto verification_ttl = domain::ParseDuration(c.email_verification_ttl);
  if (!verification_ttl) {
    return "ROSTER_EMAIL_VERIFICATION_TTL: '" + c.email_verification_ttl +
           "' must be a positive duration like 90s, 15m, 12h or 7d";
  }
  c.verification_ttl = *verification_ttl;
  auto reset_ttl = domain::ParseDuration(c.password_reset_ttl);
  if (!reset_ttl) {
    return "ROSTER_PASSWORD_RESET_TTL: '" + c.password_reset_ttl +
           "' must be a positive duration like 90s, 15m, 12h or 7d";
  }
  c.reset_ttl = *reset_ttl;
  auto access_ttl = domain::ParseDuration(c.access_token_ttl);
  if (!access_ttl || *access_ttl > std::chrono::hours(24)) {
    return "ROSTER_ACCESS_TOKEN_TTL: '" + c.access_token_ttl +
           "' must be a duration from 1s to 24h, like 5m";
  }
  c.access_ttl = *access_ttl;
  if (c.log_format != "text" && c.log_format != "json") {
    return "ROSTER_LOG_FORMAT: '" + c.log_format + "' must be text or json";
  }
  if (c.threads < 1 || c.threads > 64) return "ROSTER_THREADS: must be between 1 and 64";
  if (c.db_threads < 0 || c.db_threads > 64) {
    return "ROSTER_DB_THREADS: must be between 1 and 64 (0 or unset: automatic)";
  }
  if (c.db_threads == 0) {
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    c.db_threads = c.database_url.starts_with("sqlite:") ? std::clamp(cores, 2, 64) : 4;
  }
  if (c.login_max_failures < 1) return "ROSTER_LOGIN_MAX_FAILURES: must be at least 1";
  if (c.invitations_per_hour < 1) return "ROSTER_INVITATIONS_PER_HOUR: must be at least 1";
  if (c.max_pending_invitations < 1) return "ROSTER_MAX_PENDING_INVITATIONS: must be at least 1";
  if (c.resends_per_invitation < 1) return "ROSTER_RESENDS_PER_INVITATION: must be at least 1";
  if (c.mails_per_recipient < 1) return "ROSTER_MAILS_PER_RECIPIENT: must be at least 1";
  if (c.signups_per_client < 1) return "ROSTER_SIGNUPS_PER_CLIENT: must be at least 1";
  if (c.activations_per_client < 1) return "ROSTER_ACTIVATIONS_PER_CLIENT: must be at least 1";
  auto read_timeout = domain::ParseDuration(c.read_timeout);
  if (!read_timeout || *read_timeout > std::chrono::hours(1)) {
    return "ROSTER_READ_TIMEOUT: '" + c.read_timeout + "' must be a duration from 1s to 1h, like 30s";
  }
  c.read_timeout_seconds = std::chrono::duration_cast<std::chrono::seconds>(*read_timeout);
  if (c.max_connections < 1) return "ROSTER_MAX_CONNECTIONS: must be at least 1";
  auto proxies = http::TrustedProxies::Parse(c.trusted_proxies);
  if (!proxies) {
    return "ROSTER_TRUSTED_PROXIES: '" + c.trusted_proxies +
           "' must be IP addresses or CIDR networks separated by commas, e.g. 10.0.0.1,fd00::/8";
  }
  c.proxies = *proxies;
  if (c.hash_queue < 0 || c.hash_queue > 100000) {
    return "ROSTER_HASH_QUEUE: must be between 0 and 100000";
  }
  const bool token_printable = std::all_of(c.metrics_token.begin(), c.metrics_token.end(),
                                           [](char ch) { return ch > ' ' && ch < 0x7f; });
  if (!c.metrics_token.empty() && (c.metrics_token.size() < 16 || !token_printable)) {
    return "ROSTER_METRICS_TOKEN: must be at least 16 visible ASCII characters (no spaces)";
  }
  if (auto error = ValidateForwardAuth(c)) return error;
  return std::nullopt;
}

app::OidcSettings OidcSettingsOf(const Config& config) {
  app::OidcSettings settings;
  settings.issuer = config.public_url;
  settings.access_token_ttl = config.access_ttl;
  return settings;
}

std::vector<std::string> StartupWarnings(const Config& c) {
  std::vector<std::string> warnings;
  const auto smtp = mail::ParseSmtpUrl(c.smtp_url);
  if (smtp && smtp->SendsCredentialsInStartTls()) {
    warnings.push_back(
        "ROSTER_SMTP_URL carries credentials on smtp://: they are sent only after STARTTLS, so "
        "a server that does not offer STARTTLS gets neither them nor any mail (messages stay "
        "FAILED); smtps:// uses TLS from the start");
  }
  return warnings;
}

}  // namespace roster::cmd
