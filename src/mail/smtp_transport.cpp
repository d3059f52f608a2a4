#include "mail/smtp_transport.hpp"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string_view>

#include "mail/mime.hpp"

namespace roster::mail {
namespace {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Upload {
  std::string_view data;
  std::size_t pos = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t nitems, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * nitems, upload->data.size() - upload->pos);
  std::memcpy(buffer, upload->data.data() + upload->pos, n);
  upload->pos += n;
  return n;
}

// An address that cannot smuggle SMTP commands or header lines.
bool IsSafeAddress(std::string_view address) {
  if (address.empty() || address.size() > 320 || address.find('@') == std::string_view::npos) {
    return false;
  }
  for (const char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>') return false;
  }
  return true;
}

std::string MessageIdPart(std::string_view id) {
  std::string out;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    out += ok ? c : '_';
  }
  return out;
}

std::string RandomBoundary() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string boundary = "=_roster_";
  for (int i = 0; i < 24; ++i) boundary += kHex[rng() & 15];
  return boundary;
}

std::string DescribeFailure(CURLcode code, const char* errbuf, long response) {
  std::string error = "smtp: ";
  error += curl_easy_strerror(code);
  if (errbuf[0] != '\0') {
    error += ": ";
    error += errbuf;
  }
  if (response != 0) error += " (last reply " + std::to_string(response) + ")";
  return error;
}

}  // namespace

SmtpTransport::SmtpTransport(SmtpSettings settings) : timeout_(settings.timeout) {
  GlobalInitOnce();
  auto endpoint = ParseSmtpUrl(settings.url);
  if (!endpoint)
    throw std::invalid_argument("ROSTER_SMTP_URL must be smtp://host:port or smtps://");
  endpoint_ = std::move(*endpoint);
  from_header_ = settings.from;
  from_address_ = MailboxAddress(settings.from);
  if (!IsSafeAddress(from_address_)) {
    throw std::invalid_argument("ROSTER_MAIL_FROM is not a usable address");
  }
}

std::string SmtpTransport::Render(const app::OutboxMessage& message) const {
  const auto at = from_address_.rfind('@');
  MimeMessage mime;
  mime.from = from_header_;
  mime.to = message.recipient;
  mime.subject = message.subject;
  mime.message_id = "roster." + MessageIdPart(message.id) + from_address_.substr(at);
  mime.date = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  mime.text = message.body_text;
  mime.html = message.body_html;
  mime.boundary = RandomBoundary();
  return BuildMimeMessage(mime);
}

void SmtpTransport::Configure(void* h, char* errbuf) const {
  curl_easy_setopt(h, CURLOPT_URL, endpoint_.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_.count() * 1000));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count() * 2000));
  if (!endpoint_.implicit_tls) {
    // smtp://: credentials only ever travel inside STARTTLS; without them, upgrade when offered.
    curl_easy_setopt(h, CURLOPT_USE_SSL,
                     static_cast<long>(RequiresStartTls() ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  }
  if (!endpoint_.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, endpoint_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, endpoint_.password.c_str());
  }
}

SendResult SmtpTransport::Send(const app::OutboxMessage& message) {
  if (!IsSafeAddress(message.recipient)) return SendResult::Failed("invalid recipient address");
  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) return SendResult::Failed("smtp: curl_easy_init failed");
  CURL* h = curl.get();
  char errbuf[CURL_ERROR_SIZE] = {};
  Configure(h, errbuf);

  const std::string payload = Render(message);
  Upload upload{payload};
  const std::string mail_from = "<" + from_address_ + ">";
  std::unique_ptr<curl_slist, ListDeleter> rcpt(
      curl_slist_append(nullptr, ("<" + message.recipient + ">").c_str()));
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(payload.size()));

  const CURLcode code = curl_easy_perform(h);
  if (code == CURLE_OK) return SendResult::Sent();
  if (code == CURLE_USE_SSL_FAILED && RequiresStartTls()) {
    const std::string why = "smtp: STARTTLS is required to send the credentials of " +
                            std::string("ROSTER_SMTP_URL over smtp://, and ") + endpoint_.url +
                            " does not offer it: nothing was sent (use smtps://, or an SMTP "
                            "server with STARTTLS)";
    return SendResult::Refused(why);
  }
  long response = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response);
  return SendResult::Failed(DescribeFailure(code, errbuf, response));
}

}  // namespace roster::mail
