#pragma once
// Rate limits: how many events (failed logins, signups, mails to one address, ...) a key may
// have in a window. The LimitStore keeps the counts: in memory for one process (SQLite), in the
// database when several instances share one (PostgreSQL), so that two instances never double a
// limit.
#include <chrono>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/time.hpp"
#include "metrics/metrics.hpp"

namespace roster::app {

struct RateLimit {
  int max_events = 10;
  domain::Duration window = std::chrono::minutes(15);
};

// Keys carry the limit's name, e.g. "login-email:ann@example.com": one store holds every limit.
class LimitStore {
 public:
  virtual ~LimitStore() = default;
  // Seconds until `key` is under `limit` again, or 0 when it is under it now.
  virtual int RetryAfterSeconds(const std::string& key, const RateLimit& limit,
                                domain::Timestamp now) = 0;
  // Counts one event of `key` (e.g. a failed login).
  virtual void Record(const std::string& key, const RateLimit& limit, domain::Timestamp now) = 0;
  // Counts one event when `key` is under `limit` and returns 0; otherwise returns the seconds
  // to wait. One step, so that simultaneous callers cannot all pass.
  virtual int TryTake(const std::string& key, const RateLimit& limit, domain::Timestamp now) = 0;
  virtual void Reset(const std::string& key) = 0;
};

// The part of a client address a per-client limit counts: an IPv4 address as it is, an IPv6
// address by its /64 ("2001:db8:0:1::/64"), the block one subscriber usually holds whole.
std::string ClientLimitKey(std::string_view address);

// Throws 429 rate_limited with Retry-After `wait` when `wait` is positive, counting the refusal
// under `limit` (one of metrics::kRateLimits) for GET /metrics.
inline void ThrowIfWaiting(int wait, std::string_view limit, const std::string& message) {
  if (wait <= 0) return;
  metrics::RateLimited(limit);
  throw domain::Error(domain::ErrorCode::kRateLimited, message).RetryAfter(wait);
}

}  // namespace roster::app
