// PostgreSQL only: read transactions run in autocommit, a write transaction sends BEGIN with
// its first statement (libpq pipeline mode), and neither changes what callers observe.
#include "domain/error.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

using domain::ErrorCode;

class PostgresRoundTrips : public StoreTest {
 protected:
  // Backends of the test database holding a transaction open between statements.
  int IdleInTransaction() {
    return std::stoi(
        db_->Column("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND state LIKE 'idle in transaction%'")[0]);
  }
  void TerminateOtherBackends() {
    db_->Exec(
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  }
};
INSTANTIATE_TEST_SUITE_P(Stores, PostgresRoundTrips, ::testing::Values("postgres"), StoreName);

TEST_P(PostgresRoundTrips, ReadTransactionsHoldNoTransactionOpen) {
  SeedOrg("o1");
  auto tx = Read();
  EXPECT_TRUE(tx->FindOrganization("o1"));
  EXPECT_EQ(IdleInTransaction(), 0);
  tx->Commit();  // harmless: there is nothing to commit
  EXPECT_TRUE(Read()->FindOrganization("o1"));
}

TEST_P(PostgresRoundTrips, ReadTransactionsSeeEachStatementsLatestCommits) {
  auto reader = Read();
  EXPECT_FALSE(reader->FindUserById("u-alice"));
  auto writer = Write();
  writer->InsertUser(User("alice"));
  EXPECT_FALSE(reader->FindUserById("u-alice"));
  writer->Commit();
  EXPECT_TRUE(reader->FindUserById("u-alice"));  // as at READ COMMITTED inside BEGIN READ ONLY
}

TEST_P(PostgresRoundTrips, ReadTransactionsRefuseWrites) {
  SeedOrg("o1");
  auto tx = Read();
  try {
    tx->InsertUser(User("alice"));
    ADD_FAILURE() << "a read transaction wrote";
  } catch (const pg::PgError& e) {
    EXPECT_EQ(e.sqlstate(), "25006");  // read_only_sql_transaction, as under READ ONLY
  }
  EXPECT_THROW(tx->TouchSession("s1", At(5)), pg::PgError);
  EXPECT_THROW(tx->ClaimDueMessages(At(0), At(1), 10), pg::PgError);
  EXPECT_TRUE(tx->LockOrganization("o1"));  // a plain read in a read transaction
  EXPECT_FALSE(tx->FindUserById("u-alice"));
  EXPECT_EQ(db_->Column("SELECT COUNT(*) FROM users")[0], "0");
}

TEST_P(PostgresRoundTrips, WriteTransactionsBeginWithTheirFirstStatement) {
  {
    auto empty = Write();  // sends nothing: commits and rolls back nothing
    EXPECT_EQ(IdleInTransaction(), 0);
    empty->Commit();
  }
  auto tx = Write();
  tx->InsertUser(User("alice"));
  EXPECT_EQ(IdleInTransaction(), 1);
  EXPECT_EQ(db_->Column("SELECT COUNT(*) FROM users")[0], "0");  // not committed yet
  tx->Commit();
  EXPECT_EQ(IdleInTransaction(), 0);
  EXPECT_EQ(db_->Column("SELECT COUNT(*) FROM users")[0], "1");
}

TEST_P(PostgresRoundTrips, AUniqueViolationAsFirstStatementLeavesTheTransactionUsable) {
  {
    auto tx = Write();
    tx->InsertUser(User("alice"));
    tx->Commit();
  }
  auto tx = Write();
  auto twin = User("bob");
  twin.email_key = "alice@example.com";
  EXPECT_EQ(ErrorOf([&] { tx->InsertUser(twin); }), ErrorCode::kEmailRegistered);
  tx->InsertUser(User("carol"));
  tx->Commit();
  auto check = Read();
  EXPECT_TRUE(check->FindUserById("u-carol"));
  EXPECT_FALSE(check->FindUserById("u-bob"));
}

TEST_P(PostgresRoundTrips, AFailedFirstStatementIsRolledBack) {
  {
    auto tx = Write();
    EXPECT_THROW(tx->InsertSession(app::SessionRecord{"s", "u-nobody", At(1), At(1), At(2)}),
                 pg::PgError);
    EXPECT_THROW(tx->InsertUser(User("ghost")), pg::PgError);  // the transaction is aborted
    EXPECT_ANY_THROW(tx->Commit());
  }
  EXPECT_EQ(IdleInTransaction(), 0);
  EXPECT_FALSE(Read()->FindUserById("u-ghost"));
}

TEST_P(PostgresRoundTrips, WriteTransactionsReplaceConnectionsClosedByTheServer) {
  SeedOrg("o1");
  {
    auto a = Read();
    auto b = Write();
    EXPECT_TRUE(a->FindOrganization("o1"));
    EXPECT_TRUE(b->FindOrganization("o1"));
  }
  TerminateOtherBackends();
  auto tx = Write();
  tx->InsertUser(User("alice"));  // BEGIN, SAVEPOINT, INSERT, RELEASE in one round trip
  tx->Commit();
  EXPECT_TRUE(Read()->FindUserById("u-alice"));
}

TEST_P(PostgresRoundTrips, PipelinesReportTheFailingStatement) {
  pg::Connection db(db_->ConnectionUrl());
  const char* begin[] = {"BEGIN"};
  EXPECT_EQ(db.Pipeline(begin, "SELECT $1::int + 1", {pg::ToParam(1)}, {}).Int(0, 0), 2);
  EXPECT_FALSE(db.IsIdle());  // inside the transaction BEGIN opened
  try {
    db.Pipeline({}, "SELECT 1 / $1::int", {pg::ToParam(0)}, {});
    ADD_FAILURE() << "no error";
  } catch (const pg::PgError& e) {
    EXPECT_EQ(e.sqlstate(), "22012");
  }
  EXPECT_EQ(db.Exec("ROLLBACK").CommandTag(), "ROLLBACK");
  EXPECT_TRUE(db.IsIdle());
  const char* failing[] = {"SELECT 1 / 0"};
  try {
    db.Pipeline(failing, "SELECT 1", {}, {});
    ADD_FAILURE() << "no error";
  } catch (const pg::PgError& e) {
    EXPECT_NE(std::string(e.what()).find("[SELECT 1 / 0]"), std::string::npos) << e.what();
  }
  for (int i = 0; i < 2; ++i) {  // a statement that fails to prepare is prepared again
    try {
      db.Query("SELEC 1", {});
      ADD_FAILURE() << "no error";
    } catch (const pg::PgError& e) {
      EXPECT_EQ(e.sqlstate(), "42601");
    }
  }
  EXPECT_EQ(db.Query("SELECT 3", {}).Int(0, 0), 3);
  EXPECT_TRUE(db.IsIdle());
}

TEST_P(PostgresRoundTrips, ALostConnectionIsBroken) {
  pg::Connection db(db_->ConnectionUrl());
  EXPECT_EQ(db.Query("SELECT 1", {}).Int(0, 0), 1);
  TerminateOtherBackends();
  const char* begin[] = {"BEGIN"};
  EXPECT_THROW(db.Pipeline(begin, "SELECT 1", {}, {}), pg::PgError);
  EXPECT_TRUE(db.IsBroken());
  EXPECT_FALSE(db.IsIdle());
}

}  // namespace
}  // namespace roster::store::testing
