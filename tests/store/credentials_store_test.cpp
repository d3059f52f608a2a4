// Authentication's joined reads: a credential with its user's membership, and an account with
// its membership and organization, as the separate lookups would find them.
#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

class CredentialStore : public StoreTest {};
ROSTER_STORE_SUITE(CredentialStore);

TEST_P(CredentialStore, ASessionComesWithItsUsersMembership) {
  SeedOrg("o1");
  SeedMember("o1", "amy", domain::Role::kAdmin);
  {
    auto tx = Write();
    tx->InsertUser(User("bob"));  // personal mode: no membership
    tx->InsertSession({"s-amy", "u-amy", At(1), At(2), At(100), "id-1", "Laptop/1.0", "192.0.2.1"});
    tx->InsertSession({"s-bob", "u-bob", At(1), At(1), At(100), "id-2", "", ""});
    tx->InsertApiToken({"t1", "t-amy", "u-amy", "script", At(3)});
    tx->Commit();
  }
  auto tx = Read();
  const auto amy = tx->FindSessionWithMembership("s-amy");
  ASSERT_TRUE(amy);
  EXPECT_EQ(amy->credential.id, "id-1");
  EXPECT_EQ(amy->credential.last_seen_at, At(2));
  EXPECT_EQ(amy->credential.user_agent, "Laptop/1.0");
  ASSERT_TRUE(amy->membership);
  EXPECT_EQ(amy->membership->org_id, "o1");
  EXPECT_EQ(amy->membership->user_id, "u-amy");
  EXPECT_EQ(amy->membership->username, "amy");
  EXPECT_EQ(amy->membership->role, domain::Role::kAdmin);
  EXPECT_EQ(amy->membership->status, domain::MemberStatus::kActive);
  EXPECT_EQ(amy->membership->joined_at, At(1));
  EXPECT_FALSE(amy->membership->removed_at);

  const auto bob = tx->FindSessionWithMembership("s-bob");
  ASSERT_TRUE(bob);
  EXPECT_EQ(bob->credential.user_id, "u-bob");
  EXPECT_FALSE(bob->membership);
  EXPECT_FALSE(tx->FindSessionWithMembership("s-nobody"));

  const auto token = tx->FindApiTokenWithMembership("t-amy");
  ASSERT_TRUE(token);
  EXPECT_EQ(token->credential.name, "script");
  ASSERT_TRUE(token->membership);
  EXPECT_EQ(token->membership->org_id, "o1");
  EXPECT_FALSE(tx->FindApiTokenWithMembership("t-nobody"));
}

TEST_P(CredentialStore, AnAccountComesWithItsMembershipAndOrganization) {
  SeedOrg("o1");
  SeedMember("o1", "amy");
  {
    auto tx = Write();
    tx->InsertUser(User("bob"));
    tx->Commit();
  }
  auto tx = Read();
  const auto amy = tx->FindAccount("u-amy");
  ASSERT_TRUE(amy);
  EXPECT_EQ(amy->user.user.username, "amy");
  EXPECT_EQ(amy->user.email_key, tx->FindUserById("u-amy")->email_key);
  ASSERT_TRUE(amy->membership);
  EXPECT_EQ(amy->membership->role, domain::Role::kUser);
  ASSERT_TRUE(amy->organization);
  EXPECT_EQ(amy->organization->id, "o1");
  EXPECT_EQ(amy->organization->name, "Org o1");
  EXPECT_EQ(amy->organization->created_at, At(0));

  const auto bob = tx->FindAccount("u-bob");
  ASSERT_TRUE(bob);
  EXPECT_FALSE(bob->membership);
  EXPECT_FALSE(bob->organization);
  EXPECT_FALSE(tx->FindAccount("u-nobody"));
}

}  // namespace
}  // namespace roster::store::testing
