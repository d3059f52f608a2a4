// The dialect-independent parts of dialect.hpp: the rewrite, the conflict messages, migrating.
#include "store/dialect.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <chrono>
#include <stdexcept>

namespace roster::store {

using domain::ErrorCode;

std::string RewriteSql(std::string_view sql, const Dialect& dialect) {
  static constexpr std::string_view kForUpdate = "{FOR_UPDATE}", kSkipLocked = "{SKIP_LOCKED}",
                                    kForKeyShare = "{FOR_KEY_SHARE}";
  std::string out;
  out.reserve(sql.size());
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (!quoted && c == '$' && i + 1 < sql.size() && std::isdigit(sql[i + 1])) {
      out += dialect.placeholder;
    } else if (!quoted && sql.substr(i).starts_with(kForUpdate)) {
      out += dialect.for_update;
      i += kForUpdate.size() - 1;
    } else if (!quoted && sql.substr(i).starts_with(kForKeyShare)) {
      out += dialect.for_key_share;
      i += kForKeyShare.size() - 1;
    } else if (!quoted && sql.substr(i).starts_with(kSkipLocked)) {
      out += dialect.skip_locked;
      i += kSkipLocked.size() - 1;
    } else {
      out += c;
    }
  }
  return out;
}

void ThrowIfConflict(const Dialect& dialect, std::string_view constraint) {
  for (const auto& conflict : dialect.conflicts) {
    if (conflict.constraint != constraint) continue;
    throw domain::Conflict(conflict.code);  // the one sentence of each conflict
  }
}

namespace {
constexpr Sql kCurrentVersion{"SELECT COALESCE(MAX(version), 0) FROM schema_migrations"};
constexpr Sql kRecordVersion{
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
    Access::kWrite};
}  // namespace

int Migrate(Db& db, const Dialect& dialect) {
  const auto migrations = dialect.migrations;
  const int known = migrations.empty() ? 0 : migrations.back().version;
  db.Script(dialect.begin_migration);
  try {
    db.Script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    const auto current = static_cast<int>(db.Number(kCurrentVersion));
    if (current > known) {
      throw std::runtime_error("the database schema is version " + std::to_string(current) +
                               ", newer than this roster binary knows (" + std::to_string(known) +
                               "); upgrade roster — the database was not modified");
    }
    int applied = 0;
    for (const auto& m : migrations) {
      if (m.version <= current) continue;
      db.Script(m.sql);
      db.Execute(kRecordVersion, m.version, m.name,
                 std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()));
      ++applied;
    }
    db.Script("COMMIT");
    return applied;
  } catch (...) {
    try {
      db.Script("ROLLBACK");
    } catch (const std::exception& e) {
      spdlog::error("migration rollback failed: {}", e.what());
    }
    throw;
  }
}

}  // namespace roster::store
