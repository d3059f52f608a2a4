#pragma once
// The network side: a Beast/Asio HTTP/1.1 server on C++20 coroutines. Keep-alive, body and
// header limits, timeouts, a connection cap, one access-log line per request, and graceful
// shutdown (stop accepting, finish in-flight requests, close idle connections).
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>

#include "http/api.hpp"
#include "http/client_address.hpp"

namespace roster::http {

inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (tests)
  int threads = 2;
  std::chrono::seconds read_timeout{30};  // a whole request header (or an idle keep-alive)
  std::chrono::seconds write_timeout{30};
  int max_connections = 2048;
  std::chrono::seconds shutdown_grace{10};
  bool json_log = false;
  bool handle_signals = false;  // SIGINT/SIGTERM start a graceful shutdown
  TrustedProxies trusted_proxies;  // peers whose X-Forwarded-For names the client
};

class Server {
 public:
  Server(ServerOptions options, Api& api);
  ~Server();

  // Binds and listens; returns the port (useful with port 0).
  unsigned short Listen();
  // Serves until Stop() (or a signal) and the drain finish. Blocks; uses options.threads.
  void Run();
  // Graceful stop; safe from any thread.
  void Stop();
  int active_connections() const { return active_.load(); }

 private:
  struct Connection;
  boost::asio::awaitable<void> Accept();
  boost::asio::awaitable<void> Serve(std::shared_ptr<Connection> connection);
  boost::asio::awaitable<void> Drain();
  std::string NextRequestId(const Request& request);
  // The client address for logs and limits: the peer, or X-Forwarded-For from a trusted proxy.
  std::string ClientOf(const boost::asio::ip::address& peer, const Request& request) const;
  void LogAccess(const Request& request, const Response& response, const std::string& route,
                 const std::string& client, const std::string& request_id, double millis);

  ServerOptions options_;
  Api& api_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::atomic<int> active_{0};
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> request_counter_{0};
  std::string id_prefix_;
  std::mutex connections_mutex_;
  std::unordered_set<std::shared_ptr<Connection>> connections_;
};

}  // namespace roster::http
