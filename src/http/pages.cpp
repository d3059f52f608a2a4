#include "http/pages.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <optional>

#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "http/offload.hpp"
#include "web/assets.hpp"

namespace roster::http {
namespace {

// Pages whose last segment is a mailed token: /invite/{token} and the account links.
constexpr std::string_view kTokenPages[] = {"/invite/", "/reset-password/", "/verify-email/"};

bool IsPageRoute(const std::string& path) {
  static constexpr std::string_view kPages[] = {
      "/",
      "/signup",
      "/login",
      "/forgot-password",
      "/settings/organization",
      "/settings/account",
      "/organization/users",
      "/organization/audit",
      "/organization/applications"};
  for (auto page : kPages) {
    if (path == page) return true;
  }
  for (auto prefix : kTokenPages) {
    if (path.starts_with(prefix) && path.size() > prefix.size() &&
        path.find('/', prefix.size()) == std::string::npos) {
      return true;
    }
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// "q=0", "q=0.0", "Q=0.000": the coding is refused. Any other weight accepts it.
bool IsZeroWeight(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    auto param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.size() < 2 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=') continue;
    const auto value = Trim(param.substr(2));
    return !value.empty() && value.find_first_not_of("0.") == std::string_view::npos;
  }
  return false;
}

struct Accepted {
  std::optional<bool> gzip, brotli, any;  // listed: accepted or refused; unlisted: nullopt
};

Accepted ParseAcceptEncoding(std::string_view header) {
  Accepted out;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    const auto semi = item.find(';');
    const auto coding = Trim(item.substr(0, semi));
    const bool ok = semi == std::string_view::npos || !IsZeroWeight(item.substr(semi + 1));
    if (EqualsNoCase(coding, "gzip") || EqualsNoCase(coding, "x-gzip")) out.gzip = ok;
    if (EqualsNoCase(coding, "br")) out.brotli = ok;
    if (coding == "*") out.any = ok;
  }
  return out;
}

Response AssetResponse(const RequestContext& ctx, const web::Asset& asset, bool page) {
  Response res{beast_http::status::ok, ctx.request.version()};
  res.set(beast_http::field::content_type, asset.content_type);
  res.set(beast_http::field::cache_control,
          asset.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (page) res.set(beast_http::field::cache_control, "no-store");
  res.keep_alive(ctx.request.keep_alive());
  std::string_view body = asset.body;
  if (!asset.gzip.empty() || !asset.brotli.empty()) {
    res.set(beast_http::field::vary, "Accept-Encoding");
    switch (ChooseEncoding(ctx.request[beast_http::field::accept_encoding], !asset.gzip.empty(),
                           !asset.brotli.empty())) {
      case ContentEncoding::kBrotli:
        res.set(beast_http::field::content_encoding, "br");
        body = asset.brotli;
        break;
      case ContentEncoding::kGzip:
        res.set(beast_http::field::content_encoding, "gzip");
        body = asset.gzip;
        break;
      case ContentEncoding::kIdentity:
        break;
    }
  }
  if (ctx.request.method() == beast_http::verb::head) {
    res.content_length(body.size());
  } else {
    res.body() = std::string(body);
    res.prepare_payload();
  }
  return res;
}

}  // namespace

ContentEncoding ChooseEncoding(std::string_view accept_encoding, bool have_gzip, bool have_brotli) {
  const auto accepted = ParseAcceptEncoding(accept_encoding);
  const bool any = accepted.any.value_or(false);
  if (have_brotli && accepted.brotli.value_or(any)) return ContentEncoding::kBrotli;
  if (have_gzip && accepted.gzip.value_or(any)) return ContentEncoding::kGzip;
  return ContentEncoding::kIdentity;
}

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
  static constexpr std::string_view kTokenPrefixes[] = {
      kTokenPages[0], kTokenPages[1], kTokenPages[2], "/api/v1/invitations/",
      "/api/v1/auth/password-reset/", "/api/v1/auth/email-verification/"};
  for (std::string_view prefix : kTokenPrefixes) {
    if (path.starts_with(prefix)) {
      const auto rest = path.find('/', prefix.size());
      return std::string(prefix) + "{token}" +
             (rest == std::string::npos ? "" : domain::ToValidUtf8(path.substr(rest)));
    }
  }
  return domain::ToValidUtf8(path);  // decoded from the request: may be any bytes
}

}  // namespace roster::http
