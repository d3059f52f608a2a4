#pragma once
// The Store port on PostgreSQL 15 (libpq). A bounded pool of connections; each transaction
// holds one for its lifetime. Write transactions run at READ COMMITTED and serialize the
// last-admin decisions per organization with SELECT ... FOR UPDATE (LockOrganization), and the
// changes of one invitation on its row (LockInvitation); read transactions
// run their statements in autocommit (the same snapshots at READ COMMITTED, two round trips fewer).
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/ports.hpp"
#include "store/postgres/pg_connection.hpp"

namespace roster::store {

class PostgresStore final : public app::Store {
 public:
  // Connects to `url` and applies pending migrations. Throws if the database cannot be reached
  // or has a newer schema than this binary knows.
  explicit PostgresStore(std::string url, int max_connections = 8);
  ~PostgresStore() override;

  std::unique_ptr<app::Transaction> Begin(app::TxMode mode) override;
  void Ping() override;
  std::string LoadOrCreateSecret(std::string_view name, const std::string& candidate) override;

 private:
  friend class PostgresTransaction;
  // Blocks while all `max_connections_` connections are in use.
  std::unique_ptr<pg::Connection> Acquire();
  // Returns a connection to the pool; a broken one is closed and its slot freed.
  void Release(std::unique_ptr<pg::Connection> connection);

  std::string url_;
  int max_connections_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pg::Connection>> idle_;
  int open_ = 0;
};

std::unique_ptr<app::Store> OpenPostgresStore(const std::string& url);

}  // namespace roster::store
