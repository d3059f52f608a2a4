#pragma once
// Everything outside /api/v1: the web UI's pages and assets, and the health probes.
#include <boost/asio/thread_pool.hpp>

#include "app/ports.hpp"
#include "http/types.hpp"

namespace roster::http {

// index.html for the page routes, embedded assets by path, 404 otherwise.
Response ServePage(const RequestContext& ctx);

// GET /healthz: the process is up. GET /readyz: the database answers.
boost::asio::awaitable<Response> HandleHealth(const RequestContext& ctx, app::Store& store,
                                              boost::asio::thread_pool& db_pool);

// The path as it may appear in a log line: invitation tokens replaced by "{token}".
std::string RedactedPath(const std::string& path);

}  // namespace roster::http
