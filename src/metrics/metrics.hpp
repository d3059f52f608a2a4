#pragma once
// Counters for GET /metrics (Prometheus text format). No dependency on any other layer: the
// http, app, store and mail layers bump these and http writes them out. Every counter is an
// atomic; a request never takes a lock to be counted.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace roster::metrics {

// Process-wide events (one server per process in production; tests compare before/after).
enum class Event {
  kHashShed,       // a password-hash request refused at once because the queue was full
  kDbPoolWait,     // a transaction waited for a free database connection
  kMailFailed,     // a delivery attempt that did not reach the SMTP server
  kDbRoundTrip,    // statements sent to PostgreSQL and their results awaited, once
  kEventCount,
};
void Count(Event event);
std::uint64_t Total(Event event);

// A request refused by a rate limit, by the limit's name. The names of kRateLimits are counted
// without a lock; another name works too but goes through a mutex.
inline constexpr std::string_view kRateLimits[] = {
    "login_per_email",        "login_per_client",        "password_change",
    "account_mail_per_email", "account_mail_per_client", "invitations_per_hour",
    "pending_invitations",    "invitation_resend",       "recipient_mail",
    "signup_per_client",      "activation_per_client",   "reset_backlog",
};
void RateLimited(std::string_view limit);
// Every limit that refused at least once, with its count, in name order.
std::vector<std::pair<std::string, std::uint64_t>> RateLimitedTotals();

// Latency buckets in seconds (upper bounds; +Inf is implied).
inline constexpr std::array<double, 11> kLatencyBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                          0.5,   1,    2.5,   5,    10};

// Requests and latency per route pattern of one server. The routes are fixed at construction;
// a request that matched none (pages, assets, unknown paths) counts as route "other".
class RequestMetrics {
 public:
  struct RouteKey {
    std::string method;   // "GET"
    std::string pattern;  // "/api/v1/orgs/{org_id}"
  };
  explicit RequestMetrics(const std::vector<RouteKey>& routes);

  void Record(std::string_view method, const std::string& route, int status, double seconds);
  // Appends the requests counter and the latency histogram in the text exposition format.
  void Write(std::string& out) const;

 private:
  struct Series {
    RouteKey key;
    std::array<std::atomic<std::uint64_t>, 600> by_status{};  // index: HTTP status
    std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1> buckets{};
    std::atomic<std::uint64_t> micros_sum{0};
  };
  std::size_t IndexOf(std::string_view method, const std::string& route) const;

  std::vector<std::unique_ptr<Series>> series_;  // the last one is "other"
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::size_t>>> by_route_;
};

// Text-format helpers: "# HELP" and "# TYPE" lines, and a label value with \, " and \n escaped.
void WriteHeader(std::string& out, std::string_view name, std::string_view type,
                 std::string_view help);
std::string EscapeLabel(std::string_view value);

}  // namespace roster::metrics
