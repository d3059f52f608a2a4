#pragma once
// The Db adapter on the sqlite3 C API: a connection with a cache of prepared statements.
#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/db.hpp"

namespace roster::store::sqlite {

// A prepared statement borrowed from a connection's cache; reset when the lease ends.
class Statement final : public Row {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& Bind(int index, const Value& value);
  // Advances; true while a row is available. Throws on error (constraint errors included).
  bool Step();
  // Runs to completion; returns the number of changed rows.
  int Run();

  bool IsNull(int column) const override;
  std::int64_t Int(int column) const override;
  std::string Text(int column) const override;

 private:
  sqlite3_stmt* stmt_;
};

// Thrown for SQLite errors; `constraint` holds the "table.column, ..." list of a violated
// unique constraint.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& message, std::string constraint = {})
      : std::runtime_error(message), code_(code), constraint_(std::move(constraint)) {}
  int code() const { return code_; }
  const std::string& constraint() const { return constraint_; }
  bool IsBusy() const { return (code_ & 0xFF) == SQLITE_BUSY; }

 private:
  int code_;
  std::string constraint_;
};

class Connection final : public Db {
 public:
  explicit Connection(const std::string& path);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() override;

  int Run(const Sql& sql, std::span<const Value> params, RowFn on_row = {}) override;
  void Script(std::string_view sql) override { Exec(sql); }
  using Db::Run;

  void Exec(std::string_view sql);
  // The cached statement for `sql` (rewritten for SQLite and prepared on first use).
  Statement Prepare(std::string_view sql);
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  // Looked up by string_view (no allocation per statement).
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const {
      return std::hash<std::string_view>{}(sql);
    }
  };
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> cache_;
};

}  // namespace roster::store::sqlite
