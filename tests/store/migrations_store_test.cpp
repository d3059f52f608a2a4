// Migrations: both dialects share version numbers, statements are rewritten for each, reopening
// is a no-op, a newer schema is refused untouched, and instances opening a fresh database
// together migrate it once.
#include <thread>

#include "store/dialect.hpp"
#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

std::vector<int> VersionsOf(std::span<const Migration> migrations) {
  std::vector<int> versions;
  for (const auto& m : migrations) versions.push_back(m.version);
  return versions;
}

// Migration N means the same step of the schema on both databases from here on.
TEST(Migrations, BothDialectsHaveTheSameVersions) {
  const auto sqlite = VersionsOf(SqliteMigrations());
  EXPECT_EQ(sqlite, VersionsOf(PostgresMigrations()));
  for (std::size_t i = 0; i < sqlite.size(); ++i) EXPECT_EQ(sqlite[i], static_cast<int>(i) + 1);
}

TEST(Dialects, StatementsAreRewrittenOnceForEachDatabase) {
  const std::string_view sql =
      "SELECT '$1 {FOR_UPDATE}' FROM t WHERE a = $1 AND b = $12 {FOR_UPDATE} {SKIP_LOCKED}";
  EXPECT_EQ(RewriteSql(sql, SqliteDialect()),
            "SELECT '$1 {FOR_UPDATE}' FROM t WHERE a = ?1 AND b = ?12  ");
  EXPECT_EQ(RewriteSql(sql, PostgresDialect()),
            "SELECT '$1 {FOR_UPDATE}' FROM t WHERE a = $1 AND b = $12 FOR UPDATE "
            "FOR UPDATE SKIP LOCKED");
}

class MigrationStore : public StoreTest {
 protected:
  std::size_t KnownMigrations() {
    return db_->IsPostgres() ? PostgresMigrations().size() : SqliteMigrations().size();
  }
  std::vector<std::string> Versions() {
    return db_->Column("SELECT version FROM schema_migrations ORDER BY version");
  }
};
ROSTER_STORE_SUITE(MigrationStore);

TEST_P(MigrationStore, ReopeningIsANoOpAndKeepsData) {
  ASSERT_GE(KnownMigrations(), 1u);
  EXPECT_EQ(Versions().size(), KnownMigrations());
  SeedOrg("o1");
  store_.reset();
  store_ = db_->Open();
  EXPECT_EQ(Versions().size(), KnownMigrations());
  EXPECT_TRUE(Read()->FindOrganization("o1"));
}

TEST_P(MigrationStore, NewerSchemaIsRefusedAndLeftUnchanged) {
  SeedOrg("o1");
  store_.reset();
  db_->Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)");
  const auto before = Versions();
  try {
    db_->Open();
    ADD_FAILURE() << "a database with schema version 999 was opened";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("newer than this roster binary knows"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("999"), std::string::npos) << e.what();
  }
  EXPECT_EQ(Versions(), before);
  EXPECT_EQ(db_->Column("SELECT id FROM organizations"), std::vector<std::string>{"o1"});
}

// Members stored before the users list read display values from members get them copied from
// their users by the migration (simulated: the columns dropped and the migrations from it on
// unrecorded).
TEST_P(MigrationStore, MembersDisplayMigrationCopiesEmailAndUsernameOfExistingMembers) {
  SeedOrg("o1");
  SeedMember("o1", "Alice", domain::Role::kAdmin);
  SeedMember("o1", "bob");
  store_.reset();
  db_->Exec("ALTER TABLE members DROP COLUMN email");
  db_->Exec("ALTER TABLE members DROP COLUMN username");
  // Undo the later migration 0006 (accounts) too, which runs again after it.
  db_->Exec("DROP TABLE account_links");
  db_->Exec("ALTER TABLE users DROP COLUMN email_verified");
  db_->Exec("DROP INDEX sessions_id");
  for (const char* column : {"id", "user_agent", "client_address"}) {
    db_->Exec(std::string("ALTER TABLE sessions DROP COLUMN ") + column);
  }
  // And 0007 (rate limits).
  db_->Exec("DROP TABLE rate_limits");
  // And 0008 (the audit trail's client address).
  db_->Exec("ALTER TABLE audit_events DROP COLUMN client_address");
  // And 0009 (OpenID Connect).
  for (const char* table : {"oauth_refresh_tokens", "oauth_codes", "oauth_clients",
                            "oidc_signing_keys"}) {
    db_->Exec(std::string("DROP TABLE ") + table);
  }
  // And 0010 (the usernames an organization holds).
  const bool postgres = db_->IsPostgres();
  for (const char* trigger : {"org_names_invitation", "org_names_member",
                              "org_names_invitation_insert", "org_names_invitation_status",
                              "org_names_invitation_delete", "org_names_member_insert"}) {
    const std::string table = std::string_view(trigger).find("member") == std::string_view::npos
                                  ? "invitations"
                                  : "members";
    if (postgres) {
      db_->Exec(std::string("DROP TRIGGER IF EXISTS ") + trigger + " ON " + table);
      db_->Exec(std::string("DROP FUNCTION IF EXISTS ") + trigger + "()");
    } else {
      db_->Exec(std::string("DROP TRIGGER IF EXISTS ") + trigger);
    }
  }
  db_->Exec("DROP TABLE org_names");
  // A database from before that migration: it and every later one unrecorded.
  db_->Exec(
      "DELETE FROM schema_migrations WHERE version >= (SELECT version FROM schema_migrations "
      "WHERE name LIKE '%members_display%')");
  store_ = db_->Open();
  EXPECT_EQ(Versions().size(), KnownMigrations());
  std::vector<std::string> shown;
  for (const auto& m : Read()->ListMembers(app::MemberQuery{"o1"})) {
    shown.push_back(m.username + " " + m.email);
  }
  EXPECT_EQ(shown, (std::vector<std::string>{"Alice Alice@example.com", "bob bob@example.com"}));
}

TEST_P(MigrationStore, InstancesOpeningTogetherMigrateOnce) {
  store_.reset();
  db_ = MakeTestDatabase(GetParam());  // a fresh, unmigrated database
  ASSERT_NE(db_, nullptr);
  std::vector<std::thread> threads;
  std::vector<std::unique_ptr<app::Store>> stores(4);
  std::vector<std::string> errors(stores.size());
  for (std::size_t i = 0; i < stores.size(); ++i) {
    threads.emplace_back([&, i] {
      try {
        stores[i] = db_->Open();
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  EXPECT_EQ(Versions().size(), KnownMigrations());
  for (auto& s : stores) {
    ASSERT_NE(s, nullptr);
    EXPECT_NO_THROW(s->Ping());
  }
}

}  // namespace
}  // namespace roster::store::testing
