#pragma once
// Everything outside /api/v1: the web UI's pages and assets, and the health probes.
#include <boost/asio/thread_pool.hpp>

#include "app/ports.hpp"
#include "http/types.hpp"

namespace roster::http {

// index.html for the page routes, embedded assets by path, 404 otherwise. Text assets go out
// precompressed when the client accepts it (Content-Encoding, Vary: Accept-Encoding).
Response ServePage(const RequestContext& ctx);

enum class ContentEncoding { kIdentity, kGzip, kBrotli };

// The coding to send, given the request's Accept-Encoding and the copies at hand: brotli
// preferred, then gzip, else identity. A coding with q=0 is refused; "*" stands for the others.
ContentEncoding ChooseEncoding(std::string_view accept_encoding, bool have_gzip, bool have_brotli);

// GET /healthz: the process is up. GET /readyz: the database answers.
boost::asio::awaitable<Response> HandleHealth(const RequestContext& ctx, app::Store& store,
                                              boost::asio::thread_pool& db_pool);

// The path as it may appear in a log line: invitation tokens replaced by "{token}".
std::string RedactedPath(const std::string& path);

}  // namespace roster::http
