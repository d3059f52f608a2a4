// The hand-written page bodies must be byte-for-byte what the boost::json tree gives.
#include "http/json_writer.hpp"

#include <gtest/gtest.h>

#include "domain/time.hpp"
#include "http/json_io.hpp"

namespace roster::http {
namespace {

namespace json = boost::json;

domain::Member MemberNamed(const std::string& name) {
  domain::Member m;
  m.org_id = "org";
  m.user_id = "u-" + name;
  m.email = name + "@example.com";
  m.username = name;
  m.role = domain::Role::kAdmin;
  m.joined_at = domain::FromMillis(1'796'551'200'999);
  return m;
}

TEST(JsonWriter, MembersPageMatchesTheJsonTree) {
  app::Page<domain::Member> page;
  page.items.push_back(MemberNamed("ann"));
  auto removed = MemberNamed("bob");
  removed.status = domain::MemberStatus::kRemoved;
  removed.role = domain::Role::kUser;
  removed.removed_at = domain::FromMillis(1'800'000'000'000);
  page.items.push_back(removed);
  // Everything that needs escaping, and UTF-8 that must pass through untouched.
  page.items.push_back(MemberNamed("q\"uo\\te\n\t\r\b\f\x01\x1f/é😀"));
  page.next_cursor = "abc.def";
  EXPECT_EQ(PageBody(page), json::serialize(PageJson(page)));
  page.next_cursor.reset();
  EXPECT_EQ(PageBody(page), json::serialize(PageJson(page)));
}

TEST(JsonWriter, EmptyPagesMatchTheJsonTree) {
  EXPECT_EQ(PageBody(app::Page<domain::Member>{}),
            json::serialize(PageJson(app::Page<domain::Member>{})));
  EXPECT_EQ(PageBody(app::Page<app::InvitationView>{}), R"({"items":[],"next_cursor":null})");
}

TEST(JsonWriter, InvitationsPageMatchesTheJsonTree) {
  app::Page<app::InvitationView> page;
  app::InvitationView pending;
  auto& inv = pending.invitation;
  inv.id = "i1";
  inv.email = "cat@example.com";
  inv.username = "cat";
  inv.created_at = domain::FromMillis(1'796'551'200'000);
  inv.expires_at = domain::FromMillis(1'797'156'000'000);
  inv.invited_by_user_id = "u-ann";
  inv.invited_by_username = "ann \"admin\"";
  inv.email_delivery = domain::DeliveryState::kDisabled;
  pending.invite_url = "http://127.0.0.1:8080/invite/tok";
  page.items.push_back(pending);
  app::InvitationView accepted = pending;
  accepted.invite_url.reset();
  accepted.status = domain::InvitationStatus::kAccepted;
  accepted.invitation.accepted_at = domain::FromMillis(1'796'551'300'000);
  accepted.invitation.revoked_at = domain::FromMillis(1'796'551'400'000);
  page.items.push_back(accepted);
  page.next_cursor = "c";
  EXPECT_EQ(PageBody(page), json::serialize(PageJson(page)));
}

TEST(JsonWriter, GrowsPastItsFirstBufferAndEscapesWholeRuns) {
  // Values that escape to six bytes each, and more items than the writer's first guess.
  app::Page<domain::Member> page;
  const std::string controls(300, '\x01');
  for (int i = 0; i < 120; ++i) {
    page.items.push_back(MemberNamed(std::to_string(i) + controls + std::string(400, 'x')));
  }
  const std::string body = PageBody(page);
  EXPECT_EQ(body, json::serialize(PageJson(page)));
  EXPECT_GT(body.size(), 120u * 6 * 300);
}

TEST(JsonWriter, WritesTokensFromAnEmptyBuffer) {
  JsonWriter w;
  w.BeginArray();
  w.String("a\"b");
  w.Null();
  w.Timestamp(domain::FromMillis(0));
  w.BeginObject();
  w.Key("k\n");
  w.String("");
  w.EndObject();
  w.EndArray();
  EXPECT_EQ(w.Take(), R"(["a\"b",null,"1970-01-01T00:00:00Z",{"k\n":""}])");
}

TEST(FormatRfc3339, FormatsEveryFieldWithLeadingZeros) {
  EXPECT_EQ(domain::FormatRfc3339(domain::FromMillis(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(domain::FormatRfc3339(domain::FromMillis(951'782'400'000)), "2000-02-29T00:00:00Z");
  EXPECT_EQ(domain::FormatRfc3339(domain::FromMillis(253'402'300'799'000)),
            "9999-12-31T23:59:59Z");
  EXPECT_EQ(domain::FormatRfc3339(domain::FromMillis(1'000'000'000'123)), "2001-09-09T01:46:40Z");
}

TEST(FormatRfc3339, YearsPastFourDigitsKeepEveryDigit) {
  // 10000-01-01T00:00:00Z and one second before the epoch's year 0.
  EXPECT_EQ(domain::FormatRfc3339(domain::FromMillis(253'402'300'800'000)),
            "10000-01-01T00:00:00Z");
  char buf[domain::kMaxRfc3339Length];
  const auto length = domain::FormatRfc3339(domain::FromMillis(253'402'300'800'000), buf);
  EXPECT_EQ(std::string(buf, length), "10000-01-01T00:00:00Z");
  EXPECT_EQ(domain::FormatRfc3339(domain::FromMillis(-62'167'219'201'000)),
            "-001-12-31T23:59:59Z");
}

}  // namespace
}  // namespace roster::http
