// The OpenID Connect client applications of an organization: list, update, delete (with the
// codes and refresh tokens issued to the client).
#include "app/oidc/oidc_store.hpp"
#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

using V = std::vector<std::string>;

class OidcClientStore : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    SeedOrg("o1");
    SeedOrg("o2");
    SeedMember("o1", "ann", domain::Role::kAdmin);
  }
  static app::ClientRecord Client(const std::string& id, const std::string& org_id,
                                  std::int64_t created_ms) {
    return {id,   org_id, "App " + id, {"https://a.example/cb", "http://localhost:1/cb"},
            "h-" + id, false, At(created_ms), {"https://a.example/"}};
  }
  void Insert(const app::ClientRecord& client) {
    auto tx = Write();
    tx->Oidc().InsertClient(client);
    tx->Commit();
  }
  V IdsOf(const std::string& org_id) {
    V ids;
    for (const auto& c : Read()->Oidc().ListClientsOfOrg(org_id)) ids.push_back(c.id);
    return ids;
  }
  // A code and a refresh token issued to `client_id`, hashes "code-ID" and "rt-ID".
  void Issue(const std::string& client_id) {
    auto tx = Write();
    tx->Oidc().InsertAuthCode({"code-" + client_id, client_id, "u-ann", "o1", "https://a.example/cb",
                               "n", "", "openid", At(0), At(60000), false});
    tx->Oidc().InsertRefreshToken({"rt-" + client_id, "f-" + client_id, client_id, "u-ann", "o1",
                                   "openid offline_access", "code-" + client_id, At(0), At(0),
                                   At(100000), false});
    tx->Commit();
  }
};
ROSTER_STORE_SUITE(OidcClientStore);

TEST_P(OidcClientStore, ListsAnOrganizationsClientsOldestFirst) {
  Insert(Client("c2", "o1", 20));
  Insert(Client("c1", "o1", 10));
  Insert(Client("c3", "o2", 5));
  EXPECT_EQ(IdsOf("o1"), (V{"c1", "c2"}));
  EXPECT_EQ(IdsOf("o2"), (V{"c3"}));
  const auto listed = Read()->Oidc().ListClientsOfOrg("o1").front();
  EXPECT_EQ(listed.redirect_uris, (V{"https://a.example/cb", "http://localhost:1/cb"}));
  EXPECT_EQ(listed.post_logout_redirect_uris, (V{"https://a.example/"}));
  EXPECT_EQ(listed.secret_hash, "h-c1");
  EXPECT_EQ(listed.created_at, At(10));
}

TEST_P(OidcClientStore, UpdateWritesTheMutableFieldsOnly) {
  Insert(Client("c1", "o1", 10));
  Insert(Client("c2", "o1", 20));
  auto changed = Client("c1", "o2", 99);  // org and creation time stay as they were
  changed.name = "Renamed";
  changed.redirect_uris = {"https://b.example/cb"};
  changed.post_logout_redirect_uris = {};
  changed.secret_hash = "h-new";
  changed.admins_only = true;
  {
    auto tx = Write();
    tx->Oidc().UpdateClient(changed);
    tx->Commit();
  }
  const auto c1 = *Read()->Oidc().FindClient("c1");
  EXPECT_EQ(c1.name, "Renamed");
  EXPECT_EQ(c1.org_id, "o1");
  EXPECT_EQ(c1.created_at, At(10));
  EXPECT_EQ(c1.redirect_uris, (V{"https://b.example/cb"}));
  EXPECT_TRUE(c1.post_logout_redirect_uris.empty());
  EXPECT_EQ(c1.secret_hash, "h-new");
  EXPECT_TRUE(c1.admins_only);
  EXPECT_EQ(Read()->Oidc().FindClient("c2")->name, "App c2");
}

TEST_P(OidcClientStore, DeleteTakesTheClientsCodesAndRefreshTokens) {
  Insert(Client("c1", "o1", 10));
  Insert(Client("c2", "o1", 20));
  Issue("c1");
  Issue("c2");
  {
    auto tx = Write();
    tx->Oidc().DeleteClient("c1");
    tx->Commit();
  }
  auto tx = Read();
  EXPECT_FALSE(tx->Oidc().FindClient("c1"));
  EXPECT_FALSE(tx->Oidc().FindAuthCode("code-c1"));
  EXPECT_FALSE(tx->Oidc().FindRefreshToken("rt-c1"));
  EXPECT_TRUE(tx->Oidc().FindClient("c2"));
  EXPECT_TRUE(tx->Oidc().FindAuthCode("code-c2"));
  EXPECT_TRUE(tx->Oidc().FindRefreshToken("rt-c2"));
}

}  // namespace
}  // namespace roster::store::testing
