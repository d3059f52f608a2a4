#pragma once
// The composition root: one running Roster (store, mail worker, use cases, HTTP server) built
// from a validated Config. `roster serve` runs one; the API tests run one in-process.
#include <boost/asio/thread_pool.hpp>
#include <memory>

#include "app/account_links.hpp"
#include "app/accounts.hpp"
#include "app/invitations.hpp"
#include "app/oidc/clients.hpp"
#include "app/organizations.hpp"
#include "app/security.hpp"
#include "app/sessions.hpp"
#include "config.hpp"
#include "http/offload.hpp"
#include "http/oidc_http.hpp"
#include "jose/cjose_jose.hpp"
#include "http/server.hpp"
#include "mail/outbox_worker.hpp"

namespace roster::cmd {

class Instance {
 public:
  // `clock`: null for the system clock (tests pass a fake one).
  explicit Instance(const Config& config, const app::Clock* clock = nullptr,
                    bool handle_signals = false);
  ~Instance();

  unsigned short Listen() { return server_->Listen(); }
  // Serves until Stop() or a signal; then stops the mail worker and the pools.
  void Run();
  void Stop() { server_->Stop(); }
  app::Store& store() { return *store_; }
  app::AppContext& context() { return *context_; }
  mail::OutboxWorker& mail_worker() { return *worker_; }
  const http::Router& router() const { return api_->router(); }
  http::BoundedPool& hash_pool() { return hash_pool_; }

 private:
  Config config_;
  app::SystemClock system_clock_;
  app::SodiumRandom random_;
  app::Argon2Hasher hasher_;
  std::unique_ptr<app::Store> store_;
  std::unique_ptr<mail::OutboxWorker> worker_;
  std::unique_ptr<app::LimitStore> limits_;
  std::unique_ptr<app::AppContext> context_;
  std::unique_ptr<app::Accounts> accounts_;
  std::unique_ptr<app::Organizations> organizations_;
  std::unique_ptr<app::Invitations> invitations_;
  std::unique_ptr<app::AccountLinks> account_links_;
  std::unique_ptr<app::Sessions> sessions_;
  std::unique_ptr<app::Clients> clients_;
  boost::asio::thread_pool db_pool_;
  boost::asio::thread_pool write_pool_;
  http::BoundedPool hash_pool_;
  std::unique_ptr<jose::CjoseJose> jose_;
  std::unique_ptr<app::SigningKeys> signing_keys_;
  std::unique_ptr<app::Provider> provider_;
  std::unique_ptr<app::Tokens> tokens_;
  std::unique_ptr<http::OidcDeps> oidc_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace roster::cmd
