#include "store/postgres/pg_connection.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdlib>
#include <utility>

#include "metrics/metrics.hpp"
#include "store/dialect.hpp"

namespace roster::store::pg {
namespace {

std::string Field(const PGresult* result, int field) {
  const char* value = PQresultErrorField(result, field);
  return value ? value : "";
}

// Skipped statements of a pipeline after a failure (PGRES_PIPELINE_ABORTED) are not failures.
bool IsFailure(const PGresult* result) {
  if (!result) return true;
  const auto status = PQresultStatus(result);
  return status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY &&
         status != PGRES_PIPELINE_ABORTED;
}

// Server notices (e.g. "relation already exists, skipping") go to the debug log, not stderr.
void LogNotice(void*, const char* message) { spdlog::debug("postgres: {}", message); }

}  // namespace

std::string Result::Text(int row, int column) const {
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t Result::Int(int row, int column) const {
  const char* text = PQgetvalue(result_.get(), row, column);
  const char* end = text + PQgetlength(result_.get(), row, column);
  std::int64_t value = 0;
  if (std::from_chars(text, end, value).ec != std::errc()) {
    throw std::runtime_error("postgres: not an integer: " + std::string(text, end));
  }
  return value;
}

int Result::ForEachRow(RowFn on_row) {
  for (row_ = 0; row_ < Rows() && on_row(*this); ++row_) {
  }
  return Affected();
}

std::vector<Param> ToParams(std::span<const Value> values) {
  std::vector<Param> params;
  params.reserve(values.size());
  for (const auto& value : values) {
    if (const auto* text = std::get_if<std::string_view>(&value)) {
      params.emplace_back(std::in_place, *text);
    } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
      params.emplace_back(std::to_string(*number));
    } else {
      params.emplace_back(std::nullopt);
    }
  }
  return params;
}

int Result::Affected() const {
  const char* tuples = PQcmdTuples(result_.get());
  return tuples && *tuples ? std::atoi(tuples) : 0;
}

Connection::Connection(const std::string& url) {
  // Defaults come first so that the URL can override them (expand_dbname semantics).
  const char* keys[] = {"application_name", "connect_timeout", "client_encoding", "dbname",
                        nullptr};
  const char* values[] = {"roster", "10", "UTF8", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("postgres: cannot connect: " + message, "08001", "");
  }
  PQsetNoticeProcessor(conn_, &LogNotice, nullptr);
  // Each prepared statement is planned once per connection, not at each execution: planning
  // anew cost PostgreSQL more CPU than running Roster's index reads, and the query-plan tests
  // check the generic plans of the statements whose plan depends on their parameters.
  try {
    Exec("SET plan_cache_mode = force_generic_plan");
  } catch (...) {
    PQfinish(std::exchange(conn_, nullptr));  // no destructor runs for a throwing constructor
    throw;
  }
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::IsBroken() const { return abandoned_ || PQstatus(conn_) != CONNECTION_OK; }

bool Connection::IsIdle() const {
  return !IsBroken() && PQtransactionStatus(conn_) == PQTRANS_IDLE &&
         PQpipelineStatus(conn_) == PQ_PIPELINE_OFF;
}

Result Connection::Check(Result result, std::string_view sql) {
  const PGresult* raw = result.result_.get();
  if (!IsFailure(raw)) return result;
  if (!raw) throw PgError(std::string("postgres: ") + PQerrorMessage(conn_), "08006", "");
  std::string message = Field(raw, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) message = PQerrorMessage(conn_);
  throw PgError("postgres: " + message + " [" + std::string(sql.substr(0, 120)) + "]",
                Field(raw, PG_DIAG_SQLSTATE), Field(raw, PG_DIAG_CONSTRAINT_NAME));
}

int Connection::Run(const Sql& sql, std::span<const Value> params, RowFn on_row) {
  try {
    return Query(sql.text, ToParams(params)).ForEachRow(on_row);
  } catch (const PgError& e) {
    if (e.IsUniqueViolation()) ThrowIfConflict(PostgresDialect(), e.constraint());
    throw;
  }
}

Result Connection::Exec(std::string_view sql) {
  metrics::Count(metrics::Event::kDbRoundTrip);
  const std::string text(sql);
  return Check(Result(PQexec(conn_, text.c_str())), sql);
}

Result Connection::Pipeline(std::span<const char* const> before, std::string_view sql,
                            const std::vector<Param>& params, std::span<const char* const> after) {
  metrics::Count(metrics::Event::kDbRoundTrip);
  auto it = prepared_.find(sql);
  const bool parse = it == prepared_.end();
  if (parse) {
    Prepared prepared{"roster_" + std::to_string(prepared_.size() + 1),
                      RewriteSql(sql, PostgresDialect())};
    it = prepared_.emplace(std::string(sql), std::move(prepared)).first;
  }
  if (!SendPipeline(before, it->second.name, parse ? &it->second.text : nullptr, params, after)) {
    Abandon(Result(nullptr), sql);
  }
  // Results come in the order sent: `before`, the Parse (when new), `sql`, then `after`.
  const std::size_t wanted = before.size() + (parse ? 1 : 0);
  const auto text = [&](std::size_t i) -> std::string_view {
    if (i < before.size()) return before[i];
    return i <= wanted ? sql : after[i - wanted - 1];
  };
  Result out(nullptr);
  Result error(nullptr);
  std::string_view failed = sql;
  for (std::size_t i = 0; i <= wanted + after.size(); ++i) {
    Result result = NextPipelineResult();
    if (!result.result_) Abandon(std::move(error), failed);
    const bool failure = IsFailure(result.result_.get());
    if (parse && i + 1 == wanted && PQresultStatus(result.result_.get()) != PGRES_COMMAND_OK) {
      prepared_.erase(it);  // not prepared on the server: prepare again next time
    }
    if (failure && !error.result_) {
      error = std::move(result);
      failed = text(i);
    } else if (i == wanted) {
      out = std::move(result);
    }
  }
  const Result sync(PQgetResult(conn_));
  if (!sync.result_ || PQresultStatus(sync.result_.get()) != PGRES_PIPELINE_SYNC ||
      PQexitPipelineMode(conn_) != 1) {
    Abandon(std::move(error), failed);
  }
  if (error.result_) Check(std::move(error), failed);
  return out;
}

bool Connection::SendPipeline(std::span<const char* const> before, const std::string& name,
                              const std::string* parse, const std::vector<Param>& params,
                              std::span<const char* const> after) {
  const auto send_simple = [&](const char* sql) {
    return PQsendQueryParams(conn_, sql, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
  };
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  const int count = static_cast<int>(values.size());
  if (PQenterPipelineMode(conn_) != 1) return false;
  for (const char* sql : before) {
    if (!send_simple(sql)) return false;
  }
  if (parse && PQsendPrepare(conn_, name.c_str(), parse->c_str(), count, nullptr) != 1) {
    return false;
  }
  if (PQsendQueryPrepared(conn_, name.c_str(), count, values.data(), nullptr, nullptr, 0) != 1) {
    return false;
  }
  for (const char* sql : after) {
    if (!send_simple(sql)) return false;
  }
  return PQpipelineSync(conn_) == 1;  // also flushes what was queued
}

Result Connection::NextPipelineResult() {
  Result result(PQgetResult(conn_));
  // Each statement's results end with a null (the sync's do not).
  if (result.result_ && PQresultStatus(result.result_.get()) != PGRES_PIPELINE_SYNC &&
      Result(PQgetResult(conn_)).result_) {
    return Result(nullptr);
  }
  return result;
}

void Connection::Abandon(Result error, std::string_view sql) {
  abandoned_ = true;
  Check(std::move(error), sql);  // throws: `error` is a failure or null
  throw std::logic_error("postgres: pipeline abandoned without an error");
}

}  // namespace roster::store::pg
