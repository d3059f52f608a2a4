// Databases written by an older roster (tests/store/data/*.sql, made by make_dumps.sh from the
// binary of the commit before the SQL was written once) upgrade in place and read back.
#include <fstream>
#include <sstream>

#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

std::string ReadDump(const std::string& name) {
  std::ifstream in(std::string(ROSTER_STORE_TEST_DATA) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class UpgradeStore : public ::testing::TestWithParam<std::string> {};
ROSTER_STORE_SUITE(UpgradeStore);

TEST_P(UpgradeStore, AnOlderDatabaseMigratesInPlaceAndReadsBack) {
  auto db = MakeTestDatabase(GetParam());
  ASSERT_NE(db, nullptr) << "ROSTER_TEST_PG_URL is not set";
  const std::string dump = ReadDump(db->IsPostgres() ? "postgres_v4.sql" : "sqlite_v5.sql");
  ASSERT_NE(dump.find("CREATE TABLE"), std::string::npos);
  db->Exec(dump);
  const auto old_versions = db->Column("SELECT version FROM schema_migrations ORDER BY version");
  EXPECT_EQ(old_versions.size(), db->IsPostgres() ? 4u : 5u);

  auto store = db->Open();
  EXPECT_EQ(db->Column("SELECT version FROM schema_migrations ORDER BY version"),
            (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"}));
  auto tx = store->Begin(app::TxMode::kRead);
  EXPECT_EQ(tx->CountOrganizations(), 1);
  const auto ann = tx->FindUserByEmailKey("ann@example.org");
  const auto bob = tx->FindUserByEmailKey("bob@example.org");
  ASSERT_TRUE(ann && bob);
  EXPECT_EQ(ann->user.username, "Ann");
  EXPECT_EQ(ann->password_hash.rfind("$argon2id$", 0), 0u);
  const auto membership = tx->FindMembershipOfUser(ann->user.id);
  ASSERT_TRUE(membership);
  const auto org = tx->FindOrganization(membership->org_id);
  ASSERT_TRUE(org);
  EXPECT_EQ(org->name, "Acme");

  std::vector<std::string> members;
  for (const auto& m : tx->ListMembers(app::MemberQuery{org->id})) {
    members.push_back(m.username + " " + m.email + " " + std::string(ToString(m.role)));
  }
  EXPECT_EQ(members,
            (std::vector<std::string>{"Ann Ann@example.org ADMIN", "bob bob@example.org ADMIN"}));
  std::vector<std::string> invitations;
  for (const auto& i : tx->ListInvitations(app::InvitationQuery{org->id, {}, At(0)})) {
    invitations.push_back(i.username + " " + std::string(ToString(i.stored_status)) + " " +
                          std::string(ToString(i.email_delivery)) + " " + i.invited_by_username);
  }
  EXPECT_EQ(invitations,
            (std::vector<std::string>{"carol REVOKED DISABLED Ann", "bob ACCEPTED DISABLED Ann"}));
  std::vector<std::string> actions;
  for (const auto& row : tx->ListAuditEvents(app::AuditQuery{org->id, std::nullopt, 10})) {
    actions.push_back(row.event.action + " " + row.event.actor_username);
  }
  EXPECT_EQ(actions,
            (std::vector<std::string>{"member.role_changed Ann", "invitation.accepted bob",
                                      "invitation.revoked Ann", "invitation.created Ann",
                                      "invitation.created Ann", "organization.activated Ann"}));
  const auto session_hash = db->Column("SELECT token_hash FROM sessions");
  ASSERT_FALSE(session_hash.empty());
  EXPECT_TRUE(tx->FindSession(session_hash[0]));
  const auto token_hash = db->Column("SELECT token_hash FROM api_tokens");
  ASSERT_EQ(token_hash.size(), 1u);
  EXPECT_EQ(tx->FindApiToken(token_hash[0])->user_id, ann->user.id);
  tx.reset();

  // And it is written to as before: the old rows keep their guardrails.
  auto write = store->Begin(app::TxMode::kWrite);
  EXPECT_EQ(ErrorOf([&] { write->InsertUser(*bob); }), domain::ErrorCode::kEmailRegistered);
  EXPECT_EQ(write->CountActiveAdmins(org->id), 2);
}

}  // namespace
}  // namespace roster::store::testing
