// roster: serve | migrate | backup | admin | version | dev seed
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <spdlog/spdlog.h>

#include "admin.hpp"
#include "config.hpp"
#include "instance.hpp"
#include "logging.hpp"
#include "seed.hpp"
#include "store/open_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace {

constexpr const char* kVersion = "0.1.0";

void AddConfigOptions(CLI::App& command, roster::cmd::Config& c) {
  command.add_option("--listen", c.listen, "host:port to listen on")->envname("ROSTER_LISTEN");
  command.add_option("--database-url", c.database_url, "sqlite:PATH or postgresql://...")
      ->envname("ROSTER_DATABASE_URL");
  command.add_option("--public-url", c.public_url, "base URL used in links")
      ->envname("ROSTER_PUBLIC_URL");
  command.add_option("--smtp-url", c.smtp_url, "smtp://host:port or smtps://user:pass@host:port")
      ->envname("ROSTER_SMTP_URL");
  command.add_option("--mail-from", c.mail_from, "sender address")->envname("ROSTER_MAIL_FROM");
  command.add_option("--invitation-ttl", c.invitation_ttl, "invitation lifetime: 90s, 15m, 12h, 7d")
      ->envname("ROSTER_INVITATION_TTL");
  command.add_option("--email-verification-ttl", c.email_verification_ttl,
                     "lifetime of email verification links")
      ->envname("ROSTER_EMAIL_VERIFICATION_TTL");
  command.add_option("--password-reset-ttl", c.password_reset_ttl,
                     "lifetime of password reset links")
      ->envname("ROSTER_PASSWORD_RESET_TTL");
  command.add_option("--access-token-ttl", c.access_token_ttl,
                     "lifetime of OpenID Connect access tokens: 5m")
      ->envname("ROSTER_ACCESS_TOKEN_TTL");
  command.add_option("--log-format", c.log_format, "text or json")->envname("ROSTER_LOG_FORMAT");
  command.add_option("--threads", c.threads, "network threads")->envname("ROSTER_THREADS");
  command.add_option("--db-threads", c.db_threads, "database worker threads")
      ->envname("ROSTER_DB_THREADS");
  command.add_option("--login-max-failures", c.login_max_failures,
                     "failed logins per email in 15 minutes before 429")
      ->envname("ROSTER_LOGIN_MAX_FAILURES");
  command.add_option("--invitations-per-hour", c.invitations_per_hour,
                     "invitations an organization may create per hour")
      ->envname("ROSTER_INVITATIONS_PER_HOUR");
  command.add_option("--max-pending-invitations", c.max_pending_invitations,
                     "pending invitations an organization may hold")
      ->envname("ROSTER_MAX_PENDING_INVITATIONS");
  command.add_option("--resends-per-invitation", c.resends_per_invitation,
                     "times one invitation may be resent per hour")
      ->envname("ROSTER_RESENDS_PER_INVITATION");
  command.add_option("--mails-per-recipient", c.mails_per_recipient,
                     "emails one address may get per hour, whoever sends them")
      ->envname("ROSTER_MAILS_PER_RECIPIENT");
  command.add_option("--signups-per-client", c.signups_per_client,
                     "signups per client address and hour")
      ->envname("ROSTER_SIGNUPS_PER_CLIENT");
  command.add_option("--activations-per-client", c.activations_per_client,
                     "organization activations per client address and hour")
      ->envname("ROSTER_ACTIVATIONS_PER_CLIENT");
  command.add_option("--read-timeout", c.read_timeout,
                     "time allowed for a whole request, and for an idle keep-alive: 30s")
      ->envname("ROSTER_READ_TIMEOUT");
  command.add_option("--max-connections", c.max_connections,
                     "open connections beyond which new ones are closed at once")
      ->envname("ROSTER_MAX_CONNECTIONS");
  command.add_option("--trusted-proxies", c.trusted_proxies,
                     "proxies (addresses, CIDR networks) whose X-Forwarded-For names the client")
      ->envname("ROSTER_TRUSTED_PROXIES");
  command.add_option("--hash-queue", c.hash_queue,
                     "password hashes waiting beyond which signup/login/accept answer 503")
      ->envname("ROSTER_HASH_QUEUE");
  command.add_option("--metrics-token", c.metrics_token,
                     "bearer token for GET /metrics (unset: no metrics endpoint)")
      ->envname("ROSTER_METRICS_TOKEN");
  command.add_option("--cookie-domain", c.cookie_domain,
                     "Domain of the session cookie, shared with apps on its subdomains")
      ->envname("ROSTER_COOKIE_DOMAIN");
  command.add_option("--allowed-return-hosts", c.allowed_return_hosts,
                     "hosts (optionally :port) that return_to may lead to after sign-in")
      ->envname("ROSTER_ALLOWED_RETURN_HOSTS");
}

int CheckConfig(roster::cmd::Config& config) {
  if (auto error = roster::cmd::Validate(config)) {
    std::cerr << "roster: " << *error << "\n";
    return 2;
  }
  return 0;
}

int Serve(roster::cmd::Config& config) {
  if (int rc = CheckConfig(config)) return rc;
  roster::cmd::SetupLogging(config.log_format);
  for (const auto& warning : roster::cmd::StartupWarnings(config)) spdlog::warn("{}", warning);
  try {
    roster::cmd::Instance instance(config, nullptr, /*handle_signals=*/true);
    const auto port = instance.Listen();
    spdlog::info("roster {} listening on http://{}:{} (database {}, mail {})", kVersion,
                 config.host.find(':') != std::string::npos ? "[" + config.host + "]" : config.host,
                 port, config.database_url.starts_with("sqlite:") ? config.database_url : "postgresql",
                 config.smtp_url.empty() ? "to the log (ROSTER_SMTP_URL unset)" : "via SMTP");
    instance.Run();
    return 0;
  } catch (const std::exception& e) {
    spdlog::critical("roster cannot start: {}", e.what());
    return 1;
  }
}

int Migrate(roster::cmd::Config& config) {
  if (int rc = CheckConfig(config)) return rc;
  roster::cmd::SetupLogging(config.log_format);
  try {
    roster::store::OpenStore(config.database_url);  // opening applies pending migrations
    spdlog::info("database is up to date");
    return 0;
  } catch (const std::exception& e) {
    spdlog::critical("migration failed: {}", e.what());
    return 1;
  }
}

int Backup(roster::cmd::Config& config, const std::string& destination) {
  if (int rc = CheckConfig(config)) return rc;
  if (!config.database_url.starts_with("sqlite:")) {
    std::cerr << "roster: backup works on SQLite databases; use pg_dump for PostgreSQL\n";
    return 2;
  }
  roster::cmd::SetupLogging(config.log_format);
  try {
    roster::store::SqliteStore store(config.database_url.substr(7));
    store.Backup(destination);
    spdlog::info("backup written to {}", destination);
    return 0;
  } catch (const std::exception& e) {
    spdlog::critical("backup failed: {}", e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Roster: organization user management"};
  app.require_subcommand(1);
  roster::cmd::Config config;
  std::string backup_path;

  auto* serve = app.add_subcommand("serve", "Run the server (API and web UI)");
  AddConfigOptions(*serve, config);
  auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations and exit");
  AddConfigOptions(*migrate, config);
  auto* backup = app.add_subcommand("backup", "Write a consistent copy of the SQLite database");
  AddConfigOptions(*backup, config);
  backup->add_option("path", backup_path, "destination file")->required();
  auto* admin = app.add_subcommand("admin", "Break-glass commands on the database itself");
  admin->require_subcommand(1);
  roster::cmd::AdminOptions admin_options;
  auto* promote = admin->add_subcommand("promote", "Make an ACTIVE member an ADMIN");
  promote->add_option("--org", admin_options.org, "organization name")->required();
  promote->add_option("--email", admin_options.email, "the member's email")->required();
  auto* reset_link = admin->add_subcommand("reset-link", "Print a one-time password-reset link");
  reset_link->add_option("--email", admin_options.email, "the account's email")->required();
  auto* orgs = admin->add_subcommand("orgs", "List organizations with their active admins");
  auto* rotate_keys =
      admin->add_subcommand("rotate-keys", "Sign OpenID Connect tokens with a new key");
  auto* create_client = admin->add_subcommand(
      "create-client", "Register an OpenID Connect client application of an organization");
  create_client->add_option("--org", admin_options.org, "organization name")->required();
  create_client->add_option("--name", admin_options.client_name, "application name")->required();
  create_client->add_option("--redirect-uri", admin_options.redirect_uris, "redirect URI")
      ->required();
  create_client->add_option("--post-logout-redirect-uri", admin_options.post_logout_uris,
                            "where RP-initiated logout may return");
  create_client->add_flag("--public", admin_options.is_public, "no secret; PKCE required");
  create_client->add_flag("--admins-only", admin_options.admins_only,
                          "only the organization's admins may sign in");
  for (auto* sub : {promote, reset_link, orgs, rotate_keys, create_client}) {
    AddConfigOptions(*sub, config);
  }
  app.add_subcommand("version", "Print the version");
  auto* dev = app.add_subcommand("dev", "Developer tools");
  auto* seed = dev->add_subcommand("seed", "Seed the benchmark organization \"Bench\"");
  dev->require_subcommand(1);
  AddConfigOptions(*seed, config);
  roster::cmd::SeedOptions seed_options;
  seed->add_option("--members", seed_options.members, "active members to create");
  seed->add_option("--invitations", seed_options.invitations, "pending invitations to create");
  seed->add_flag("--force", seed_options.force, "seed even if other organizations exist");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (*serve) return Serve(config);
  if (*migrate) return Migrate(config);
  if (*backup) return Backup(config, backup_path);
  if (*admin) {
    if (int rc = CheckConfig(config)) return rc;
    roster::cmd::SetupLogging(config.log_format);
    admin_options.command = *promote         ? "promote"
                            : *reset_link    ? "reset-link"
                            : *rotate_keys   ? "rotate-keys"
                            : *create_client ? "create-client"
                                             : "orgs";
    try {
      return roster::cmd::RunAdmin(config, admin_options);
    } catch (const std::exception& e) {
      std::cerr << "roster admin: " << e.what() << "\n";
      return 1;
    }
  }
  if (*seed) {
    if (int rc = CheckConfig(config)) return rc;
    roster::cmd::SetupLogging(config.log_format);
    try {
      return roster::cmd::RunSeed(config, seed_options);
    } catch (const std::exception& e) {
      spdlog::critical("seed failed: {}", e.what());
      return 1;
    }
  }
  std::cout << "roster " << kVersion << "\n";
  return 0;
}
