#include "domain/validation.hpp"

#include <gtest/gtest.h>

namespace roster::domain {
namespace {

TEST(ValidateEmail, AcceptsPracticalAddresses) {
  for (const char* email : {"ann@example.com", "a.b+tag@sub.example.co", "x_y-z@a-b.io",
                            "UPPER@Example.COM", "o'neil@example.org"}) {
    EXPECT_FALSE(ValidateEmail(email).has_value()) << email;
  }
}

TEST(ValidateEmail, RejectsInvalidAddresses) {
  for (const char* email : {"", "plain", "@example.com", "ann@", "ann@localhost", "ann@@x.com",
                            "ann@.example.com", "ann@example..com", ".ann@example.com",
                            "ann.@example.com", "an..n@example.com", "ann@-x.com", "ann@x-.com",
                            "a n@example.com", "ann@exa mple.com", "ann@1.2.3.4", "ann\"@x.com"}) {
    EXPECT_TRUE(ValidateEmail(email).has_value()) << email;
  }
}

TEST(ValidateEmail, LengthLimits) {
  const std::string local64(64, 'a'), local65(65, 'a');
  EXPECT_FALSE(ValidateEmail(local64 + "@example.com").has_value());
  EXPECT_TRUE(ValidateEmail(local65 + "@example.com").has_value());
  std::string domain;
  while (domain.size() < 250) domain += "abcdefghi.";
  domain += "com";
  EXPECT_EQ(ValidateEmail("a@" + domain)->code, "too_long");
}

TEST(ValidateUsername, Rules) {
  const std::vector<std::string> good{"ann", "Ann.Lee", "a_b-c", "9lives", std::string(32, 'x')};
  for (const auto& ok : good) {
    EXPECT_FALSE(ValidateUsername(ok).has_value()) << ok;
  }
  const std::vector<std::string> bad_names{"",     "ab",   "_ann", ".ann", "-ann",
                                           "an n", "ann!", "änn",  std::string(33, 'x')};
  for (const auto& bad : bad_names) {
    EXPECT_TRUE(ValidateUsername(bad).has_value()) << bad;
  }
}

TEST(ValidatePassword, CountsCharactersNotBytes) {
  EXPECT_TRUE(ValidatePassword("1234567").has_value());
  EXPECT_FALSE(ValidatePassword("12345678").has_value());
  EXPECT_FALSE(ValidatePassword("ééééééééé").has_value());  // 9 characters, 18 bytes
  EXPECT_TRUE(ValidatePassword("ééé").has_value());         // 3 characters, 6 bytes
  EXPECT_FALSE(ValidatePassword(std::string(256, 'p')).has_value());
  EXPECT_EQ(ValidatePassword(std::string(257, 'p'))->code, "too_long");
}

TEST(ValidateOrganizationName, TrimmedLength) {
  EXPECT_TRUE(ValidateOrganizationName(Trim("  A  ")).has_value());
  EXPECT_FALSE(ValidateOrganizationName(Trim("  Ac  ")).has_value());
  EXPECT_FALSE(ValidateOrganizationName(std::string(64, 'o')).has_value());
  EXPECT_TRUE(ValidateOrganizationName(std::string(65, 'o')).has_value());
  EXPECT_TRUE(ValidateOrganizationName("Ac\tme").has_value());
}

// Found by tests/fuzz (fuzz_validators): names are emitted in JSON and email, so bytes that are
// not UTF-8 text must not pass as "characters".
TEST(ValidateOrganizationName, RejectsTextThatIsNotUtf8) {
  EXPECT_FALSE(ValidateOrganizationName("Caf\xC3\xA9 \xF0\x9F\x98\x80").has_value());
  for (const char* name : {"\xFF\xFF", "Acme \xC3", "Acme \xED\xA0\x80", "Acme \xC0\xAF",
                           "Acme \xF4\x90\x80\x80"}) {
    const auto e = ValidateOrganizationName(name);
    ASSERT_TRUE(e.has_value()) << name;
    EXPECT_EQ(e->code, "invalid");
  }
}

TEST(Utf8, ValidityAndRepair) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  for (const char* bad : {"\x80", "\xC3", "\xC0\x80", "\xE0\x80\x80", "\xED\xA0\x80",
                          "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF"}) {
    EXPECT_FALSE(IsValidUtf8(bad)) << bad;
    EXPECT_TRUE(IsValidUtf8(ToValidUtf8(bad))) << bad;
  }
  EXPECT_EQ(ToValidUtf8("a\xFF" "b\xC3\xA9"), "a\xEF\xBF\xBD" "b\xC3\xA9");
  EXPECT_EQ(ToValidUtf8("ok \xE2\x82\xAC"), "ok \xE2\x82\xAC");
}

TEST(Normalization, EmailKeepsLocalPartButLowersDomain) {
  EXPECT_EQ(NormalizeEmail("Ann.Lee@Example.COM"), "Ann.Lee@example.com");
  EXPECT_EQ(EmailKey("Ann.Lee@Example.COM"), "ann.lee@example.com");
  EXPECT_EQ(UsernameKey("Ann"), "ann");
  EXPECT_EQ(OrganizationNameKey("Acme   Inc"), OrganizationNameKey("acme inc"));
}

}  // namespace
}  // namespace roster::domain
