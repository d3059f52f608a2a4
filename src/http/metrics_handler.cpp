// GET /metrics: the counters in the Prometheus text exposition format, for a scraper that
// holds ROSTER_METRICS_TOKEN. Without that token (or with the feature off) the path answers
// exactly like an unknown path, so nobody learns it exists.
#include <string>

#include "app/security.hpp"
#include "http/api.hpp"
#include "http/offload.hpp"
#include "metrics/metrics.hpp"

namespace roster::http {
namespace {

void WriteSample(std::string& out, std::string_view name, std::string_view labels,
                 std::uint64_t value) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(std::to_string(value)).append("\n");
}

void WriteEvents(std::string& out, std::size_t hash_waiting, std::int64_t outbox_depth) {
  using metrics::Event;
  metrics::WriteHeader(out, "roster_rate_limited_total", "counter",
                       "Requests refused with 429 rate_limited, by the limit that refused.");
  for (const auto& [limit, count] : metrics::RateLimitedTotals()) {
    WriteSample(out, "roster_rate_limited_total", "limit=\"" + metrics::EscapeLabel(limit) + "\"",
                count);
  }
  metrics::WriteHeader(out, "roster_hash_queue_depth", "gauge",
                       "Password hashes waiting for the hashing pool.");
  WriteSample(out, "roster_hash_queue_depth", "", hash_waiting);
  metrics::WriteHeader(out, "roster_hash_shed_total", "counter",
                       "Requests answered 503 at once because the hash queue was full.");
  WriteSample(out, "roster_hash_shed_total", "", metrics::Total(Event::kHashShed));
  metrics::WriteHeader(out, "roster_db_pool_waits_total", "counter",
                       "Transactions that waited for a free database connection.");
  WriteSample(out, "roster_db_pool_waits_total", "", metrics::Total(Event::kDbPoolWait));
  metrics::WriteHeader(out, "roster_outbox_depth", "gauge",
                       "Mail messages still to be attempted (queued or awaiting a retry).");
  WriteSample(out, "roster_outbox_depth", "", static_cast<std::uint64_t>(outbox_depth));
  metrics::WriteHeader(out, "roster_mail_failed_deliveries_total", "counter",
                       "Delivery attempts that did not reach the SMTP server.");
  WriteSample(out, "roster_mail_failed_deliveries_total", "", metrics::Total(Event::kMailFailed));
}

}  // namespace

bool MetricsAuthorized(const Request& request, const std::string& token) {
  if (token.empty()) return false;
  const auto method = request.method();
  if (method != beast_http::verb::get) return false;
  const auto authorization = request[beast_http::field::authorization];
  if (!authorization.starts_with("Bearer ")) return false;
  return app::SecureEquals(authorization.substr(7), token);
}

boost::asio::awaitable<Response> MetricsResponse(const RequestContext& ctx, ApiDeps& deps,
                                                 const metrics::RequestMetrics& requests) {
  const std::int64_t outbox_depth = co_await Offload(deps.db_pool, [&deps] {
    auto tx = deps.store.Begin(app::TxMode::kRead);
    return tx->CountUndeliveredMessages();
  });
  std::string body;
  requests.Write(body);
  WriteEvents(body, deps.hash_pool.waiting(), outbox_depth);
  Response res{beast_http::status::ok, ctx.request.version()};
  res.set(beast_http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  res.set(beast_http::field::cache_control, "no-store");
  res.keep_alive(ctx.request.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  co_return res;
}

}  // namespace roster::http
