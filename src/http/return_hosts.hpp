#pragma once
// Where Roster may send a browser back to after sign-in (ROSTER_ALLOWED_RETURN_HOSTS): the
// `return_to` of the login page and of forward auth's redirect is followed only to these hosts,
// so no link can turn Roster into an open redirect.
#include <boost/url/url_view.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roster::http {

class ReturnHosts {
 public:
  // "app.example.com, wiki.example.com:8443, 10.0.0.5, [fd00::1]": hosts, each optionally with
  // a port, comma-separated. A host without a port allows any port of it. nullopt when an entry
  // is not a host name or IP address (with an optional port). Entries are kept lower-case.
  static std::optional<ReturnHosts> Parse(std::string_view list);

  // True for an absolute http(s) URL without user info whose host (and port) an entry allows.
  bool Allows(boost::urls::url_view url) const;
  // `text` when it is such a URL and nothing else: no backslash, control character, space,
  // fragment or percent-escape in the host (where parsers disagree); nullopt otherwise.
  std::optional<std::string> Check(std::string_view text) const;

  // The entries as written in the configuration, normalized ("host" or "host:port").
  const std::vector<std::string>& entries() const { return entries_; }

 private:
  struct Entry {
    std::string host;  // lower-case; IPv6 in brackets
    std::string port;  // empty: any port
  };
  std::vector<Entry> hosts_;
  std::vector<std::string> entries_;
};

// The host[:port] of an http(s) URL, lower-case, for the default list (the public URL's host).
std::string HostOf(std::string_view url);

}  // namespace roster::http
