#include "store/postgres/pg_connection.hpp"

#include <charconv>
#include <cstdlib>

#include <spdlog/spdlog.h>

namespace roster::store::pg {
namespace {

std::string Field(const PGresult* result, int field) {
  const char* value = PQresultErrorField(result, field);
  return value ? value : "";
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

std::optional<std::string> Result::OptText(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Text(row, column);
}

std::optional<std::int64_t> Result::OptInt(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Int(row, column);
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
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::IsBroken() const { return PQstatus(conn_) != CONNECTION_OK; }

bool Connection::IsIdle() const {
  return !IsBroken() && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

Result Connection::Check(PGresult* raw, std::string_view sql) {
  Result result(raw);
  const auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    return result;
  }
  if (!raw) throw PgError(std::string("postgres: ") + PQerrorMessage(conn_), "08006", "");
  std::string message = Field(raw, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) message = PQerrorMessage(conn_);
  throw PgError("postgres: " + message + " [" + std::string(sql.substr(0, 120)) + "]",
                Field(raw, PG_DIAG_SQLSTATE), Field(raw, PG_DIAG_CONSTRAINT_NAME));
}

Result Connection::Exec(std::string_view sql) {
  const std::string text(sql);
  return Check(PQexec(conn_, text.c_str()), sql);
}

Result Connection::Query(std::string_view sql, const std::vector<Param>& params) {
  const std::string text(sql);
  auto it = prepared_.find(text);
  if (it == prepared_.end()) {
    std::string name = "roster_" + std::to_string(prepared_.size() + 1);
    Check(PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(params.size()), nullptr),
          sql);
    it = prepared_.emplace(text, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return Check(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                              values.data(), nullptr, nullptr, 0),
               sql);
}

}  // namespace roster::store::pg
