// `roster serve` warns at start when ROSTER_SMTP_URL carries credentials on smtp://: they wait
// for STARTTLS, so a server without it gets neither them nor any mail.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config.hpp"

namespace roster::cmd {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> WarningsFor(const std::string& smtp_url) {
  Config config;
  config.smtp_url = smtp_url;
  if (auto error = Validate(config)) throw std::runtime_error(*error);
  return StartupWarnings(config);
}

TEST(StartupWarnings, CredentialsOnPlainSmtpAreAnnounced) {
  const auto warnings = WarningsFor("smtp://roster:Pa55-w0rd-kept@mail.example.com:587");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], HasSubstr("ROSTER_SMTP_URL"));
  EXPECT_THAT(warnings[0], HasSubstr("STARTTLS"));
  EXPECT_THAT(warnings[0], ::testing::Not(HasSubstr("Pa55-w0rd-kept")));
}

TEST(StartupWarnings, NothingToSayOtherwise) {
  EXPECT_TRUE(WarningsFor("").empty());
  EXPECT_TRUE(WarningsFor("smtp://mail.example.com:25").empty());
  EXPECT_TRUE(WarningsFor("smtps://roster:secret@mail.example.com:465").empty());
}

}  // namespace
}  // namespace roster::cmd
