#pragma once
// The LimitStore of one process: counts events per key in a sliding window, in memory;
// thread-safe. Serves SQLite, where one process owns the database.
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/limit_store.hpp"

namespace roster::app {

class MemoryLimitStore final : public LimitStore {
 public:
  int RetryAfterSeconds(const std::string& key, const RateLimit& limit,
                        domain::Timestamp now) override;
  void Record(const std::string& key, const RateLimit& limit, domain::Timestamp now) override;
  int TryTake(const std::string& key, const RateLimit& limit, domain::Timestamp now) override;
  void Reset(const std::string& key) override;
  // How many times the map was swept for expired keys (for tests).
  std::size_t Sweeps() const { return sweeps_; }
  static constexpr std::size_t kMaxKeys = 100000;  // keys held before the first sweep

 private:
  struct Events {
    std::vector<domain::Timestamp> times;  // oldest first (a deque takes 512 bytes per key)
    domain::Duration window{};
  };
  static void Prune(Events& events, domain::Timestamp now);
  // The wait for `events` under `limit` (pruned first); 0 when under it. Needs mutex_.
  static int WaitLocked(Events& events, const RateLimit& limit, domain::Timestamp now);
  // The events of `key`, made room for when the map is full. Needs mutex_.
  Events& EventsLocked(const std::string& key, const RateLimit& limit, domain::Timestamp now);

  std::size_t sweep_at_ = kMaxKeys;
  std::size_t sweeps_ = 0;
  std::mutex mutex_;
  std::unordered_map<std::string, Events> events_;
};

}  // namespace roster::app
