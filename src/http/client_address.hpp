#pragma once
// Who the client is when Roster sits behind reverse proxies (ROSTER_TRUSTED_PROXIES): only a
// request whose TCP peer is a trusted proxy may name its client in X-Forwarded-For, so a client
// cannot pick its own address for the access log and the per-client login limit.
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roster::http {

class TrustedProxies {
 public:
  // "10.0.0.1, 10.1.0.0/16, ::1, fd00::/8": addresses and CIDR networks, IPv4 and IPv6,
  // comma-separated; "" trusts nobody. nullopt when an entry is not an address or a network.
  static std::optional<TrustedProxies> Parse(std::string_view list);

  bool Contains(const boost::asio::ip::address& address) const;
  bool empty() const { return v4_.empty() && v6_.empty(); }

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

// The client of a request that arrived from `peer` with these X-Forwarded-For values (every
// header line, in order). From an untrusted peer: the peer, whatever the header says. From a
// trusted one: the right-most forwarded address that is not itself trusted; when every address
// is trusted, or an entry is not an address, the last trusted hop seen (the peer at least).
std::string ClientAddress(const boost::asio::ip::address& peer,
                          const std::vector<std::string_view>& forwarded_for,
                          const TrustedProxies& trusted);

}  // namespace roster::http
