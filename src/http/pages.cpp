#include "http/pages.hpp"

#include <spdlog/spdlog.h>

#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "http/offload.hpp"
#include "web/assets.hpp"

namespace roster::http {
namespace {

bool IsPageRoute(const std::string& path) {
  static constexpr std::string_view kPages[] = {"/",      "/signup", "/login",
                                                "/settings/organization", "/organization/users"};
  for (auto page : kPages) {
    if (path == page) return true;
  }
  return path.starts_with("/invite/") && path.size() > 8 &&
         path.find('/', 8) == std::string::npos;
}

Response AssetResponse(const RequestContext& ctx, const web::Asset& asset, bool page) {
  Response res{beast_http::status::ok, ctx.request.version()};
  res.set(beast_http::field::content_type, asset.content_type);
  res.set(beast_http::field::cache_control,
          asset.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (page) res.set(beast_http::field::cache_control, "no-store");
  res.keep_alive(ctx.request.keep_alive());
  if (ctx.request.method() == beast_http::verb::head) {
    res.content_length(asset.body.size());
  } else {
    res.body() = std::string(asset.body);
    res.prepare_payload();
  }
  return res;
}

}  // namespace

Response ServePage(const RequestContext& ctx) {
  using domain::Error;
  using domain::ErrorCode;
  const auto method = ctx.request.method();
  if (method != beast_http::verb::get && method != beast_http::verb::head) {
    throw Error(ErrorCode::kMethodNotAllowed, "Pages only answer GET and HEAD.");
  }
  if (IsPageRoute(ctx.path)) {
    if (const auto* index = web::IndexHtml()) return AssetResponse(ctx, *index, true);
    throw Error(ErrorCode::kNotFound, "This build of roster has no web UI.");
  }
  if (const auto* asset = web::FindAsset(ctx.path)) return AssetResponse(ctx, *asset, false);
  throw Error(ErrorCode::kNotFound, "No such page.");
}

boost::asio::awaitable<Response> HandleHealth(const RequestContext& ctx, app::Store& store,
                                              boost::asio::thread_pool& db_pool) {
  Response res{beast_http::status::ok, ctx.request.version()};
  res.set(beast_http::field::content_type, "application/json");
  res.set(beast_http::field::cache_control, "no-store");
  res.keep_alive(ctx.request.keep_alive());
  if (ctx.path == "/healthz") {
    res.body() = R"({"status":"ok"})";
  } else {
    bool ready = true;
    try {
      co_await Offload(db_pool, [&] { store.Ping(); });
    } catch (const std::exception& e) {
      spdlog::warn("readiness check failed: {}", e.what());
      ready = false;
    }
    if (!ready) res.result(beast_http::status::service_unavailable);
    res.body() = ready ? R"({"status":"ready"})" : R"({"status":"unavailable"})";
  }
  res.prepare_payload();
  co_return res;
}

std::string RedactedPath(const std::string& path) {
  for (std::string_view prefix : {"/invite/", "/api/v1/invitations/"}) {
    if (path.starts_with(prefix)) {
      const auto rest = path.find('/', prefix.size());
      return std::string(prefix) + "{token}" +
             (rest == std::string::npos ? "" : domain::ToValidUtf8(path.substr(rest)));
    }
  }
  return domain::ToValidUtf8(path);  // decoded from the request: may be any bytes
}

}  // namespace roster::http
