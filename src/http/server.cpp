#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/json.hpp>
#include <random>
#include <thread>

#include "http/problem_json.hpp"

namespace roster::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
using domain::Error;
using domain::ErrorCode;

namespace {

// A parse error of the request itself (not a closed, timed-out or aborted connection).
bool IsMalformedRequest(const boost::system::error_code& ec) {
  return ec.category() == beast_http::make_error_code(beast_http::error::bad_target).category() &&
         ec != beast_http::error::end_of_stream;
}

}  // namespace

struct Server::Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;  // a request is being handled (touched only on the connection's strand)
};

Server::Server(ServerOptions options, Api& api)
    : options_(std::move(options)), api_(api), ioc_(options_.threads), acceptor_(ioc_) {
  std::random_device rd;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", rd());
  id_prefix_ = buf;
}

Server::~Server() = default;

unsigned short Server::Listen() {
  const tcp::endpoint endpoint(asio::ip::make_address(options_.host), options_.port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  return acceptor_.local_endpoint().port();
}

void Server::Run() {
  asio::co_spawn(ioc_, Accept(), asio::detached);
  std::optional<asio::signal_set> signals;
  if (options_.handle_signals) {
    signals.emplace(ioc_, SIGINT, SIGTERM);
    signals->async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      spdlog::info("signal {} received: shutting down gracefully", signal);
      Stop();
    });
  }
  std::vector<std::thread> threads;
  for (int i = 1; i < options_.threads; ++i) threads.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (auto& t : threads) t.join();
}

void Server::Stop() {
  if (stopping_.exchange(true)) return;
  asio::post(ioc_, [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    std::lock_guard lock(connections_mutex_);
    for (const auto& connection : connections_) {
      // Idle keep-alive connections close now; busy ones close after their response.
      asio::post(connection->stream.get_executor(), [connection] {
        if (!connection->busy) connection->stream.socket().close();
      });
    }
    asio::co_spawn(ioc_, Drain(), asio::detached);
  });
}

asio::awaitable<void> Server::Drain() {
  asio::steady_timer timer(ioc_);
  const auto deadline = std::chrono::steady_clock::now() + options_.shutdown_grace;
  while (active_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(asio::use_awaitable);
  }
  if (active_.load() > 0) spdlog::warn("{} connection(s) still open at shutdown", active_.load());
  ioc_.stop();
}

asio::awaitable<void> Server::Accept() {
  while (!stopping_) {
    auto [ec, socket] = co_await acceptor_.async_accept(
        asio::make_strand(ioc_), asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) break;
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    if (active_.load() >= options_.max_connections) {
      socket.close();  // over the cap: refuse rather than starve everyone
      continue;
    }
    socket.set_option(tcp::no_delay(true));
    auto connection = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard lock(connections_mutex_);
      connections_.insert(connection);
    }
    ++active_;
    asio::co_spawn(connection->stream.get_executor(), Serve(connection),
                   [this, connection](std::exception_ptr error) {
                     if (error) {
                       try {
                         std::rethrow_exception(error);
                       } catch (const std::exception& e) {
                         spdlog::error("connection ended by error: {}", e.what());
                       }
                     }
                     std::lock_guard lock(connections_mutex_);
                     connections_.erase(connection);
                     --active_;
                   });
  }
}

std::string Server::ClientOf(const asio::ip::address& peer, const Request& request) const {
  std::vector<std::string_view> forwarded_for;
  if (!options_.trusted_proxies.empty()) {
    const auto [first, last] = request.equal_range("X-Forwarded-For");
    for (auto it = first; it != last; ++it) forwarded_for.push_back(it->value());
  }
  return ClientAddress(peer, forwarded_for, options_.trusted_proxies);
}

std::string Server::NextRequestId(const Request& request) {
  const auto given = request["X-Request-Id"];
  const bool usable = !given.empty() && given.size() <= 64 &&
                      given.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789-_.") == std::string_view::npos;
  if (usable) return std::string(given);
  return id_prefix_ + "-" + std::to_string(++request_counter_);
}

asio::awaitable<void> Server::Serve(std::shared_ptr<Connection> connection) {
  auto& stream = connection->stream;
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  const auto remote = stream.socket().remote_endpoint(ec);
  const std::optional<asio::ip::address> peer = ec ? std::nullopt : std::optional(remote.address());

  while (!stopping_) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(kMaxBodyBytes);
    stream.expires_after(options_.read_timeout);
    auto [read_ec, n] = co_await beast_http::async_read_header(
        stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    connection->busy = true;
    if (!read_ec && !parser.is_done()) {
      if (parser.get()[beast_http::field::expect] == "100-continue") {
        beast_http::response<beast_http::empty_body> go_on{beast_http::status::continue_, 11};
        co_await beast_http::async_write(stream, go_on, asio::as_tuple(asio::use_awaitable));
      }
      std::tie(read_ec, n) = co_await beast_http::async_read(
          stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    }
    if (read_ec) {
      if (read_ec == beast_http::error::body_limit) {
        auto res = ProblemResponse(Error(ErrorCode::kPayloadTooLarge,
                                         "The request body must be at most 1 MiB."),
                                   11, false);
        stream.expires_after(options_.write_timeout);
        co_await beast_http::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
      } else if (IsMalformedRequest(read_ec)) {
        auto res =
            ProblemResponse(Error(ErrorCode::kBadRequest, "Malformed HTTP request."), 11, false);
        stream.expires_after(options_.write_timeout);
        co_await beast_http::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
      }
      break;
    }
    const auto started = std::chrono::steady_clock::now();
    Request request = parser.release();
    const std::string request_id = NextRequestId(request);
    const std::string client = peer ? ClientOf(*peer, request) : std::string("unknown");
    std::string route;
    Response response = co_await api_.Handle(request, client, request_id, route);
    if (stopping_) response.keep_alive(false);
    const double millis =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    LogAccess(request, response, route, client, request_id, millis);
    api_.RecordRequest(request.method_string(), route, response.result_int(), millis / 1000);
    stream.expires_after(options_.write_timeout);
    auto [write_ec, written] =
        co_await beast_http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
    connection->busy = false;
    if (write_ec || !response.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
}

void Server::LogAccess(const Request& request, const Response& response, const std::string& route,
                       const std::string& client, const std::string& request_id, double millis) {
  if (options_.json_log) {
    boost::json::object line{{"msg", "request"},
                             {"request_id", request_id},
                             {"method", std::string(request.method_string())},
                             {"path", route},
                             {"status", response.result_int()},
                             {"ms", std::round(millis * 100) / 100},
                             {"client", client}};
    spdlog::info(boost::json::serialize(line));
  } else {
    spdlog::info("{} {} {} {} {:.2f}ms {}", request_id, request.method_string(), route,
                 response.result_int(), millis, client);
  }
}

}  // namespace roster::http
