#include "app/rate_limiter.hpp"

namespace roster::app {

void FailureLimiter::Prune(std::deque<domain::Timestamp>& times, domain::Timestamp now) const {
  while (!times.empty() && times.front() + limit_.window <= now) times.pop_front();
}

int FailureLimiter::RetryAfterSeconds(const std::string& key, domain::Timestamp now) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  Prune(it->second, now);
  if (static_cast<int>(it->second.size()) < limit_.max_failures) return 0;
  const auto wait = it->second.front() + limit_.window - now;
  const auto secs = std::chrono::ceil<std::chrono::seconds>(wait).count();
  return secs < 1 ? 1 : static_cast<int>(secs);
}

void FailureLimiter::RecordFailure(const std::string& key, domain::Timestamp now) {
  std::lock_guard lock(mutex_);
  if (failures_.size() >= kMaxKeys) {
    // Bounded memory: drop keys whose window has passed.
    for (auto it = failures_.begin(); it != failures_.end();) {
      Prune(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  }
  auto& times = failures_[key];
  Prune(times, now);
  times.push_back(now);
  while (static_cast<int>(times.size()) > limit_.max_failures) times.pop_front();
}

void FailureLimiter::Reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

}  // namespace roster::app
