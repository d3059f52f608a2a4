#pragma once
// Counts failures per key in a sliding window (e.g. failed logins per email and per client
// address). In-memory and per process; thread-safe.
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/time.hpp"

namespace roster::app {

struct RateLimit {
  int max_failures = 10;
  domain::Duration window = std::chrono::minutes(15);
};

class FailureLimiter {
 public:
  explicit FailureLimiter(RateLimit limit) : limit_(limit) {}

  // Seconds until `key` may try again, or 0 when it may try now.
  int RetryAfterSeconds(const std::string& key, domain::Timestamp now);
  void RecordFailure(const std::string& key, domain::Timestamp now);
  void Reset(const std::string& key);

 private:
  void Prune(std::deque<domain::Timestamp>& times, domain::Timestamp now) const;

  static constexpr std::size_t kMaxKeys = 100000;
  RateLimit limit_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<domain::Timestamp>> failures_;
};

}  // namespace roster::app
