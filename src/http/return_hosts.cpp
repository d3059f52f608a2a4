#include "http/return_hosts.hpp"

#include <boost/url/parse.hpp>
#include <algorithm>
#include <cctype>
#include <charconv>

namespace roster::http {
namespace urls = boost::urls;

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A DNS name or an IP address, as a URL's authority spells it; no escapes, no user info.
bool PlainHost(const urls::authority_view& authority) {
  if (authority.has_userinfo() || authority.encoded_host().empty()) return false;
  switch (authority.host_type()) {
    case urls::host_type::ipv4:
    case urls::host_type::ipv6:
      return true;
    case urls::host_type::name:
      return std::all_of(authority.encoded_host().begin(), authority.encoded_host().end(),
                         [](char c) { return std::isalnum(static_cast<unsigned char>(c)) ||
                                             c == '.' || c == '-'; });
    default:
      return false;
  }
}

// 1..65535 in decimal digits.
bool ValidPort(std::string_view text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size() && value >= 1 && value <= 65535;
}

}  // namespace

std::optional<ReturnHosts> ReturnHosts::Parse(std::string_view list) {
  ReturnHosts hosts;
  if (Trim(list).empty()) return hosts;
  while (true) {
    const auto comma = list.find(',');
    const auto entry = Trim(list.substr(0, comma));
    auto authority = urls::parse_authority(entry);
    if (!authority || !PlainHost(*authority)) return std::nullopt;
    if (authority->has_port() && !ValidPort(authority->port())) return std::nullopt;
    Entry parsed{Lower(authority->encoded_host()), std::string(authority->port())};
    hosts.entries_.push_back(parsed.port.empty() ? parsed.host : parsed.host + ":" + parsed.port);
    hosts.hosts_.push_back(std::move(parsed));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return hosts;
}

bool ReturnHosts::Allows(urls::url_view url) const {
  const auto scheme = url.scheme_id();
  if (scheme != urls::scheme::http && scheme != urls::scheme::https) return false;
  if (!url.has_authority() || !PlainHost(url.authority())) return false;
  if (!url.port().empty() && !ValidPort(url.port())) return false;
  const std::string host = Lower(url.encoded_host());
  std::string port(url.port());
  if (port.empty()) port = scheme == urls::scheme::https ? "443" : "80";
  return std::any_of(hosts_.begin(), hosts_.end(), [&](const Entry& entry) {
    return entry.host == host && (entry.port.empty() || entry.port == port);
  });
}

std::optional<std::string> ReturnHosts::Check(std::string_view text) const {
  if (std::any_of(text.begin(), text.end(), [](unsigned char c) {
        return c <= 0x20 || c == 0x7f || c == '\\';
      })) {
    return std::nullopt;
  }
  auto url = urls::parse_absolute_uri(text);
  if (!url || url->has_fragment() || !Allows(*url)) return std::nullopt;
  return std::string(text);
}

std::string HostOf(std::string_view url) {
  auto parsed = urls::parse_absolute_uri(url);
  if (!parsed || !parsed->has_authority()) return {};
  return Lower(parsed->encoded_host());
}

}  // namespace roster::http
