#pragma once
// Numbered SQL migrations embedded in the binary at build time from
// src/store/migrations/<dialect>/NNNN_name.sql.
#include <span>
#include <string_view>

namespace roster::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::span<const Migration> SqliteMigrations();
std::span<const Migration> PostgresMigrations();

}  // namespace roster::store
