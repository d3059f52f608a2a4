#pragma once
// Opens the Store named by ROSTER_DATABASE_URL: "sqlite:PATH" or "postgresql://...".
#include <memory>
#include <string>

#include "app/ports.hpp"

namespace roster::store {

// Throws std::invalid_argument for a URL of an unknown kind, std::runtime_error when the
// database cannot be opened or migrated.
std::unique_ptr<app::Store> OpenStore(const std::string& database_url);

// True when `database_url` has a form OpenStore understands (for configuration checks).
bool IsSupportedDatabaseUrl(const std::string& database_url);

}  // namespace roster::store
