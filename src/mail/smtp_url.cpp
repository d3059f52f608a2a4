#include "mail/smtp_url.hpp"

#include <curl/curl.h>

#include <memory>

namespace roster::mail {
namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

std::optional<std::string> GetPart(CURLU* url, CURLUPart part, unsigned flags) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, flags) != CURLUE_OK || value == nullptr) {
    return std::nullopt;
  }
  std::string result(value);
  curl_free(value);
  return result;
}

}  // namespace

std::optional<SmtpEndpoint> ParseSmtpUrl(std::string_view text) {
  UrlHandle url(curl_url());
  if (!url) return std::nullopt;
  const std::string copy(text);
  if (curl_url_set(url.get(), CURLUPART_URL, copy.c_str(), 0) != CURLUE_OK) return std::nullopt;
  const auto scheme = GetPart(url.get(), CURLUPART_SCHEME, 0);
  if (!scheme || (*scheme != "smtp" && *scheme != "smtps")) return std::nullopt;
  const auto host = GetPart(url.get(), CURLUPART_HOST, 0);
  if (!host || host->empty()) return std::nullopt;

  SmtpEndpoint endpoint;
  endpoint.implicit_tls = *scheme == "smtps";
  endpoint.username = GetPart(url.get(), CURLUPART_USER, CURLU_URLDECODE).value_or("");
  endpoint.password = GetPart(url.get(), CURLUPART_PASSWORD, CURLU_URLDECODE).value_or("");
  // Strip the credentials (and any query/fragment) so the URL can be logged and passed on.
  curl_url_set(url.get(), CURLUPART_USER, nullptr, 0);
  curl_url_set(url.get(), CURLUPART_PASSWORD, nullptr, 0);
  curl_url_set(url.get(), CURLUPART_OPTIONS, nullptr, 0);
  curl_url_set(url.get(), CURLUPART_QUERY, nullptr, 0);
  curl_url_set(url.get(), CURLUPART_FRAGMENT, nullptr, 0);
  const auto stripped = GetPart(url.get(), CURLUPART_URL, 0);
  if (!stripped) return std::nullopt;
  endpoint.url = *stripped;
  return endpoint;
}

}  // namespace roster::mail
