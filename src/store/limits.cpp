// Rate-limit counts in the database, shared by every instance on it (store/limits.hpp).
#include "store/limits.hpp"

#include "store/sql_transaction.hpp"

namespace roster::store {
namespace {

// A key whose window has passed starts a new one ($3 = now + window); otherwise it counts on.
constexpr Sql kCount{
    "INSERT INTO rate_limits (limit_key, hits, reset_at) VALUES ($1, 1, $3) "
    "ON CONFLICT (limit_key) DO UPDATE SET "
    "hits = CASE WHEN rate_limits.reset_at <= $2 THEN 1 ELSE rate_limits.hits + 1 END, "
    "reset_at = CASE WHEN rate_limits.reset_at <= $2 THEN $3 ELSE rate_limits.reset_at END "
    "RETURNING hits, reset_at",
    Access::kWrite};
constexpr Sql kPeek{"SELECT hits, reset_at FROM rate_limits WHERE limit_key = $1"};
constexpr Sql kReset{"DELETE FROM rate_limits WHERE limit_key = $1", Access::kWrite};
constexpr Sql kPrune{"DELETE FROM rate_limits WHERE reset_at <= $1", Access::kWrite};
constexpr unsigned kPruneEvery = 4096;
// Counts are visible to every instance at the commit, exact as ever; only a crash may forget
// the last ones (as a restart forgets the in-memory store's). A commit then neither waits for
// the WAL flush nor holds a busy key's row lock through it.
constexpr Sql kNoFlushWait{"SELECT set_config('synchronous_commit', 'off', true)"};

int SecondsUntil(domain::Timestamp at, domain::Timestamp now) {
  const auto secs = std::chrono::ceil<std::chrono::seconds>(at - now).count();
  return secs < 1 ? 1 : static_cast<int>(secs);
}

SqlTransaction& AsDb(app::Transaction& tx) { return static_cast<SqlTransaction&>(tx); }

}  // namespace

int SqlLimitStore::RetryAfterSeconds(const std::string& key, const app::RateLimit& limit,
                                     domain::Timestamp now) {
  auto tx = store_.Begin(app::TxMode::kRead);
  const auto row = AsDb(*tx).First(
      kPeek, [](const Row& r) { return std::pair(r.Int(0), r.Time(1)); }, key);
  if (!row || row->second <= now || row->first < limit.max_events) return 0;
  return SecondsUntil(row->second, now);
}

std::pair<std::int64_t, domain::Timestamp> SqlLimitStore::Count(const std::string& key,
                                                                const app::RateLimit& limit,
                                                                domain::Timestamp now) {
  auto tx = store_.Begin(app::TxMode::kWrite);
  auto& db = AsDb(*tx);
  if (db.IsPostgres()) db.Exists(kNoFlushWait);
  if (++writes_ % kPruneEvery == 0) db.Execute(kPrune, now);
  const auto row = db.First(
      kCount, [](const Row& r) { return std::pair(r.Int(0), r.Time(1)); }, key, now,
      now + limit.window);
  tx->Commit();
  return *row;
}

void SqlLimitStore::Record(const std::string& key, const app::RateLimit& limit,
                           domain::Timestamp now) {
  Count(key, limit, now);
}

int SqlLimitStore::TryTake(const std::string& key, const app::RateLimit& limit,
                           domain::Timestamp now) {
  // Refused attempts count too: they never move the end of the window.
  const auto [hits, reset_at] = Count(key, limit, now);
  return hits <= limit.max_events ? 0 : SecondsUntil(reset_at, now);
}

void SqlLimitStore::Reset(const std::string& key) {
  auto tx = store_.Begin(app::TxMode::kWrite);
  AsDb(*tx).Execute(kReset, key);
  tx->Commit();
}

}  // namespace roster::store
