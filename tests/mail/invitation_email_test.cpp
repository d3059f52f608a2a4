#include "app/invitation_email.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace roster::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const domain::Timestamp kExpiry = domain::FromMillis(1796551200000);  // 2026-12-06T10:00:00Z
constexpr char kLink[] = "https://roster.example/invite/AbC-_123xyzAbC-_123xyzAbC-_123xyzAbC-_12";

TEST(InvitationEmailTest, SubjectNamesInviterAndOrganization) {
  const auto email = ComposeInvitationEmail("Acme", "ann", domain::Role::kUser, kLink, kExpiry);
  EXPECT_EQ(email.subject, "ann invited you to join Acme on Roster");
}

TEST(InvitationEmailTest, TextCarriesEverything) {
  const auto email = ComposeInvitationEmail("Acme", "ann", domain::Role::kAdmin, kLink, kExpiry);
  EXPECT_THAT(email.text, HasSubstr("Acme"));
  EXPECT_THAT(email.text, HasSubstr("ann"));
  EXPECT_THAT(email.text, HasSubstr("ADMIN"));
  EXPECT_THAT(email.text, HasSubstr(std::string("\n") + kLink + "\n"));
  EXPECT_THAT(email.text, HasSubstr("2026-12-06 10:00 UTC"));
  EXPECT_THAT(email.text, HasSubstr("2026-12-06T10:00:00Z"));
}

TEST(InvitationEmailTest, HtmlCarriesEverything) {
  const auto email = ComposeInvitationEmail("Acme", "ann", domain::Role::kUser, kLink, kExpiry);
  EXPECT_THAT(email.html, HasSubstr("<strong>Acme</strong>"));
  EXPECT_THAT(email.html, HasSubstr("<strong>ann</strong>"));
  EXPECT_THAT(email.html, HasSubstr("<strong>USER</strong>"));
  EXPECT_THAT(email.html, HasSubstr(std::string("href=\"") + kLink + "\""));
  EXPECT_THAT(email.html, HasSubstr("2026-12-06 10:00 UTC"));
}

TEST(InvitationEmailTest, HtmlEscapesEveryInterpolatedValue) {
  const auto email =
      ComposeInvitationEmail("<b>Acme & \"Co\"</b>", "o'neil<script>", domain::Role::kUser,
                             "https://x.test/invite/a?b=1&c=\"><img>", kExpiry);
  EXPECT_THAT(email.html, Not(HasSubstr("<b>Acme")));
  EXPECT_THAT(email.html, Not(HasSubstr("<script>")));
  EXPECT_THAT(email.html, Not(HasSubstr("<img>")));
  EXPECT_THAT(email.html, HasSubstr("&lt;b&gt;Acme &amp; &quot;Co&quot;&lt;/b&gt;"));
  EXPECT_THAT(email.html, HasSubstr("o&#39;neil&lt;script&gt;"));
  EXPECT_THAT(email.html,
              HasSubstr("href=\"https://x.test/invite/a?b=1&amp;c=&quot;&gt;&lt;img&gt;\""));
  // The plain text part is not HTML: values appear as given.
  EXPECT_THAT(email.text, HasSubstr("<b>Acme & \"Co\"</b>"));
}

TEST(InvitationEmailTest, SubjectIsOneLine) {
  const auto email = ComposeInvitationEmail("Acme\r\nBcc: x@evil.test", "ann", domain::Role::kUser,
                                            kLink, kExpiry);
  EXPECT_EQ(email.subject.find('\n'), std::string::npos);
  EXPECT_EQ(email.subject.find('\r'), std::string::npos);
}

}  // namespace
}  // namespace roster::app
