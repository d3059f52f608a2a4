#pragma once
// The one database interface the entity files (accounts.cpp, members.cpp, ...) are written
// against; sqlite/sqlite_db.hpp and postgres/pg_connection.hpp adapt it. Statements are written
// once, with $1, $2, ... placeholders and the {FOR_UPDATE} and {SKIP_LOCKED} markers; an adapter
// rewrites a text for its database (RewriteSql, dialect.hpp) when it first prepares it and keeps
// the prepared statement for every later call.
#include <array>
#include <cstdint>
#include <list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "domain/model.hpp"

namespace roster::store {

// A parameter: SQL NULL, an integer or text (borrowed for the duration of the call).
using Value = std::variant<std::nullptr_t, std::int64_t, std::string_view>;
inline Value ToValue(std::string_view v) { return v; }
inline Value ToValue(std::int64_t v) { return v; }
inline Value ToValue(int v) { return std::int64_t{v}; }
inline Value ToValue(domain::Timestamp t) { return domain::ToMillis(t); }
template <typename E>
requires std::is_enum_v<E> Value ToValue(E e) {
  return ToString(e);  // the stored text of Role, InvitationStatus, DeliveryState
}
template <typename T>
Value ToValue(const std::optional<T>& v) {
  return v ? ToValue(*v) : Value(nullptr);
}

// The current row of a statement.
class Row {
 public:
  virtual bool IsNull(int column) const = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  domain::Timestamp Time(int column) const { return domain::FromMillis(Int(column)); }
  std::optional<std::string> OptText(int c) const {
    return IsNull(c) ? std::nullopt : std::optional(Text(c));
  }
  std::optional<domain::Timestamp> OptTime(int c) const {
    return IsNull(c) ? std::nullopt : std::optional(Time(c));
  }

 protected:
  ~Row() = default;
};

// The columns of `row` from `first` on, numbered from 0: a joined table's columns read by that
// table's own reader.
class RowFrom final : public Row {
 public:
  RowFrom(const Row& row, int first) : row_(row), first_(first) {}
  bool IsNull(int column) const override { return row_.IsNull(first_ + column); }
  std::int64_t Int(int column) const override { return row_.Int(first_ + column); }
  std::string Text(int column) const override { return row_.Text(first_ + column); }

 private:
  const Row& row_;
  int first_;
};

// A borrowed callable that takes the rows of a statement one by one; returning false stops.
class RowFn {
 public:
  RowFn() = default;
  template <typename F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, RowFn>)
      RowFn(F&& f)  // NOLINT: implicit, like a function_ref
      : target_(const_cast<void*>(static_cast<const void*>(&f))),
        call_(&Call<std::remove_reference_t<F>>) {}
  bool operator()(const Row& row) const { return call_ == nullptr || call_(target_, row); }

 private:
  template <typename F>
  static bool Call(void* f, const Row& row) {
    if constexpr (std::is_void_v<std::invoke_result_t<F&, const Row&>>) {
      (*static_cast<F*>(f))(row);
      return true;
    } else {
      return (*static_cast<F*>(f))(row);
    }
  }
  void* target_ = nullptr;
  bool (*call_)(void*, const Row&) = nullptr;
};

// kRead: a plain SELECT. kWrite: writes or locks (refused in a read transaction). kUnique: a
// write a unique index may refuse; the refusal leaves the transaction usable.
enum class Access { kRead, kWrite, kUnique };

struct Sql {
  std::string_view text;
  Access access = Access::kRead;
};

// A statement built at run time (a list with optional filters) and its parameters.
class SqlBuilder {
 public:
  explicit SqlBuilder(std::string sql) : text(std::move(sql)) {}
  SqlBuilder(SqlBuilder&&) = default;  // list elements keep their addresses
  // Appends a parameter and returns its placeholder, e.g. "$3".
  std::string Arg(Value value) {
    params.push_back(value);
    return "$" + std::to_string(params.size());
  }
  // The same for a value the builder keeps alive.
  std::string Own(std::string value) {
    return Arg(std::string_view(owned_.emplace_back(std::move(value))));
  }
  Sql sql() const { return {text, Access::kRead}; }

  std::string text;
  std::vector<Value> params;

 private:
  std::list<std::string> owned_;  // no allocation while empty
};

// A connection (or a transaction on one). Unique-index violations the API names are thrown as
// domain::Error (dialect.hpp); other errors as the adapter's own exception type.
class Db {
 public:
  virtual ~Db() = default;
  // Runs `sql` with `params` bound to $1, $2, ..., passes each row to `on_row`; returns the
  // number of rows changed.
  virtual int Run(const Sql& sql, std::span<const Value> params, RowFn on_row = {}) = 0;
  virtual void Script(std::string_view sql) = 0;  // statements without parameters, unprepared

  int Query(const SqlBuilder& st, RowFn on_row = {}) { return Run(st.sql(), st.params, on_row); }
  template <typename... A>
  int Execute(const Sql& sql, const A&... args) {
    const std::array<Value, sizeof...(A)> params{ToValue(args)...};
    return Run(sql, params);
  }
  template <typename F, typename... A>
  void Each(const Sql& sql, F&& on_row, const A&... args) {
    const std::array<Value, sizeof...(A)> params{ToValue(args)...};
    Run(sql, params, on_row);
  }
  // The first row, as `read` makes it, or nullopt.
  template <typename Read, typename... A>
  auto First(const Sql& sql, Read read, const A&... args) {
    std::optional<std::invoke_result_t<Read, const Row&>> out;
    Each(
        sql, [&](const Row& row) { return (out.emplace(read(row)), false); }, args...);
    return out;
  }
  template <typename... A>
  bool Exists(const Sql& sql, const A&... args) {
    return First(
               sql, [](const Row&) { return true; }, args...)
        .has_value();
  }
  // The integer in the first column of the first row (0 when there is none).
  template <typename... A>
  std::int64_t Number(const Sql& sql, const A&... args) {
    return First(
               sql, [](const Row& row) { return row.Int(0); }, args...)
        .value_or(0);
  }
};

}  // namespace roster::store
