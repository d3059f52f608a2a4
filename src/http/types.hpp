#pragma once
// Shared HTTP vocabulary of the server: requests, responses and the per-request context.
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/context.hpp"

namespace roster::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;

struct RequestContext {
  const Request& request;
  std::string path;                                    // decoded path, no query
  std::unordered_map<std::string, std::string> query;  // decoded query parameters
  std::unordered_map<std::string, std::string> params; // path parameters, e.g. org_id
  std::string client_address;
  std::string request_id;
  std::optional<app::Principal> principal;  // set for routes that are not public
  std::string route;                        // the matched pattern, for logs
  // Member and admin routes: the caller's membership of {org_id}, as the route's check passed it.
  const domain::Member* member = nullptr;
};

// A public route's handler: a coroutine that offloads its own blocking work.
using Handler = std::function<boost::asio::awaitable<Response>(RequestContext&)>;
// The handler of a route that is not public: plain code that runs on the database pool right
// after the caller is authenticated and the route's access checked, in the same hop (one thread
// handoff per request).
using DbHandler = std::function<Response(RequestContext&)>;

}  // namespace roster::http
