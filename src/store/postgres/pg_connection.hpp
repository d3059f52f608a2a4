#pragma once
// A thin RAII layer over libpq: a connection that prepares each distinct SQL text once and
// runs it with text-format parameters, and the result and error types it returns.
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

namespace roster::store::pg {

// One text-format parameter; nullopt is SQL NULL.
using Param = std::optional<std::string>;

inline Param ToParam(std::string_view v) { return std::string(v); }
inline Param ToParam(const std::string& v) { return v; }
inline Param ToParam(const char* v) { return std::string(v); }
inline Param ToParam(std::int64_t v) { return std::to_string(v); }
inline Param ToParam(int v) { return std::to_string(v); }
inline Param ToParam(bool v) { return std::string(v ? "true" : "false"); }
inline Param ToParam(const std::optional<std::string>& v) { return v; }
inline Param ToParam(const std::optional<std::int64_t>& v) {
  return v ? Param(std::to_string(*v)) : std::nullopt;
}

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

// The rows of one statement. Values are read as text (the text result format).
class Result {
 public:
  explicit Result(PGresult* result) : result_(result, &PQclear) {}
  int Rows() const { return PQntuples(result_.get()); }
  bool Empty() const { return Rows() == 0; }
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string Text(int row, int column) const;
  std::int64_t Int(int row, int column) const;
  std::optional<std::string> OptText(int row, int column) const;
  std::optional<std::int64_t> OptInt(int row, int column) const;
  // Rows changed by an INSERT, UPDATE or DELETE.
  int Affected() const;
  // The command tag, e.g. "COMMIT" (or "ROLLBACK" for a COMMIT of an aborted transaction).
  std::string CommandTag() const { return PQcmdStatus(result_.get()); }

 private:
  friend class Connection;
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

class Connection {
 public:
  // `url` is a libpq connection URI or keyword string. Throws PgError when it fails.
  explicit Connection(const std::string& url);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements without parameters (simple query protocol).
  Result Exec(std::string_view sql);
  // Runs `sql` as a prepared statement (prepared on this connection on first use, in the same
  // round trip).
  Result Query(std::string_view sql, const std::vector<Param>& params) {
    return Pipeline({}, sql, params, {});
  }
  // Runs in one round trip (libpq pipeline mode) the parameterless statements `before`, `sql`
  // as a prepared statement, then the parameterless statements `after` (e.g. BEGIN with the
  // first statement of a transaction). The server skips what follows a failed statement; the
  // first error is thrown as a PgError. Returns the result of `sql`.
  Result Pipeline(std::span<const char* const> before, std::string_view sql,
                  const std::vector<Param>& params, std::span<const char* const> after);
  template <typename... Args>
  Result Run(std::string_view sql, const Args&... args) {
    return Query(sql, std::vector<Param>{ToParam(args)...});
  }

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
  // SQL text -> statement name (heterogeneous lookup: no copy of the text per statement).
  std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> prepared_;
};

}  // namespace roster::store::pg
