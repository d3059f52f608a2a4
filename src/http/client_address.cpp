#include "http/client_address.hpp"

namespace roster::http {
namespace asio_ip = boost::asio::ip;

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// IPv4-mapped IPv6 (::ffff:10.0.0.1, what a dual-stack socket reports) compares as IPv4.
asio_ip::address Unmapped(const asio_ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio_ip::make_address_v4(asio_ip::v4_mapped, address.to_v6());
  }
  return address;
}

std::optional<asio_ip::address> ParseAddress(std::string_view text) {
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  boost::system::error_code ec;
  const auto address = asio_ip::make_address(text, ec);
  if (ec) return std::nullopt;
  return Unmapped(address);
}

// Splits "a, b" into its entries (right to left is the order they are judged in).
std::vector<std::string_view> Entries(const std::vector<std::string_view>& values) {
  std::vector<std::string_view> entries;
  for (std::string_view value : values) {
    while (true) {
      const auto comma = value.find(',');
      entries.push_back(Trim(value.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }
  return entries;
}

}  // namespace

std::optional<TrustedProxies> TrustedProxies::Parse(std::string_view list) {
  TrustedProxies proxies;
  if (Trim(list).empty()) return proxies;
  for (const std::string_view entry : Entries({list})) {
    const std::string text(entry);
    boost::system::error_code ec;
    if (text.find('/') != std::string::npos) {
      if (text.find(':') == std::string::npos) {
        const auto network = asio_ip::make_network_v4(text, ec);
        if (!ec) proxies.v4_.push_back(network.canonical());
      } else {
        const auto network = asio_ip::make_network_v6(text, ec);
        if (!ec) proxies.v6_.push_back(network.canonical());
      }
    } else if (const auto address = ParseAddress(text)) {
      if (address->is_v4()) {
        proxies.v4_.emplace_back(address->to_v4(), 32);
      } else {
        proxies.v6_.emplace_back(address->to_v6(), 128);
      }
    } else {
      return std::nullopt;
    }
    if (ec) return std::nullopt;
  }
  return proxies;
}

bool TrustedProxies::Contains(const asio_ip::address& address) const {
  const auto plain = Unmapped(address);
  if (plain.is_v4()) {
    for (const auto& network : v4_) {
      const asio_ip::network_v4 host(plain.to_v4(), 32);
      if (host == network || host.is_subnet_of(network)) return true;
    }
    return false;
  }
  for (const auto& network : v6_) {
    const asio_ip::network_v6 host(plain.to_v6(), 128);
    if (host == network || host.is_subnet_of(network)) return true;
  }
  return false;
}

std::string ClientAddress(const asio_ip::address& peer,
                          const std::vector<std::string_view>& forwarded_for,
                          const TrustedProxies& trusted) {
  auto client = Unmapped(peer);
  if (!trusted.Contains(client)) return client.to_string();
  const auto entries = Entries(forwarded_for);
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    const auto hop = ParseAddress(*it);
    if (!hop) break;  // written by someone untrusted: nothing left of it can be believed
    client = *hop;
    if (!trusted.Contains(client)) break;
  }
  return client.to_string();
}

}  // namespace roster::http
