#include "metrics/metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>

namespace roster::metrics {
namespace {

constexpr std::size_t kKnownLimits = std::size(kRateLimits);

struct Registry {
  std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(Event::kEventCount)> events{};
  std::array<std::atomic<std::uint64_t>, kKnownLimits> known_limits{};
  std::mutex other_mutex;
  std::map<std::string, std::uint64_t, std::less<>> other_limits;
};

Registry& Global() {
  static Registry registry;
  return registry;
}

std::string FormatDouble(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  return buf;
}

}  // namespace

void Count(Event event) {
  Global().events[static_cast<std::size_t>(event)].fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t Total(Event event) {
  return Global().events[static_cast<std::size_t>(event)].load(std::memory_order_relaxed);
}

void RateLimited(std::string_view limit) {
  auto& registry = Global();
  for (std::size_t i = 0; i < kKnownLimits; ++i) {
    if (kRateLimits[i] == limit) {
      registry.known_limits[i].fetch_add(1, std::memory_order_relaxed);
      return;
    }
  }
  std::lock_guard lock(registry.other_mutex);
  auto it = registry.other_limits.find(limit);
  if (it == registry.other_limits.end()) it = registry.other_limits.emplace(limit, 0).first;
  ++it->second;
}

std::vector<std::pair<std::string, std::uint64_t>> RateLimitedTotals() {
  auto& registry = Global();
  std::map<std::string, std::uint64_t> totals;
  for (std::size_t i = 0; i < kKnownLimits; ++i) {
    const auto count = registry.known_limits[i].load(std::memory_order_relaxed);
    if (count > 0) totals[std::string(kRateLimits[i])] += count;
  }
  {
    std::lock_guard lock(registry.other_mutex);
    for (const auto& [name, count] : registry.other_limits) totals[name] += count;
  }
  return {totals.begin(), totals.end()};
}

RequestMetrics::RequestMetrics(const std::vector<RouteKey>& routes) {
  for (const auto& key : routes) {
    by_route_[key.pattern].emplace_back(key.method, series_.size());
    series_.push_back(std::make_unique<Series>());
    series_.back()->key = key;
  }
  series_.push_back(std::make_unique<Series>());
  series_.back()->key = RouteKey{"other", "other"};
}

std::size_t RequestMetrics::IndexOf(std::string_view method, const std::string& route) const {
  if (const auto it = by_route_.find(route); it != by_route_.end()) {
    for (const auto& [known_method, index] : it->second) {
      if (known_method == method) return index;
    }
  }
  return series_.size() - 1;
}

void RequestMetrics::Record(std::string_view method, const std::string& route, int status,
                            double seconds) {
  auto& series = *series_[IndexOf(method, route)];
  const auto status_index = static_cast<std::size_t>(std::clamp(status, 0, 599));
  series.by_status[status_index].fetch_add(1, std::memory_order_relaxed);
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(kLatencyBuckets.begin(), kLatencyBuckets.end(), seconds) -
      kLatencyBuckets.begin());
  series.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  series.micros_sum.fetch_add(static_cast<std::uint64_t>(std::max(0.0, seconds) * 1e6),
                              std::memory_order_relaxed);
}

void RequestMetrics::Write(std::string& out) const {
  WriteHeader(out, "roster_http_requests_total", "counter",
              "HTTP requests answered, by method, route pattern and status.");
  for (const auto& series : series_) {
    const std::string labels = "method=\"" + EscapeLabel(series->key.method) + "\",route=\"" +
                               EscapeLabel(series->key.pattern) + "\"";
    for (std::size_t status = 0; status < series->by_status.size(); ++status) {
      const auto count = series->by_status[status].load(std::memory_order_relaxed);
      if (count == 0) continue;
      out += "roster_http_requests_total{" + labels + ",status=\"" + std::to_string(status) +
             "\"} " + std::to_string(count) + "\n";
    }
  }
  WriteHeader(out, "roster_http_request_duration_seconds", "histogram",
              "Time from a parsed request to its response, by method and route pattern.");
  for (const auto& series : series_) {
    const std::string labels = "method=\"" + EscapeLabel(series->key.method) + "\",route=\"" +
                               EscapeLabel(series->key.pattern) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= kLatencyBuckets.size(); ++i) {
      cumulative += series->buckets[i].load(std::memory_order_relaxed);
      const std::string le = i < kLatencyBuckets.size() ? FormatDouble(kLatencyBuckets[i]) : "+Inf";
      out += "roster_http_request_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    const double sum = static_cast<double>(series->micros_sum.load(std::memory_order_relaxed)) / 1e6;
    out += "roster_http_request_duration_seconds_sum{" + labels + "} " + FormatDouble(sum) + "\n";
    out += "roster_http_request_duration_seconds_count{" + labels + "} " +
           std::to_string(cumulative) + "\n";
  }
}

void WriteHeader(std::string& out, std::string_view name, std::string_view type,
                 std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

std::string EscapeLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace roster::metrics
