#pragma once
// Opens the Store named by ROSTER_DATABASE_URL: "sqlite:PATH" or "postgresql://...".
#include <memory>
#include <string>

#include "app/limit_store.hpp"
#include "app/ports.hpp"

namespace roster::store {

// Throws std::invalid_argument for a URL of an unknown kind, std::runtime_error when the
// database cannot be opened or migrated.
std::unique_ptr<app::Store> OpenStore(const std::string& database_url);

// Where the rate limits of a server on `database_url` are counted: in memory for SQLite (one
// process), in the database for PostgreSQL (shared by every instance; its own small pool of
// connections, so that a limit is never waiting for a connection its caller holds).
std::unique_ptr<app::LimitStore> OpenLimitStore(const std::string& database_url);

// True when `database_url` has a form OpenStore understands (for configuration checks).
bool IsSupportedDatabaseUrl(const std::string& database_url);

}  // namespace roster::store
