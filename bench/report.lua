-- Prints one machine-readable line: req/s p50_ms p99_ms errors. A script that defines
-- counted_requests() (e.g. exchange.lua) reports its own count instead of every request.
function done(summary, latency, requests)
  local count = counted_requests and counted_requests() or summary.requests
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n", count / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
