#include "store/sqlite/sqlite_db.hpp"

#include "store/dialect.hpp"

namespace roster::store::sqlite {
namespace {

[[noreturn]] void Throw(sqlite3* db, int rc) {
  const int code = db && sqlite3_extended_errcode(db) ? sqlite3_extended_errcode(db) : rc;
  const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string constraint;
  static constexpr std::string_view kUnique = "UNIQUE constraint failed: ";
  if ((code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) &&
      message.starts_with(kUnique)) {
    constraint = message.substr(kUnique.size());
  }
  throw SqliteError(code, "sqlite: " + message, std::move(constraint));
}

}  // namespace

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::Bind(int index, const Value& value) {
  int rc = SQLITE_OK;
  if (const auto* text = std::get_if<std::string_view>(&value)) {
    rc = sqlite3_bind_text(stmt_, index, text->data(), static_cast<int>(text->size()),
                           SQLITE_TRANSIENT);
  } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
    rc = sqlite3_bind_int64(stmt_, index, *number);
  } else {
    rc = sqlite3_bind_null(stmt_, index);
  }
  if (rc != SQLITE_OK) Throw(sqlite3_db_handle(stmt_), rc);
  return *this;
}

bool Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Throw(sqlite3_db_handle(stmt_), rc);
}

int Statement::Run() {
  while (Step()) {
  }
  return sqlite3_changes(sqlite3_db_handle(stmt_));
}

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string(text, sqlite3_column_bytes(stmt_, column)) : std::string();
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Connection::Connection(const std::string& path) {
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, "cannot open database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  Exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;");
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

int Connection::Run(const Sql& sql, std::span<const Value> params, RowFn on_row) {
  auto st = Prepare(sql.text);
  try {
    for (std::size_t i = 0; i < params.size(); ++i) st.Bind(static_cast<int>(i) + 1, params[i]);
    while (st.Step()) {
      if (!on_row(st)) return 0;
    }
  } catch (const SqliteError& e) {
    if (!e.constraint().empty()) ThrowIfConflict(SqliteDialect(), e.constraint());
    throw;
  }
  return sqlite3_changes(db_);
}

void Connection::Exec(std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    const std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw SqliteError(sqlite3_extended_errcode(db_), "sqlite: " + message);
  }
}

Statement Connection::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    const std::string text = RewriteSql(sql, SqliteDialect());
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) Throw(db_, rc);
    it = cache_.emplace(std::string(sql), stmt).first;
  }
  return Statement(it->second);
}

}  // namespace roster::store::sqlite
