#include "app/rate_limiter.hpp"

#include <arpa/inet.h>

#include <algorithm>

namespace roster::app {

std::string ClientLimitKey(std::string_view address) {
  in6_addr ip{};
  const std::string text(address);
  if (text.find(':') == std::string::npos || inet_pton(AF_INET6, text.c_str(), &ip) != 1 ||
      IN6_IS_ADDR_V4MAPPED(&ip)) {
    return text;
  }
  std::fill(ip.s6_addr + 8, ip.s6_addr + 16, 0);
  char out[INET6_ADDRSTRLEN];
  return std::string(inet_ntop(AF_INET6, &ip, out, sizeof out)) + "/64";
}

void MemoryLimitStore::Prune(Events& events, domain::Timestamp now) {
  auto& times = events.times;
  const auto live = std::find_if(times.begin(), times.end(),
                                 [&](domain::Timestamp t) { return t + events.window > now; });
  times.erase(times.begin(), live);
}

int MemoryLimitStore::WaitLocked(Events& events, const RateLimit& limit, domain::Timestamp now) {
  events.window = limit.window;
  Prune(events, now);
  if (static_cast<int>(events.times.size()) < limit.max_events) return 0;
  const auto wait = events.times.front() + limit.window - now;
  const auto secs = std::chrono::ceil<std::chrono::seconds>(wait).count();
  return secs < 1 ? 1 : static_cast<int>(secs);
}

MemoryLimitStore::Events& MemoryLimitStore::EventsLocked(const std::string& key,
                                                         const RateLimit& limit,
                                                         domain::Timestamp now) {
  if (events_.size() >= sweep_at_ && !events_.contains(key)) {
    // Bounded memory: drop keys whose window has passed. The next sweep waits until the map has
    // doubled again, so keys that are all still live cost a constant time each, not a sweep each.
    for (auto it = events_.begin(); it != events_.end();) {
      Prune(it->second, now);
      it = it->second.times.empty() ? events_.erase(it) : std::next(it);
    }
    ++sweeps_;
    sweep_at_ = std::max(kMaxKeys, 2 * events_.size());
  }
  auto& events = events_[key];
  events.window = limit.window;
  return events;
}

int MemoryLimitStore::RetryAfterSeconds(const std::string& key, const RateLimit& limit,
                                        domain::Timestamp now) {
  std::lock_guard lock(mutex_);
  auto it = events_.find(key);
  return it == events_.end() ? 0 : WaitLocked(it->second, limit, now);
}

void MemoryLimitStore::Record(const std::string& key, const RateLimit& limit,
                              domain::Timestamp now) {
  std::lock_guard lock(mutex_);
  auto& events = EventsLocked(key, limit, now);
  Prune(events, now);
  events.times.push_back(now);
  const auto excess = static_cast<std::ptrdiff_t>(events.times.size()) - limit.max_events;
  if (excess > 0) events.times.erase(events.times.begin(), events.times.begin() + excess);
}

int MemoryLimitStore::TryTake(const std::string& key, const RateLimit& limit,
                              domain::Timestamp now) {
  std::lock_guard lock(mutex_);
  auto& events = EventsLocked(key, limit, now);
  if (const int wait = WaitLocked(events, limit, now); wait > 0) return wait;
  events.times.push_back(now);
  return 0;
}

void MemoryLimitStore::Reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  events_.erase(key);
}

}  // namespace roster::app
