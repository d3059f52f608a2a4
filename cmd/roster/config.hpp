#pragma once
// Roster's configuration: the contract's environment variables (each also a --flag), checked
// up front so that a bad value is one clear line naming the variable.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/oidc/provider.hpp"
#include "domain/time.hpp"
#include "http/client_address.hpp"
#include "http/return_hosts.hpp"

namespace roster::cmd {

struct Config {
  std::string listen = "127.0.0.1:8080";       // ROSTER_LISTEN
  std::string database_url = "sqlite:data/roster.db";  // ROSTER_DATABASE_URL
  std::string public_url;                      // ROSTER_PUBLIC_URL (default http:// + listen)
  std::string smtp_url;                        // ROSTER_SMTP_URL (empty: log only)
  std::string mail_from = "roster@localhost";  // ROSTER_MAIL_FROM
  std::string invitation_ttl = "7d";           // ROSTER_INVITATION_TTL
  std::string email_verification_ttl = "24h";  // ROSTER_EMAIL_VERIFICATION_TTL
  std::string password_reset_ttl = "1h";       // ROSTER_PASSWORD_RESET_TTL
  std::string log_format = "text";             // ROSTER_LOG_FORMAT: text | json
  int threads = 2;                             // ROSTER_THREADS: network threads
  // ROSTER_DB_THREADS: threads for database reads; 0 picks one per core (at least 2) on SQLite,
  // where a read is CPU work, and 4 on PostgreSQL, where a read mostly waits for the server.
  // Writes get their own pool of max(16, 2 x this): writers mostly wait for the one writer, and
  // the more wait, the more transactions one group commit carries.
  int db_threads = 0;
  int login_max_failures = 10;                 // ROSTER_LOGIN_MAX_FAILURES per email / 15 min
  int invitations_per_hour = 100;              // ROSTER_INVITATIONS_PER_HOUR per organization
  int max_pending_invitations = 1000;          // ROSTER_MAX_PENDING_INVITATIONS per organization
  int resends_per_invitation = 3;              // ROSTER_RESENDS_PER_INVITATION per hour
  int mails_per_recipient = 20;                // ROSTER_MAILS_PER_RECIPIENT per address and hour
  int signups_per_client = 300;                // ROSTER_SIGNUPS_PER_CLIENT per address and hour
  int activations_per_client = 300;            // ROSTER_ACTIVATIONS_PER_CLIENT per address, hour
  // Slow-client defences (lowered by the slowloris test): the time allowed for a whole request
  // (header and body; also how long an idle keep-alive connection stays open), and the number
  // of open connections beyond which new ones are closed at once.
  std::string read_timeout = "30s";            // ROSTER_READ_TIMEOUT
  int max_connections = 2048;                  // ROSTER_MAX_CONNECTIONS
  // Peers (addresses, CIDR networks) whose X-Forwarded-For names the client; "" trusts none.
  std::string trusted_proxies;                 // ROSTER_TRUSTED_PROXIES
  // Password hashes (signup, login, accept) waiting for the hashing pool beyond which such
  // requests get 503 at once: bounds the work anyone can cause without signing in.
  int hash_queue = 64;                         // ROSTER_HASH_QUEUE
  // Bearer token of GET /metrics; "" turns the endpoint off (it answers like an unknown path).
  std::string metrics_token;                   // ROSTER_METRICS_TOKEN
  // The session cookie's Domain (e.g. example.com: apps on its subdomains see the session,
  // for forward auth); "" keeps it to the public URL's host.
  std::string cookie_domain;                   // ROSTER_COOKIE_DOMAIN
  // Hosts return_to may lead to after sign-in; "" is the public URL's host.
  std::string allowed_return_hosts;            // ROSTER_ALLOWED_RETURN_HOSTS
  std::string access_token_ttl = "5m";         // ROSTER_ACCESS_TOKEN_TTL (OpenID Connect)

  // Filled by Validate():
  std::string host;
  unsigned short port = 0;
  domain::Duration ttl{};
  domain::Duration verification_ttl{};
  domain::Duration reset_ttl{};
  domain::Duration access_ttl{};
  std::chrono::seconds read_timeout_seconds{30};
  http::TrustedProxies proxies;
  http::ReturnHosts return_hosts;
};

// The OpenID Connect provider's settings from the configuration.
app::OidcSettings OidcSettingsOf(const Config& config);

// Checks every value; returns the one-line error for the first bad one.
std::optional<std::string> Validate(Config& config);
// Settings that work but deserve a line in the log at start (e.g. SMTP credentials that a
// server without STARTTLS will never get).
std::vector<std::string> StartupWarnings(const Config& config);

}  // namespace roster::cmd
