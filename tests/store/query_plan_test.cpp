// The users list (and its search) must page through an index on both stores, never a full scan
// plus sort.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/dialect.hpp"
#include "store/members.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_search.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/sqlite/sqlite_search.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

// One users-list query per combination of filters (status, role, cursor).
std::vector<app::MemberQuery> FilterCombinations(const std::string& prefix) {
  std::vector<app::MemberQuery> queries;
  for (int bits = 0; bits < 8; ++bits) {
    app::MemberQuery q{"o1"};
    q.prefix_key = prefix;
    if (bits & 1) q.status = domain::MemberStatus::kActive;
    if (bits & 2) q.role = domain::Role::kAdmin;
    if (bits & 4) q.after = app::MemberCursor{"user1500", "u1500"};
    queries.push_back(q);
  }
  return queries;
}

std::string SqlitePlan(sqlite::Connection& db, std::string_view sql) {
  std::string plan;
  auto st = db.Prepare("EXPLAIN QUERY PLAN " + std::string(sql));
  while (st.Step()) plan += st.Text(3) + "\n";
  return plan;
}

std::string SqliteWalk(const app::MemberQuery& q) { return MemberWalk(q, SqliteDialect()).text; }

// The statements ListMembers runs on SQLite (members.hpp, sqlite_search.hpp) read members
// through an index, in username order where they need an order, and never sort in a
// temporary b-tree.
void ExpectIndexedSqlitePlans(sqlite::Connection& db) {
  for (const auto& q : FilterCombinations("")) {
    const auto sql = SqliteWalk(q);
    const std::string plan = SqlitePlan(db, sql);
    SCOPED_TRACE(sql + "\n" + plan);
    EXPECT_NE(plan.find("m USING INDEX members_"), std::string::npos);
    EXPECT_EQ(plan.find("SCAN m\n"), std::string::npos);
    EXPECT_EQ(plan.find("USE TEMP B-TREE"), std::string::npos);
  }
  for (const auto& q : FilterCombinations("user1")) {
    for (const auto& sql : {SqliteWalk(q), sqlite::UsernamePrefixRows(q).text,
                            sqlite::EmailPrefixKeys(q, 1000).text}) {
      const std::string plan = SqlitePlan(db, sql);
      SCOPED_TRACE(sql + "\n" + plan);
      EXPECT_NE(plan.find("m USING "), std::string::npos);
      EXPECT_NE(plan.find("INDEX members_"), std::string::npos);
      EXPECT_EQ(plan.find("SCAN m\n"), std::string::npos);
      EXPECT_EQ(plan.find("USE TEMP B-TREE"), std::string::npos);
    }
    if (!q.status && !q.role) {  // the email range is read from the index alone
      const std::string plan = SqlitePlan(db, sqlite::EmailPrefixKeys(q, 1000).text);
      EXPECT_NE(plan.find("USING COVERING INDEX members_org_email_username"), std::string::npos)
          << plan;
    }
  }
  const std::string by_rowid = SqlitePlan(db, sqlite::kMembersByRowid.text);
  EXPECT_NE(by_rowid.find("m USING INTEGER PRIMARY KEY"), std::string::npos) << by_rowid;
  EXPECT_EQ(by_rowid.find("USE TEMP B-TREE"), std::string::npos) << by_rowid;
}

TEST(SqliteQueryPlan, MemberListUsesAMembersIndexWithoutSorting) {
  const auto path = std::filesystem::temp_directory_path() / "roster-store-plan.db";
  std::filesystem::remove(path);
  OpenSqliteStore(path.string()).reset();  // creates the schema
  {
    sqlite::Connection db(path.string());
    ExpectIndexedSqlitePlans(db);  // no statistics yet, as on a new server
    db.Exec(
        "INSERT INTO organizations VALUES ('o1', 'O1', 'o1', 0), ('o2', 'O2', 'o2', 0);"
        "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 3000) "
        "INSERT INTO users SELECT 'u' || n, 'user' || n || '@x.org', 'user' || n || '@x.org', "
        "'user' || n, 'h', 0, 1 FROM g;"
        "INSERT INTO members SELECT id, CASE WHEN rowid % 3 = 0 THEN 'o2' ELSE 'o1' END, "
        "username, email_key, CASE WHEN rowid % 10 = 0 THEN 'ADMIN' ELSE 'USER' END, "
        "CASE WHEN rowid % 7 = 0 THEN 'REMOVED' ELSE 'ACTIVE' END, 0, NULL, NULL, email, username "
        "FROM users;"
        "ANALYZE;");
    ExpectIndexedSqlitePlans(db);  // and with statistics
  }
  std::filesystem::remove(path);
}

std::string PostgresWalk(const app::MemberQuery& q) {
  return MemberWalk(q, PostgresDialect()).text;
}


std::string PostgresPlan(pg::Connection& db, const SqlBuilder& st) {
  std::string plan;
  db.Run(Sql{"EXPLAIN " + st.text}, st.params, [&](const Row& r) { plan += r.Text(0) + "\n"; });
  return plan;
}

// Three organizations of 2,000 members each (o1..o3), with statistics.
std::unique_ptr<TestDatabase> PostgresWithMembers() {
  auto database = MakeTestDatabase("postgres");
  if (!database) return nullptr;
  database->Open().reset();  // creates the schema
  database->Exec(
      "INSERT INTO organizations VALUES ('o1', 'O1', 'o1', 0), ('o2', 'O2', 'o2', 0), "
      "('o3', 'O3', 'o3', 0);"
      "INSERT INTO users SELECT 'u' || n, 'user' || n || '@x.org', 'user' || n || '@x.org', "
      "'user' || n, 'h', 0 FROM generate_series(1, 6000) n;"
      "INSERT INTO members SELECT 'u' || n, 'o' || (n % 3 + 1), 'user' || n, "
      "'user' || n || '@x.org', CASE WHEN n % 10 = 0 THEN 'ADMIN' ELSE 'USER' END, "
      "CASE WHEN n % 7 = 0 THEN 'REMOVED' ELSE 'ACTIVE' END, 0 FROM generate_series(1, 6000) n;"
      "ANALYZE;");
  return database;
}

TEST(PostgresQueryPlan, MemberListUsesAMembersIndexAtAFewThousandRows) {
  auto database = PostgresWithMembers();
  ASSERT_NE(database, nullptr) << "ROSTER_TEST_PG_URL is not set: run the store tests under "
                                  "scripts/with-postgres.sh";
  std::vector<app::MemberQuery> queries(4, app::MemberQuery{"o2"});
  queries[0].limit = 51;  // the default page (limit + 1)
  queries[1].status = domain::MemberStatus::kActive;
  queries[2].role = domain::Role::kAdmin;
  queries[3].after = app::MemberCursor{"user3000", "u3000"};
  pg::Connection db(database->ConnectionUrl());
  for (const char* mode : {"auto", "force_generic_plan"}) {
    db.Exec(std::string("SET plan_cache_mode = ") + mode);
    for (const auto& query : queries) {
      const std::string plan = PostgresPlan(db, MemberWalk(query, PostgresDialect()));
      SCOPED_TRACE(std::string(mode) + "\n" + PostgresWalk(query) + "\n" + plan);
      EXPECT_NE(plan.find("members_org_"), std::string::npos);  // one of the list indexes
      EXPECT_EQ(plan.find("Seq Scan on members"), std::string::npos);
      EXPECT_EQ(plan.find("Sort"), std::string::npos);
    }
  }
}

// The search reads each prefix range through its own index, also under the generic plan a
// prepared statement falls back to, which cannot see how small the email range is.
TEST(PostgresQueryPlan, SearchReadsTheEmailRangeThroughItsIndex) {
  auto database = PostgresWithMembers();
  ASSERT_NE(database, nullptr) << "ROSTER_TEST_PG_URL is not set: run the store tests under "
                                  "scripts/with-postgres.sh";
  pg::Connection db(database->ConnectionUrl());
  for (const char* mode : {"auto", "force_generic_plan"}) {
    db.Exec(std::string("SET plan_cache_mode = ") + mode);
    for (const auto& q : FilterCombinations("user1")) {
      const auto st = pg::BothPrefixRanges(q, *pg::PrefixEnd(q.prefix_key));
      const std::string plan = PostgresPlan(db, st);
      SCOPED_TRACE(std::string(mode) + "\n" + st.text + "\n" + plan);
      // With a role filter the planner may read the organization's members of that role
      // instead: admins are few.
      if (!q.role) {
        EXPECT_NE(plan.find("members_org_email"), std::string::npos);
      }
      EXPECT_EQ(plan.find("Seq Scan on members"), std::string::npos);
    }
  }
}

// Roster's connections plan each prepared statement once (the generic plans tested above), not
// at every execution.
TEST(PostgresQueryPlan, ConnectionsUseGenericPlans) {
  auto database = MakeTestDatabase("postgres");
  ASSERT_NE(database, nullptr) << "ROSTER_TEST_PG_URL is not set: run the store tests under "
                                  "scripts/with-postgres.sh";
  pg::Connection db(database->ConnectionUrl());
  std::string mode;
  db.Run(Sql{"SHOW plan_cache_mode"}, {}, [&](const Row& r) { mode = r.Text(0); });
  EXPECT_EQ(mode, "force_generic_plan");
}

}  // namespace
}  // namespace roster::store::testing
