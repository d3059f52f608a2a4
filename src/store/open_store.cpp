#include "store/open_store.hpp"

#include <stdexcept>

#include "app/rate_limiter.hpp"
#include "store/limits.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace roster::store {
namespace {

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// libpq accepts both URI schemes.
bool IsPostgresUrl(const std::string& url) {
  return (StartsWith(url, "postgresql://") && url.size() > 13) ||
         (StartsWith(url, "postgres://") && url.size() > 11);
}

}  // namespace

bool IsSupportedDatabaseUrl(const std::string& url) {
  return (StartsWith(url, "sqlite:") && url.size() > 7) || IsPostgresUrl(url);
}

std::unique_ptr<app::Store> OpenStore(const std::string& url) {
  if (StartsWith(url, "sqlite:") && url.size() > 7) return OpenSqliteStore(url.substr(7));
  if (IsPostgresUrl(url)) return OpenPostgresStore(url);
  throw std::invalid_argument("unsupported database URL: " + url);
}

std::unique_ptr<app::LimitStore> OpenLimitStore(const std::string& url) {
  if (IsPostgresUrl(url)) {
    return std::make_unique<SqlLimitStore>(std::make_unique<PostgresStore>(url, 4));
  }
  return std::make_unique<app::MemoryLimitStore>();
}

}  // namespace roster::store
