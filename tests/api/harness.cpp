#include "harness.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <libpq-fe.h>

#include <atomic>
#include <random>
#include <vector>

#include "instance.hpp"
#include "metrics/metrics.hpp"
#include "response_log.hpp"

namespace roster::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

std::string HttpResult::code() const {
  if (!json.is_object()) return {};
  const auto* c = json.as_object().if_contains("code");
  return c && c->is_string() ? std::string(c->as_string()) : std::string();
}

std::string HttpResult::str(const char* key) const {
  if (!json.is_object()) return {};
  const auto* v = json.as_object().if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

app::Timestamp FakeClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()) +
         std::chrono::milliseconds(offset_.load());
}

namespace {

// ROSTER_TEST_API_DATABASE=postgres runs the API suite against PostgreSQL (ROSTER_TEST_PG_URL,
// set by scripts/with-postgres.sh): each server gets its own database, named after its db_path
// so that a restart finds the same data.
bool UsePostgres() {
  const char* kind = std::getenv("ROSTER_TEST_API_DATABASE");
  return kind && std::string_view(kind) == "postgres";
}

std::string PgBaseUrl() {
  const char* url = std::getenv("ROSTER_TEST_PG_URL");
  if (!url) throw std::runtime_error("ROSTER_TEST_PG_URL is unset: run under scripts/with-postgres.sh");
  return url;
}

void PgAdmin(const std::string& sql) {
  PGconn* conn = PQconnectdb(PgBaseUrl().c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string error = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("postgres: " + error);
  }
  PGresult* result = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  const std::string error = PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (!ok && error.find("already exists") == std::string::npos) {
    throw std::runtime_error("postgres: " + error);
  }
}

std::string PgDatabaseName(const std::filesystem::path& db_path) {
  std::string name = "api_" + std::to_string(std::hash<std::string>{}(db_path.string()));
  return name;
}

std::string PgUrlFor(const std::string& database) {
  std::string url = PgBaseUrl();
  return url.substr(0, url.rfind('/') + 1) + database;
}

}  // namespace

std::uint64_t TestServer::LockWaits() const {
  if (!UsePostgres()) return metrics::Total(metrics::Event::kDbPoolWait);
  PGconn* conn = PQconnectdb(PgBaseUrl().c_str());
  const std::string sql =
      "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = '" +
      PgDatabaseName(db_path_) + "'";
  PGresult* result = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
  const std::uint64_t waiting = ok ? std::stoull(PQgetvalue(result, 0, 0)) : 0;
  PQclear(result);
  PQfinish(conn);
  return waiting;
}

TestServer::TestServer() : TestServer(Options{}) {}

TestServer::TestServer(Options options) : options_(std::move(options)) {
  if (options_.db_path.empty()) {
    std::random_device rd;
    db_path_ = std::filesystem::temp_directory_path() /
               ("roster-test-" + std::to_string(rd()) + std::to_string(rd()) + ".db");
    owns_db_ = true;
  } else {
    db_path_ = options_.db_path;
  }
  cmd::Config config;
  config.listen = "127.0.0.1:0";
  config.database_url = "sqlite:" + db_path_.string();
  if (UsePostgres()) {
    PgAdmin("CREATE DATABASE " + PgDatabaseName(db_path_));
    config.database_url = PgUrlFor(PgDatabaseName(db_path_));
  }
  config.public_url = "http://roster.test";
  config.smtp_url = options_.smtp_url;
  config.invitation_ttl = options_.invitation_ttl;
  config.login_max_failures = options_.login_max_failures;
  config.invitations_per_hour = options_.invitations_per_hour;
  config.max_pending_invitations = options_.max_pending_invitations;
  config.metrics_token = options_.metrics_token;
  if (options_.shape) options_.shape(config);
  if (auto error = cmd::Validate(config)) throw std::runtime_error(*error);
  instance_ = std::make_unique<cmd::Instance>(config, &clock_);
  port_ = instance_->Listen();
  thread_ = std::thread([this] { instance_->Run(); });
}

void TestServer::Stop() {
  if (!instance_) return;
  instance_->Stop();
  thread_.join();
  instance_.reset();
}

TestServer::~TestServer() {
  Stop();
  if (owns_db_ && UsePostgres()) {
    PgAdmin("DROP DATABASE IF EXISTS " + PgDatabaseName(db_path_) + " WITH (FORCE)");
  }
  if (owns_db_) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(db_path_.string() + suffix, ec);
    }
  }
}

HttpResult Client::Request(const std::string& method, const std::string& target,
                           const std::optional<std::string>& body,
                           std::map<std::string, std::string> headers) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!bearer.empty()) {
    req.set(http::field::authorization, "Bearer " + bearer);
  } else if (!cookies_.empty()) {
    std::string cookie_header;
    for (const auto& [name, value] : cookies_) {
      cookie_header += (cookie_header.empty() ? "" : "; ") + name + "=" + value;
    }
    req.set(http::field::cookie, cookie_header);
  }
  const bool unsafe = method != "GET" && method != "HEAD";
  if (unsafe && send_csrf && bearer.empty() && cookies_.count("roster_csrf")) {
    req.set("X-CSRF-Token", cookies_.at("roster_csrf"));
  }
  if (body) {
    req.set(http::field::content_type, "application/json");
    req.body() = *body;
  }
  for (const auto& [name, value] : headers) req.set(name, value);
  req.prepare_payload();
  http::write(stream, req);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(stream, buffer, parser);
  auto res = parser.release();
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);

  HttpResult result;
  result.status = res.result_int();
  result.body = res.body();
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto& slot = result.headers[name];
    slot += (slot.empty() ? "" : "\n") + std::string(field.value());
    if (name == "set-cookie") {
      const std::string_view v = field.value();
      const auto eq = v.find('=');
      const auto semi = v.find(';');
      const std::string cname(v.substr(0, eq));
      const std::string cvalue(v.substr(eq + 1, semi == std::string_view::npos ? semi : semi - eq - 1));
      if (cvalue.empty() || v.find("Max-Age=0") != std::string_view::npos) {
        cookies_.erase(cname);
      } else {
        cookies_[cname] = cvalue;
      }
    }
  }
  boost::json::error_code jec;
  result.json = boost::json::parse(result.body, jec);
  if (jec) result.json = nullptr;
  RecordExchange(method, target, result);
  return result;
}

std::string Client::cookie(const std::string& name) const {
  auto it = cookies_.find(name);
  return it == cookies_.end() ? std::string() : it->second;
}

std::string RawExchange(unsigned short port, const std::string& bytes) {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  beast::error_code ec;
  // The server may answer and close before it has read everything (e.g. at its header limit):
  // a broken pipe here is expected, the answer is still there to read.
  asio::write(socket, asio::buffer(bytes), ec);
  socket.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  std::string out;
  char buf[4096];
  while (true) {
    const auto n = socket.read_some(asio::buffer(buf), ec);
    if (n > 0) out.append(buf, n);
    if (ec) break;
  }
  return out;
}

void RunTogether(unsigned short port, const Client& session, int n,
                 const std::function<void(int, Client&)>& request) {
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      Client client(port);
      client.set_cookie("roster_session", session.cookie("roster_session"));
      client.set_cookie("roster_csrf", session.cookie("roster_csrf"));
      ++ready;
      while (!go) std::this_thread::yield();
      request(i, client);
    });
  }
  while (ready < n) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
}

}  // namespace roster::testing
