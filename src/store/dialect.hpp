#pragma once
// What truly differs between the databases, and nothing else: placeholders and row locks (by
// rewriting a statement's text once, when it is prepared), the users-list search, how the
// migration step is locked, and which unique constraint means which ErrorCode. Each database
// fills one Dialect: sqlite/sqlite_dialect.cpp, postgres/pg_dialect.cpp.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/ports.hpp"
#include "domain/error.hpp"
#include "store/db.hpp"

namespace roster::store {

// A numbered SQL migration, embedded at build time from migrations/<dialect>/NNNN_name.sql.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};
std::span<const Migration> SqliteMigrations();
std::span<const Migration> PostgresMigrations();

// A unique constraint the API reports: its name as the database reports it (PostgreSQL: the
// constraint or index; SQLite: the "table.column, ..." list of its message).
struct Conflict {
  std::string_view constraint;
  domain::ErrorCode code;
};

struct Dialect {
  char placeholder;                  // what the '$' of $n becomes ('?': SQLite's ?NNN)
  std::string_view for_update;       // replaces {FOR_UPDATE}: the row lock a guardrail takes
  std::string_view for_key_share;    // replaces {FOR_KEY_SHARE}: waits for that lock, not others
  std::string_view skip_locked;      // replaces {SKIP_LOCKED}: outbox claims skip rows others hold
  std::string_view begin_migration;  // opens the migration transaction, serialized
  std::span<const Migration> migrations;
  std::span<const Conflict> conflicts;
  // Appends the users-list prefix condition ("AND ...") on q.prefix_key.
  void (*member_prefix)(SqlBuilder& st, const app::MemberQuery& q);
  // A prefix search faster than the users-list walk, or nullopt (then the walk runs).
  std::optional<std::vector<domain::Member>> (*search_members)(Db& db, const app::MemberQuery& q);
};

const Dialect& SqliteDialect();
const Dialect& PostgresDialect();

// `sql` as `dialect` runs it: $n placeholders and the lock markers rewritten.
std::string RewriteSql(std::string_view sql, const Dialect& dialect);

// Throws the domain::Error of `constraint` when the dialect's table names it; returns otherwise.
void ThrowIfConflict(const Dialect& dialect, std::string_view constraint);

// Applies the pending migrations of `dialect` in one transaction; returns how many. Throws,
// changing nothing, when the database has a newer schema than this binary knows.
int Migrate(Db& db, const Dialect& dialect);

}  // namespace roster::store
