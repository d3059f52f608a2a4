#include "instance.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "store/open_store.hpp"

namespace roster::cmd {

Instance::Instance(const Config& config, const app::Clock* clock, bool handle_signals)
    : config_(config),
      db_pool_(static_cast<std::size_t>(config.db_threads)),
      write_pool_(static_cast<std::size_t>(std::max(16, 2 * config.db_threads))),
      // argon2id takes 64 MiB per hash: two at a time
      hash_pool_(2, static_cast<std::size_t>(config.hash_queue)) {
  app::InitCrypto();
  const app::Clock& clk = clock ? *clock : system_clock_;
  store_ = store::OpenStore(config_.database_url);
  mail::MailConfig mail_config;
  mail_config.smtp_url = config_.smtp_url;
  mail_config.from = config_.mail_from;
  worker_ = std::make_unique<mail::OutboxWorker>(*store_, clk, mail_config);

  app::AppSettings settings;
  settings.public_url = config_.public_url;
  settings.invitation_ttl = config_.ttl;
  settings.email_verification_ttl = config_.verification_ttl;
  settings.password_reset_ttl = config_.reset_ttl;
  settings.mail_enabled = !config_.smtp_url.empty();
  settings.login_per_email.max_events = config_.login_max_failures;
  settings.invitations_per_hour = config_.invitations_per_hour;
  settings.max_pending_invitations = config_.max_pending_invitations;
  settings.resends_per_invitation.max_events = config_.resends_per_invitation;
  settings.mails_per_recipient.max_events = config_.mails_per_recipient;
  settings.signups_per_client.max_events = config_.signups_per_client;
  settings.activations_per_client.max_events = config_.activations_per_client;
  limits_ = store::OpenLimitStore(config_.database_url);
  context_ = std::make_unique<app::AppContext>(
      app::AppContext{*store_, clk, random_, hasher_, worker_.get(), settings,
                      app::CursorCodec(store_->LoadOrCreateSecret("cursor_key", app::NewToken(random_))),
                      *limits_});
  accounts_ = std::make_unique<app::Accounts>(*context_);
  organizations_ = std::make_unique<app::Organizations>(*context_);
  invitations_ = std::make_unique<app::Invitations>(*context_);
  account_links_ = std::make_unique<app::AccountLinks>(*context_);
  sessions_ = std::make_unique<app::Sessions>(*context_);
  clients_ = std::make_unique<app::Clients>(*context_);

  http::ApiDeps deps{*accounts_,      *organizations_, *invitations_, *account_links_,
                     *sessions_,      *store_,         db_pool_,      hash_pool_};
  const auto oidc_settings = OidcSettingsOf(config_);
  jose_ = std::make_unique<jose::CjoseJose>();
  signing_keys_ = std::make_unique<app::SigningKeys>(*store_, clk, random_, *jose_,
                                                     oidc_settings.LongestSignedLifetime());
  signing_keys_->EnsureKey();
  provider_ = std::make_unique<app::Provider>(*context_, oidc_settings);
  tokens_ = std::make_unique<app::Tokens>(*context_, oidc_settings, *signing_keys_);
  oidc_ = std::make_unique<http::OidcDeps>(http::OidcDeps{
      *provider_, *tokens_, *signing_keys_, http::DiscoveryDocument(oidc_settings)});
  deps.oidc = oidc_.get();
  deps.applications = clients_.get();
  deps.write_pool = &write_pool_;
  deps.secure_cookies = config_.public_url.starts_with("https://");
  deps.metrics_token = config_.metrics_token;
  deps.public_url = config_.public_url;
  deps.cookie_domain = config_.cookie_domain;
  deps.return_hosts = config_.return_hosts;
  deps.session_max_age_seconds = static_cast<int>(
      std::chrono::duration_cast<std::chrono::seconds>(settings.session_absolute).count());
  api_ = std::make_unique<http::Api>(deps);

  http::ServerOptions options;
  options.host = config_.host;
  options.port = config_.port;
  options.threads = config_.threads;
  options.read_timeout = config_.read_timeout_seconds;
  options.max_connections = config_.max_connections;
  options.json_log = config_.log_format == "json";
  options.handle_signals = handle_signals;
  options.trusted_proxies = config_.proxies;
  server_ = std::make_unique<http::Server>(options, *api_);
}

Instance::~Instance() {
  worker_->Stop();
  db_pool_.join();
  write_pool_.join();
  hash_pool_.join();
}

void Instance::Run() {
  worker_->Start();
  server_->Run();  // returns once the drain after Stop() is over
  worker_->Stop();
  db_pool_.join();
  write_pool_.join();
  hash_pool_.join();
  spdlog::info("roster stopped");
}

}  // namespace roster::cmd
