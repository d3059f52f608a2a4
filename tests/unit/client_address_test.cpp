// ROSTER_TRUSTED_PROXIES and the client address picked from X-Forwarded-For.
#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace roster::http {
namespace {

using boost::asio::ip::make_address;

TrustedProxies Trust(std::string_view list) {
  auto proxies = TrustedProxies::Parse(list);
  if (!proxies) throw std::invalid_argument(std::string(list));
  return *proxies;
}

std::string Client(std::string_view peer, std::vector<std::string_view> xff,
                   std::string_view trusted) {
  return ClientAddress(make_address(peer), xff, Trust(trusted));
}

TEST(TrustedProxies, ParsesAddressesAndNetworksOfBothFamilies) {
  const auto proxies = Trust(" 10.0.0.1, 192.168.0.0/16 ,::1,fd00::/8, [2001:db8::7]");
  EXPECT_TRUE(proxies.Contains(make_address("10.0.0.1")));
  EXPECT_FALSE(proxies.Contains(make_address("10.0.0.2")));
  EXPECT_TRUE(proxies.Contains(make_address("192.168.200.3")));
  EXPECT_FALSE(proxies.Contains(make_address("192.169.0.1")));
  EXPECT_TRUE(proxies.Contains(make_address("::1")));
  EXPECT_TRUE(proxies.Contains(make_address("fd12:3456::1")));
  EXPECT_FALSE(proxies.Contains(make_address("fe80::1")));
  EXPECT_TRUE(proxies.Contains(make_address("2001:db8::7")));
  EXPECT_TRUE(proxies.Contains(make_address("::ffff:10.0.0.1"))) << "v4-mapped is IPv4";
  EXPECT_TRUE(Trust("10.1.2.3/8").Contains(make_address("10.200.0.1"))) << "host bits ignored";
}

TEST(TrustedProxies, EmptyTrustsNobody) {
  EXPECT_TRUE(Trust("").empty());
  EXPECT_TRUE(Trust("  ").empty());
  EXPECT_FALSE(Trust("").Contains(make_address("127.0.0.1")));
}

TEST(TrustedProxies, RejectsWhatIsNotAnAddressOrANetwork) {
  for (const char* bad :
       {"nginx", "10.0.0.1,", ",10.0.0.1", "10.0.0.1,,::1", "10.0.0.0/33", "fd00::/129",
        "10.0.0.1/", "/8", "10.0.0.256", "10.0.0.1:80", "10.0.0.0/8/8", "localhost", "*"}) {
    EXPECT_FALSE(TrustedProxies::Parse(bad).has_value()) << bad;
  }
}

TEST(ClientAddress, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(Client("203.0.113.9", {"198.51.100.1"}, ""), "203.0.113.9");
  EXPECT_EQ(Client("127.0.0.1", {"198.51.100.1"}, ""), "127.0.0.1");
}

TEST(ClientAddress, AnUntrustedPeerCannotPickItsAddress) {
  EXPECT_EQ(Client("203.0.113.9", {"198.51.100.1"}, "10.0.0.0/8"), "203.0.113.9");
  EXPECT_EQ(Client("203.0.113.9", {"10.0.0.5"}, "10.0.0.0/8"), "203.0.113.9");
}

TEST(ClientAddress, FromATrustedPeerTheRightMostUntrustedEntryIsTheClient) {
  EXPECT_EQ(Client("10.0.0.1", {"198.51.100.1"}, "10.0.0.1"), "198.51.100.1");
  // A client that sends its own header gets the real address appended by the proxy.
  EXPECT_EQ(Client("10.0.0.1", {"1.2.3.4, 198.51.100.1"}, "10.0.0.1"), "198.51.100.1");
  EXPECT_EQ(Client("10.0.0.1", {"127.0.0.1, 198.51.100.1"}, "10.0.0.1"), "198.51.100.1");
}

TEST(ClientAddress, ChainsOfTrustedProxiesAreWalkedFromTheRight) {
  EXPECT_EQ(Client("10.0.0.1", {"198.51.100.1, 10.0.0.2, 10.0.0.3"}, "10.0.0.0/8"), "198.51.100.1");
  // Several header lines read as one list, in order.
  EXPECT_EQ(Client("10.0.0.1", {"6.6.6.6, 198.51.100.1", "10.0.0.2"}, "10.0.0.0/8"),
            "198.51.100.1");
  // Every hop trusted: the farthest one.
  EXPECT_EQ(Client("10.0.0.1", {"10.0.0.9, 10.0.0.2"}, "10.0.0.0/8"), "10.0.0.9");
  // A trusted peer without the header is the client itself.
  EXPECT_EQ(Client("10.0.0.1", {}, "10.0.0.0/8"), "10.0.0.1");
}

TEST(ClientAddress, MalformedEntriesEndTheWalk) {
  EXPECT_EQ(Client("10.0.0.1", {"unknown"}, "10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(Client("10.0.0.1", {""}, "10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(Client("10.0.0.1", {"198.51.100.1, 10.0.0.2, garbage"}, "10.0.0.0/8"), "10.0.0.1");
  EXPECT_EQ(Client("10.0.0.1", {"198.51.100.1, , 10.0.0.2"}, "10.0.0.0/8"), "10.0.0.2");
  EXPECT_EQ(Client("10.0.0.1", {"198.51.100.1:4711"}, "10.0.0.1"), "10.0.0.1");
  // Garbage left of the client's real address does not matter.
  EXPECT_EQ(Client("10.0.0.1", {"<script>, 198.51.100.1"}, "10.0.0.1"), "198.51.100.1");
}

TEST(ClientAddress, Ipv6PeersAndEntries) {
  EXPECT_EQ(Client("::1", {"2001:db8::42"}, "::1"), "2001:db8::42");
  EXPECT_EQ(Client("fd00::1", {"2001:db8::42, fd00::2"}, "fd00::/8"), "2001:db8::42");
  EXPECT_EQ(Client("::1", {"[2001:db8::42]"}, "::1"), "2001:db8::42");
  EXPECT_EQ(Client("2001:db8::9", {"198.51.100.1"}, "::1"), "2001:db8::9");
  // A dual-stack socket reports IPv4 peers as v4-mapped addresses.
  EXPECT_EQ(Client("::ffff:10.0.0.1", {"198.51.100.1"}, "10.0.0.1"), "198.51.100.1");
  EXPECT_EQ(Client("::ffff:203.0.113.9", {}, "10.0.0.1"), "203.0.113.9");
}

}  // namespace
}  // namespace roster::http
