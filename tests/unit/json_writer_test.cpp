// The hand-written member and invitation documents: a JSON parser reads back what was written.
#include "http/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/time.hpp"

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

json::object ParseObject(const std::string& body) {
  json::error_code ec;
  auto value = json::parse(body, ec);
  EXPECT_FALSE(ec) << body;
  return value.is_object() ? value.as_object() : json::object();
}

// What a client reads back from a member document.
void ExpectMember(const json::value& doc, const domain::Member& m) {
  const auto& o = doc.as_object();
  EXPECT_EQ(o.size(), 7u);
  EXPECT_EQ(o.at("user_id").as_string(), m.user_id);
  EXPECT_EQ(o.at("email").as_string(), m.email);
  EXPECT_EQ(o.at("username").as_string(), m.username);
  EXPECT_EQ(o.at("role").as_string(), ToString(m.role));
  EXPECT_EQ(o.at("status").as_string(), ToString(m.status));
  EXPECT_EQ(o.at("joined_at").as_string(), domain::FormatRfc3339(m.joined_at));
  if (m.removed_at) {
    EXPECT_EQ(o.at("removed_at").as_string(), domain::FormatRfc3339(*m.removed_at));
  } else {
    EXPECT_TRUE(o.at("removed_at").is_null());
  }
}

TEST(JsonWriter, MembersPageReadsBackAsWritten) {
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
  auto doc = ParseObject(PageBody(page));
  ASSERT_EQ(doc.at("items").as_array().size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) ExpectMember(doc.at("items").at(i), page.items[i]);
  EXPECT_EQ(doc.at("next_cursor").as_string(), "abc.def");
  page.next_cursor.reset();
  EXPECT_TRUE(ParseObject(PageBody(page)).at("next_cursor").is_null());
  // One member alone is the same document as in a page.
  ExpectMember(ParseObject(ItemBody(removed)), removed);
  EXPECT_EQ(ItemBody(removed), std::string(json::serialize(doc.at("items").at(1))));
}

TEST(JsonWriter, EmptyPages) {
  EXPECT_EQ(PageBody(app::Page<domain::Member>{}), R"({"items":[],"next_cursor":null})");
  EXPECT_EQ(PageBody(app::Page<app::InvitationView>{}), R"({"items":[],"next_cursor":null})");
}

TEST(JsonWriter, InvitationsPageReadsBackAsWritten) {
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
  const auto doc = ParseObject(PageBody(page));
  const auto& items = doc.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  const auto& first = items.at(0).as_object();
  EXPECT_EQ(first.at("id").as_string(), "i1");
  EXPECT_EQ(first.at("email").as_string(), "cat@example.com");
  EXPECT_EQ(first.at("username").as_string(), "cat");
  EXPECT_EQ(first.at("role").as_string(), "USER");
  EXPECT_EQ(first.at("status").as_string(), "PENDING");
  EXPECT_EQ(first.at("created_at").as_string(), domain::FormatRfc3339(inv.created_at));
  EXPECT_EQ(first.at("expires_at").as_string(), domain::FormatRfc3339(inv.expires_at));
  EXPECT_EQ(first.at("invited_by").at("user_id").as_string(), "u-ann");
  EXPECT_EQ(first.at("invited_by").at("username").as_string(), "ann \"admin\"");
  EXPECT_TRUE(first.at("accepted_at").is_null());
  EXPECT_TRUE(first.at("revoked_at").is_null());
  EXPECT_EQ(first.at("email_delivery").as_string(), "DISABLED");
  EXPECT_EQ(first.at("invite_url").as_string(), "http://127.0.0.1:8080/invite/tok");
  const auto& second = items.at(1).as_object();
  EXPECT_EQ(second.at("status").as_string(), "ACCEPTED");
  EXPECT_EQ(second.at("accepted_at").as_string(),
            domain::FormatRfc3339(accepted.invitation.accepted_at.value()));
  EXPECT_EQ(second.at("revoked_at").as_string(),
            domain::FormatRfc3339(accepted.invitation.revoked_at.value()));
  EXPECT_FALSE(second.contains("invite_url"));
  EXPECT_EQ(doc.at("next_cursor").as_string(), "c");
  EXPECT_EQ(ItemBody(accepted), std::string(json::serialize(second)));
}

TEST(JsonWriter, GrowsPastItsFirstBufferAndEscapesWholeRuns) {
  // Values that escape to six bytes each, and more items than the writer's first guess.
  app::Page<domain::Member> page;
  const std::string controls(300, '\x01');
  for (int i = 0; i < 120; ++i) {
    page.items.push_back(MemberNamed(std::to_string(i) + controls + std::string(400, 'x')));
  }
  const std::string body = PageBody(page);
  const auto doc = ParseObject(body);
  ASSERT_EQ(doc.at("items").as_array().size(), 120u);
  for (std::size_t i = 0; i < 120; ++i) ExpectMember(doc.at("items").at(i), page.items[i]);
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
