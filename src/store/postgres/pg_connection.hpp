#pragma once
// The Db adapter on libpq: a connection that prepares each distinct SQL text once (rewritten
// for PostgreSQL) and runs it with text-format parameters, and the result and error types.
#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/db.hpp"

namespace roster::store::pg {

// One text-format parameter; nullopt is SQL NULL.
using Param = std::optional<std::string>;

inline Param ToParam(std::int64_t v) { return std::to_string(v); }
std::vector<Param> ToParams(std::span<const Value> values);

// Thrown for PostgreSQL errors; carries the SQLSTATE and, for constraint errors, the name of
// the violated constraint or index.
class PgError : public std::runtime_error {
 public:
  PgError(const std::string& message, std::string sqlstate, std::string constraint)
      : std::runtime_error(message),
        sqlstate_(std::move(sqlstate)),
        constraint_(std::move(constraint)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& constraint() const { return constraint_; }
  bool IsUniqueViolation() const { return sqlstate_ == "23505"; }

 private:
  std::string sqlstate_;
  std::string constraint_;
};

// The rows of one statement, read as text (the text result format); as a Row, the row that
// ForEachRow is at.
class Result final : public Row {
 public:
  explicit Result(PGresult* result) : result_(result, &PQclear) {}
  int Rows() const { return PQntuples(result_.get()); }
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string Text(int row, int column) const;
  std::int64_t Int(int row, int column) const;
  bool IsNull(int column) const override { return IsNull(row_, column); }
  std::int64_t Int(int column) const override { return Int(row_, column); }
  std::string Text(int column) const override { return Text(row_, column); }
  // Rows changed by an INSERT, UPDATE or DELETE.
  int Affected() const;
  // The command tag, e.g. "COMMIT" (or "ROLLBACK" for a COMMIT of an aborted transaction).
  std::string CommandTag() const { return PQcmdStatus(result_.get()); }
  // Passes each row to `on_row` (until it returns false); returns Affected().
  int ForEachRow(RowFn on_row);

 private:
  friend class Connection;
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
  int row_ = 0;
};

class Connection final : public Db {
 public:
  // `url` is a libpq connection URI or keyword string. Throws PgError when it fails.
  explicit Connection(const std::string& url);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() override;

  int Run(const Sql& sql, std::span<const Value> params, RowFn on_row = {}) override;
  void Script(std::string_view sql) override { Exec(sql); }
  using Db::Run;

  // Runs one or more statements without parameters (simple query protocol).
  Result Exec(std::string_view sql);
  // Runs `sql` as a prepared statement (rewritten and prepared on this connection on first
  // use, in the same round trip).
  Result Query(std::string_view sql, const std::vector<Param>& params) {
    return Pipeline({}, sql, params, {});
  }
  // Runs in one round trip (libpq pipeline mode) the parameterless statements `before`, `sql`
  // as a prepared statement, then the parameterless statements `after` (e.g. BEGIN with the
  // first statement of a transaction). The server skips what follows a failed statement; the
  // first error is thrown as a PgError. Returns the result of `sql`.
  Result Pipeline(std::span<const char* const> before, std::string_view sql,
                  const std::vector<Param>& params, std::span<const char* const> after);

  // True once the connection is lost; it must then be discarded, not reused.
  bool IsBroken() const;
  // True when connected and outside any transaction: the only state fit for the pool.
  bool IsIdle() const;

 private:
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Throws a PgError when `result` is an error; returns it otherwise.
  Result Check(Result result, std::string_view sql);
  // Queues the statements of Pipeline and a sync; false when libpq refused one.
  bool SendPipeline(std::span<const char* const> before, const std::string& name,
                    const std::string* parse, const std::vector<Param>& params,
                    std::span<const char* const> after);
  // Reads the next result of a pipeline and the null that ends it; null when there is none.
  Result NextPipelineResult();
  // Marks the connection unusable (lost, or a pipeline in an unknown state) and throws `error`
  // when it holds one, a connection error otherwise.
  [[noreturn]] void Abandon(Result error, std::string_view sql);

  PGconn* conn_ = nullptr;
  bool abandoned_ = false;
  struct Prepared {
    std::string name;
    std::string text;  // as rewritten for PostgreSQL
  };
  // SQL text -> prepared statement (heterogeneous lookup: no copy of the text per statement).
  std::unordered_map<std::string, Prepared, TextHash, std::equal_to<>> prepared_;
};

}  // namespace roster::store::pg
