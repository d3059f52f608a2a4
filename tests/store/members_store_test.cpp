// Members: lookups, guardrail counts, conflicts and the filtered keyset-paged users list.
#include <algorithm>
#include <set>

#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

using domain::ErrorCode;
using domain::MemberStatus;
using domain::Role;

class MemberStore : public StoreTest {
 protected:
  std::vector<std::string> Names(const app::MemberQuery& query) {
    std::vector<std::string> names;
    for (const auto& m : Read()->ListMembers(query)) names.push_back(m.username);
    return names;
  }
  void Remove(const std::string& name, Role role = Role::kUser) {
    auto tx = Write();
    ASSERT_TRUE(tx->MarkMemberRemoved("o1", "u-" + name, role, At(9), "u-admin"));
    tx->Commit();
  }
};
ROSTER_STORE_SUITE(MemberStore);

TEST_P(MemberStore, MembersAreFoundCountedUpdatedAndRemoved) {
  SeedOrg("o1");
  SeedMember("o1", "admin", Role::kAdmin);
  SeedMember("o1", "bob");
  auto tx = Write();
  const auto bob = tx->FindMember("o1", "u-bob");
  ASSERT_TRUE(bob);
  EXPECT_EQ(bob->email, "bob@example.com");
  EXPECT_EQ(bob->username, "bob");
  EXPECT_EQ(bob->role, Role::kUser);
  EXPECT_EQ(bob->status, MemberStatus::kActive);
  EXPECT_EQ(bob->joined_at, At(1));
  EXPECT_FALSE(bob->removed_at);
  EXPECT_FALSE(tx->FindMember("o2", "u-bob"));
  EXPECT_EQ(tx->FindMembershipOfUser("u-bob")->org_id, "o1");
  EXPECT_FALSE(tx->FindMembershipOfUser("u-nobody"));
  EXPECT_EQ(tx->CountActiveAdmins("o1"), 1);
  tx->UpdateMemberRole("o1", "u-bob", Role::kAdmin);
  EXPECT_EQ(tx->CountActiveAdmins("o1"), 2);
  tx->MarkMemberRemoved("o1", "u-bob", Role::kAdmin, At(7), "u-admin");
  EXPECT_EQ(tx->CountActiveAdmins("o1"), 1);
  tx->Commit();
  const auto removed = Read()->FindMember("o1", "u-bob");
  EXPECT_EQ(removed->status, MemberStatus::kRemoved);
  EXPECT_EQ(removed->removed_at, At(7));
  EXPECT_EQ(removed->removed_by, "u-admin");
}

// Writers that take no organization lock learn from these that the member changed since they
// read it: nothing is written then.
TEST_P(MemberStore, RoleAndRemovalWritesOnlyApplyToWhatTheCallerRead) {
  SeedOrg("o1");
  SeedMember("o1", "admin", Role::kAdmin);
  SeedMember("o1", "bob");
  auto tx = Write();
  EXPECT_FALSE(tx->UpdateMemberRole("o1", "u-bob", Role::kUser));  // already a USER
  EXPECT_FALSE(tx->MarkMemberRemoved("o1", "u-bob", Role::kAdmin, At(7), "u-admin"));
  EXPECT_EQ(tx->FindMember("o1", "u-bob")->status, MemberStatus::kActive);
  EXPECT_TRUE(tx->MarkMemberRemoved("o1", "u-bob", Role::kUser, At(7), "u-admin"));
  EXPECT_FALSE(tx->MarkMemberRemoved("o1", "u-bob", Role::kUser, At(8), "u-admin"));
  EXPECT_FALSE(tx->UpdateMemberRole("o1", "u-bob", Role::kAdmin));  // removed
  const auto bob = tx->FindMember("o1", "u-bob");
  EXPECT_EQ(bob->role, Role::kUser);
  EXPECT_EQ(bob->removed_at, At(7));
  tx->Commit();
}

TEST_P(MemberStore, ConflictsMapToTheirCodes) {
  SeedOrg("o1");
  SeedOrg("o2");
  SeedMember("o1", "bob");
  Remove("bob");
  auto tx = Write();
  EXPECT_TRUE(tx->IsUsernameUsedByMember("o1", "bob"));  // removed members keep their name
  EXPECT_FALSE(tx->IsUsernameUsedByMember("o2", "bob"));
  EXPECT_EQ(ErrorOf([&] {
              tx->InsertMember(
                  app::MemberRecord{"o2", "u-bob", "bob2", "bob@example.com", Role::kUser, At(2), "bob@example.com", "bob2"});
            }),
            ErrorCode::kAlreadyInOrganization);
  tx->InsertUser(User("robert"));
  EXPECT_EQ(ErrorOf([&] {
              tx->InsertMember(app::MemberRecord{"o1", "u-robert", "bob", "robert@example.com",
                                                 Role::kUser, At(2), "robert@example.com", "bob"});
            }),
            ErrorCode::kUsernameTaken);
  tx->InsertMember(
      app::MemberRecord{"o2", "u-robert", "bob", "robert@example.com", Role::kUser, At(2),
                        "robert@example.com", "bob"});
  tx->Commit();
  EXPECT_EQ(Read()->FindMembershipOfUser("u-robert")->org_id, "o2");
}

TEST_P(MemberStore, ListFiltersByStatusRoleAndPrefix) {
  SeedOrg("o1");
  SeedOrg("o2");
  SeedMember("o1", "alice", Role::kAdmin);
  SeedMember("o1", "albert");
  SeedMember("o1", "bob");
  SeedMember("o1", "al_x");
  SeedMember("o1", "carol", Role::kAdmin);
  SeedMember("o2", "alfred");
  Remove("albert");
  Remove("carol", Role::kAdmin);
  using V = std::vector<std::string>;
  app::MemberQuery q{"o1"};
  EXPECT_EQ(Names(q), (V{"al_x", "albert", "alice", "bob", "carol"}));
  q.status = MemberStatus::kActive;
  EXPECT_EQ(Names(q), (V{"al_x", "alice", "bob"}));
  q.role = Role::kAdmin;
  EXPECT_EQ(Names(q), (V{"alice"}));
  q.status = MemberStatus::kRemoved;
  EXPECT_EQ(Names(q), (V{"carol"}));
  q.status.reset();
  EXPECT_EQ(Names(q), (V{"alice", "carol"}));
  q.role.reset();
  q.prefix_key = "al";
  EXPECT_EQ(Names(q), (V{"al_x", "albert", "alice"}));
  q.prefix_key = "al_";  // '_' and '%' are literal characters, not patterns
  EXPECT_EQ(Names(q), (V{"al_x"}));
  q.prefix_key = "a%";
  EXPECT_EQ(Names(q), V{});
  q.prefix_key = "bob@exa";  // the email key matches too
  EXPECT_EQ(Names(q), (V{"bob"}));
  q.prefix_key = "example";  // a prefix, not a substring
  EXPECT_EQ(Names(q), V{});
  q.prefix_key = "al";
  q.status = MemberStatus::kActive;
  EXPECT_EQ(Names(q), (V{"al_x", "alice"}));
}

TEST_P(MemberStore, PrefixIsCaseInsensitiveThroughTheKeys) {
  SeedOrg("o1");
  auto tx = Write();
  auto user = User("Zoe");
  user.email_key = "zoe.smith@example.com";
  tx->InsertUser(user);
  tx->InsertMember(app::MemberRecord{"o1", "u-Zoe", "zoe", user.email_key, Role::kUser, At(1),
                                     user.user.email, "Zoe"});
  tx->Commit();
  app::MemberQuery q{"o1"};
  q.prefix_key = "zo";  // the app lower-cases the typed prefix; keys are lower-case
  EXPECT_EQ(Names(q), std::vector<std::string>{"Zoe"});
  q.prefix_key = "zoe.s";
  EXPECT_EQ(Names(q), std::vector<std::string>{"Zoe"});
}

TEST_P(MemberStore, KeysetPagesAreBytewiseOrderedWithoutGapsOrDuplicates) {
  SeedOrg("o1");
  // Names whose bytewise order differs from a natural-language collation.
  std::vector<std::string> keys = {"zed",  "a-b", "a_b", "ab", "a.b", "émile", "eve",
                                   "éa",   "z9",  "z10", "bo", "bob", "b",   "ñ",
                                   "e\xcc\x81", "ℤeta", "𝔸lpha", "x~", "x{", "x"};
  for (int i = 0; i < 9; ++i) keys.push_back("user" + std::to_string(i));
  {
    auto tx = Write();
    for (const auto& key : keys) {
      auto user = User(key);
      tx->InsertUser(user);
      tx->InsertMember(app::MemberRecord{"o1", user.user.id, key, user.email_key, Role::kUser,
                                         At(1), user.user.email, user.user.username});
    }
    tx->Commit();
  }
  std::sort(keys.begin(), keys.end());  // std::string compares bytes (as unsigned char)
  std::vector<std::string> seen;
  app::MemberQuery q{"o1"};
  q.limit = 4;
  for (int page = 0; page < 20; ++page) {
    const auto rows = Read()->ListMembers(q);
    for (const auto& m : rows) seen.push_back(m.username);
    if (static_cast<int>(rows.size()) < q.limit) break;
    q.after = app::MemberCursor{rows.back().username, rows.back().user_id};
  }
  EXPECT_EQ(seen, keys);
  app::MemberQuery accented{"o1"};
  accented.prefix_key = "é";
  EXPECT_EQ(Names(accented), (std::vector<std::string>{"éa", "émile"}));
}

}  // namespace
}  // namespace roster::store::testing

namespace roster::store::testing {
namespace {

// Searches read the username and email prefix ranges separately when the email range is small
// (both stores) and walk the organization in username order when it is large: both must give the
// same pages. 1,100 members: usernames m0000.., emails m0000@x.org.., plus "z" whose email
// starts with "m" too.
TEST_P(MemberStore, PrefixSearchPagesAlikeWhateverTheNumberOfEmailMatches) {
  SeedOrg("o1");
  {
    auto tx = Write();
    char name[16];
    for (int i = 0; i < 1100; ++i) {
      std::snprintf(name, sizeof name, "m%04d", i);
      auto user = User(name);
      user.email_key = std::string(name) + "@x.org";
      tx->InsertUser(user);
      tx->InsertMember(
          app::MemberRecord{"o1", "u-" + std::string(name), name, user.email_key, Role::kUser, At(1),
                            user.user.email, name});
    }
    auto z = User("z");
    z.email_key = "m-z@x.org";
    tx->InsertUser(z);
    tx->InsertMember(
        app::MemberRecord{"o1", "u-z", "z", z.email_key, Role::kUser, At(1), z.user.email, "z"});
    tx->Commit();
  }
  using V = std::vector<std::string>;
  app::MemberQuery q{"o1"};
  q.limit = 3;
  q.prefix_key = "m";  // 1,101 email matches: the walk in username order
  EXPECT_EQ(Names(q), (V{"m0000", "m0001", "m0002"}));
  q.after = app::MemberCursor{"m1099"};
  EXPECT_EQ(Names(q), (V{"z"}));  // found by its email, after every username match
  q.prefix_key = "m-";  // one email match, no username match: the two ranges
  q.after.reset();
  EXPECT_EQ(Names(q), (V{"z"}));
  q.prefix_key = "m005";  // ten matches by both username and email: no duplicates
  EXPECT_EQ(Names(q), (V{"m0050", "m0051", "m0052"}));
  q.after = app::MemberCursor{"m0058"};
  EXPECT_EQ(Names(q), (V{"m0059"}));
  q.after.reset();
  q.status = MemberStatus::kRemoved;
  EXPECT_EQ(Names(q), V{});
}

// Matches by email only come before, between and after the username matches: every page size
// and every cursor gives the same merged order, with filters applied to both kinds of match.
TEST_P(MemberStore, PrefixSearchMergesEmailOnlyMatchesInUsernameOrder) {
  SeedOrg("o1");
  const std::vector<std::pair<std::string, std::string>> members = {
      {"anna", "bob.anna@x.org"}, {"bo1", "one@x.org"},     {"bo2", "bo2@x.org"},
      {"bo3", "three@x.org"},     {"carl", "bo.carl@x.org"}, {"zed", "bozed@x.org"},
      {"al", "al@x.org"},         {"bx", "bx@x.org"}};
  {
    auto tx = Write();
    for (const auto& [name, email] : members) {
      auto user = User(name);
      user.email_key = email;
      tx->InsertUser(user);
      const auto role = (name == "bo2" || name == "carl") ? Role::kAdmin : Role::kUser;
      tx->InsertMember(app::MemberRecord{"o1", "u-" + name, name, email, role, At(1), email, name});
    }
    tx->Commit();
  }
  using V = std::vector<std::string>;
  const V all = {"anna", "bo1", "bo2", "bo3", "carl", "zed"};
  for (int limit = 1; limit <= 7; ++limit) {
    app::MemberQuery q{"o1"};
    q.prefix_key = "bo";
    q.limit = limit;
    V seen;
    for (int page = 0; page < 8; ++page) {
      const auto rows = Read()->ListMembers(q);
      for (const auto& m : rows) seen.push_back(m.username);
      if (static_cast<int>(rows.size()) < limit) break;
      q.after = app::MemberCursor{rows.back().username, rows.back().user_id};
    }
    EXPECT_EQ(seen, all) << "limit " << limit;
  }
  app::MemberQuery q{"o1"};
  q.prefix_key = "bo";
  q.role = Role::kAdmin;
  EXPECT_EQ(Names(q), (V{"bo2", "carl"}));
  q.role.reset();
  Remove("anna");
  Remove("bo3");
  q.status = MemberStatus::kActive;
  EXPECT_EQ(Names(q), (V{"bo1", "bo2", "carl", "zed"}));
  q.status = MemberStatus::kRemoved;
  EXPECT_EQ(Names(q), (V{"anna", "bo3"}));
  q.status = MemberStatus::kActive;  // every filter at once, past a cursor
  q.role = Role::kAdmin;
  q.after = app::MemberCursor{"bo2", "u-bo2"};
  EXPECT_EQ(Names(q), (V{"carl"}));
}

}  // namespace
}  // namespace roster::store::testing
