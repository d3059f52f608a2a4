// ReturnHosts: the hosts return_to may lead to, and the URLs that pass for them.
#include "http/return_hosts.hpp"

#include <gtest/gtest.h>

namespace roster::http {
namespace {

TEST(ReturnHosts, AHostWithoutAPortAllowsAnyPortOfIt) {
  auto hosts = ReturnHosts::Parse("good.com");
  ASSERT_TRUE(hosts);
  for (const char* url : {"https://good.com/", "http://good.com:8080/x?y=1", "https://GOOD.com"}) {
    EXPECT_TRUE(hosts->Check(url)) << url;
  }
}

TEST(ReturnHosts, AHostWithAPortAllowsThatPortOnly) {
  auto hosts = ReturnHosts::Parse("good.com:8443, plain.com:443");
  ASSERT_TRUE(hosts);
  EXPECT_TRUE(hosts->Check("https://good.com:8443/"));
  EXPECT_FALSE(hosts->Check("https://good.com/"));
  EXPECT_FALSE(hosts->Check("https://good.com:8444/"));
  EXPECT_TRUE(hosts->Check("https://plain.com/"));  // 443 is https's own port
  EXPECT_FALSE(hosts->Check("http://plain.com/"));
}

TEST(ReturnHosts, NothingElsePasses) {
  auto hosts = ReturnHosts::Parse("good.com");
  ASSERT_TRUE(hosts);
  for (const char* url :
       {"//evil.com", "/\\evil.com", "/relative", "https://evil.com", "https://good.com@evil.com",
        "https://good.com:443@evil.com/", "https://user:pw@good.com/", "https://@good.com/",
        "https://evil.com\\@good.com", "https://evil.com#@good.com", "https://good.com.evil.com/",
        "https://evilgood.com/", "https://good%2ecom/", "https%3A%2F%2Fevil.com",
        "javascript://good.com/%0aalert(1)", "ftp://good.com/", "https:good.com", "https:///good.com",
        "https://good.com/a b", "https://good.com/\t", "https://good.com/#frag", "https://good.com\n",
        "https://[::1]/", "https://good.com:99999/"}) {
    EXPECT_FALSE(hosts->Check(url)) << url;
  }
}

TEST(ReturnHosts, IpAddressesAndCase) {
  auto hosts = ReturnHosts::Parse("10.0.0.5, [FD00::1]:8080, Wiki.Example.com");
  ASSERT_TRUE(hosts);
  EXPECT_EQ(hosts->entries(), (std::vector<std::string>{"10.0.0.5", "[fd00::1]:8080", "wiki.example.com"}));
  EXPECT_TRUE(hosts->Check("http://10.0.0.5:3000/"));
  EXPECT_TRUE(hosts->Check("http://[fd00::1]:8080/"));
  EXPECT_TRUE(hosts->Check("https://wiki.example.COM/page"));
  EXPECT_FALSE(hosts->Check("http://10.0.0.6/"));
}

TEST(ReturnHosts, AnEmptyListAllowsNothing) {
  auto hosts = ReturnHosts::Parse(" ");
  ASSERT_TRUE(hosts);
  EXPECT_FALSE(hosts->Check("https://good.com/"));
}

}  // namespace
}  // namespace roster::http
