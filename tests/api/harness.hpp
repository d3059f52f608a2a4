#pragma once
// Test harness: a real Roster instance on a loopback port (in process, temporary SQLite
// database) and a small HTTP client that keeps cookies like a browser.
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "app/ports.hpp"
#include "config.hpp"

namespace roster::cmd {
class Instance;
}

namespace roster::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie joined by '\n'
  std::string body;
  boost::json::value json;  // null when the body is not JSON

  // Shorthands for problem documents and objects.
  std::string code() const;
  std::string str(const char* key) const;
};

// A clock the tests move forward (invitation expiry, session expiry).
class FakeClock final : public app::Clock {
 public:
  app::Timestamp Now() const override;
  void Advance(std::chrono::milliseconds by) { offset_ += by.count(); }

 private:
  std::atomic<long long> offset_{0};
};

class TestServer {
 public:
  struct Options {
    std::string smtp_url;
    std::string invitation_ttl = "7d";
    std::filesystem::path db_path;  // empty: a fresh temporary file
    int login_max_failures = 10;
    int invitations_per_hour = 100;
    int max_pending_invitations = 1000;
    std::string metrics_token;  // ROSTER_METRICS_TOKEN ("" : GET /metrics is off)
    // Shapes the rest of the configuration (e.g. lowered limits), on either database.
    std::function<void(cmd::Config&)> shape;
  };
  TestServer();
  explicit TestServer(Options options);
  ~TestServer();

  void Stop();
  unsigned short port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& db_path() const { return db_path_; }
  FakeClock& clock() { return clock_; }
  // How often a transaction of this server waited for a lock another one held: on PostgreSQL
  // the backends of its database waiting now, on SQLite the waits for the writer so far.
  std::uint64_t LockWaits() const;
  cmd::Instance& instance() { return *instance_; }

 private:
  Options options_;
  std::filesystem::path db_path_;
  bool owns_db_ = false;
  FakeClock clock_;
  std::unique_ptr<cmd::Instance> instance_;
  std::thread thread_;
  unsigned short port_ = 0;
};

// One browser-like client: keeps cookies, sends the CSRF header for state changes.
class Client {
 public:
  explicit Client(unsigned short port) : port_(port) {}

  HttpResult Request(const std::string& method, const std::string& target,
                     const std::optional<std::string>& body = std::nullopt,
                     std::map<std::string, std::string> headers = {});
  HttpResult Get(const std::string& target) { return Request("GET", target); }
  HttpResult Post(const std::string& target, const boost::json::value& body) {
    return Request("POST", target, boost::json::serialize(body));
  }
  HttpResult Patch(const std::string& target, const boost::json::value& body) {
    return Request("PATCH", target, boost::json::serialize(body));
  }
  HttpResult Delete(const std::string& target) { return Request("DELETE", target); }

  std::string cookie(const std::string& name) const;
  void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
  void clear_cookies() { cookies_.clear(); }
  bool send_csrf = true;
  std::string bearer;  // when set, sent as Authorization: Bearer and no cookies

 private:
  unsigned short port_;
  std::map<std::string, std::string> cookies_;
};

// Runs `request(i, client)` for every i in [0, n) on n threads released together, each with a
// client of its own carrying the session and CSRF cookies of `session`; returns when all are done.
void RunTogether(unsigned short port, const Client& session, int n,
                 const std::function<void(int, Client&)>& request);

// Raw bytes in, raw bytes out (for malformed requests).
std::string RawExchange(unsigned short port, const std::string& bytes);

}  // namespace roster::testing
