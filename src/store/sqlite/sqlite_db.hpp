#pragma once
// A thin RAII layer over the sqlite3 C API: a connection with a cache of prepared statements.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace roster::store::sqlite {

// A prepared statement borrowed from a connection's cache; reset when the lease ends.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& BindNull(int index);
  Statement& Bind(int index, const std::optional<std::int64_t>& value);
  Statement& Bind(int index, const std::optional<std::string>& value);

  // Advances; true while a row is available. Throws on error (constraint errors included).
  bool Step();
  // Runs to completion; returns the number of changed rows.
  int Run();

  std::string Text(int column) const;
  std::int64_t Int(int column) const;
  bool IsNull(int column) const;
  std::optional<std::int64_t> OptInt(int column) const;
  std::optional<std::string> OptText(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

// Thrown for SQLite errors. `constraint_index` names the violated unique index when known.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }
  bool IsConstraint() const { return (code_ & 0xFF) == SQLITE_CONSTRAINT; }
  bool IsBusy() const { return (code_ & 0xFF) == SQLITE_BUSY; }

 private:
  int code_;
};

class Connection {
 public:
  explicit Connection(const std::string& path);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  void Exec(std::string_view sql);
  // The cached statement for `sql` (prepared on first use).
  Statement Prepare(std::string_view sql);
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  // Looked up by string_view (no allocation per statement).
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> cache_;
};

}  // namespace roster::store::sqlite
