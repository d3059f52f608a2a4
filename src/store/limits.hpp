#pragma once
// The LimitStore in the database (table rate_limits, migration 0007): the instances that share
// a PostgreSQL database share their rate limits. One statement per check or count; a key's
// window starts at its first event (a fixed window per key).
#include <atomic>
#include <memory>

#include "app/limit_store.hpp"
#include "app/ports.hpp"

namespace roster::store {

class SqlLimitStore final : public app::LimitStore {
 public:
  // Runs its statements in transactions of `store`, which it may own.
  explicit SqlLimitStore(app::Store& store) : store_(store) {}
  explicit SqlLimitStore(std::unique_ptr<app::Store> owned)
      : owned_(std::move(owned)), store_(*owned_) {}

  int RetryAfterSeconds(const std::string& key, const app::RateLimit& limit,
                        domain::Timestamp now) override;
  void Record(const std::string& key, const app::RateLimit& limit, domain::Timestamp now) override;
  int TryTake(const std::string& key, const app::RateLimit& limit, domain::Timestamp now) override;
  void Reset(const std::string& key) override;

 private:
  // Counts one event; returns the key's count and the end of its window.
  std::pair<std::int64_t, domain::Timestamp> Count(const std::string& key,
                                                   const app::RateLimit& limit,
                                                   domain::Timestamp now);

  std::unique_ptr<app::Store> owned_;
  app::Store& store_;
  std::atomic<unsigned> writes_{0};  // every so many, rows whose window has passed are deleted
};

}  // namespace roster::store
