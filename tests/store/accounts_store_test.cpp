// Users, sessions, API tokens, organizations and transaction boundaries.
#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

using domain::ErrorCode;

class AccountStore : public StoreTest {};
ROSTER_STORE_SUITE(AccountStore);

TEST_P(AccountStore, UsersAreFoundByEmailKeyAndId) {
  {
    auto tx = Write();
    tx->InsertUser(User("alice"));
    tx->Commit();
  }
  auto tx = Read();
  const auto by_email = tx->FindUserByEmailKey("alice@example.com");
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->user.id, "u-alice");
  EXPECT_EQ(by_email->user.username, "alice");
  EXPECT_EQ(by_email->password_hash, "hash-alice");
  EXPECT_EQ(by_email->user.created_at, At(0));
  const auto by_id = tx->FindUserById("u-alice");
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->email_key, "alice@example.com");
  EXPECT_FALSE(tx->FindUserById("u-nobody"));
  EXPECT_FALSE(tx->FindUserByEmailKey("nobody@example.com"));
}

TEST_P(AccountStore, ReadTransactionsRefuseWrites) {
  {
    auto tx = Read();
    EXPECT_THROW(tx->InsertUser(User("alice")), std::exception);
    tx->Commit();  // harmless on a read transaction
  }
  EXPECT_FALSE(Read()->FindUserById("u-alice"));
}

TEST_P(AccountStore, DuplicateEmailIsEmailRegisteredAndLeavesTheTransactionUsable) {
  auto tx = Write();
  tx->InsertUser(User("alice"));
  auto twin = User("bob");
  twin.email_key = "alice@example.com";
  EXPECT_EQ(ErrorOf([&] { tx->InsertUser(twin); }), ErrorCode::kEmailRegistered);
  tx->InsertUser(User("carol"));  // the refused statement did not end the transaction
  tx->Commit();
  auto check = Read();
  EXPECT_TRUE(check->FindUserById("u-alice"));
  EXPECT_TRUE(check->FindUserById("u-carol"));
  EXPECT_FALSE(check->FindUserById("u-bob"));
}

TEST_P(AccountStore, SessionsAreTouchedAndDeleted) {
  auto tx = Write();
  tx->InsertUser(User("alice"));
  tx->InsertSession(app::SessionRecord{"s1", "u-alice", At(1), At(1), At(100), "id-s1"});
  tx->InsertSession(app::SessionRecord{"s2", "u-alice", At(2), At(2), At(100), "id-s2"});
  tx->TouchSession("s1", At(50));
  const auto s1 = tx->FindSession("s1");
  ASSERT_TRUE(s1);
  EXPECT_EQ(s1->user_id, "u-alice");
  EXPECT_EQ(s1->created_at, At(1));
  EXPECT_EQ(s1->last_seen_at, At(50));
  EXPECT_EQ(s1->expires_at, At(100));
  tx->DeleteSession("s1");
  EXPECT_FALSE(tx->FindSession("s1"));
  EXPECT_TRUE(tx->FindSession("s2"));
  tx->Commit();
}

TEST_P(AccountStore, DeleteCredentialsOfUserRevokesSessionsAndTokens) {
  auto tx = Write();
  tx->InsertUser(User("alice"));
  tx->InsertUser(User("bob"));
  tx->InsertSession(app::SessionRecord{"s-a", "u-alice", At(1), At(1), At(100), "id-a"});
  tx->InsertSession(app::SessionRecord{"s-b", "u-bob", At(1), At(1), At(100), "id-b"});
  tx->InsertApiToken(app::ApiTokenRecord{"t1", "th-a", "u-alice", "ci", At(3)});
  tx->InsertApiToken(app::ApiTokenRecord{"t2", "th-b", "u-bob", "ci", At(3)});
  const auto token = tx->FindApiToken("th-a");
  ASSERT_TRUE(token);
  EXPECT_EQ(token->id, "t1");
  EXPECT_EQ(token->user_id, "u-alice");
  EXPECT_EQ(token->name, "ci");
  EXPECT_EQ(token->created_at, At(3));
  tx->DeleteCredentialsOfUser("u-alice");
  EXPECT_FALSE(tx->FindSession("s-a"));
  EXPECT_FALSE(tx->FindApiToken("th-a"));
  EXPECT_TRUE(tx->FindSession("s-b"));
  EXPECT_TRUE(tx->FindApiToken("th-b"));
  tx->Commit();
}

TEST_P(AccountStore, OrganizationsAreFoundLockedAndUniqueByNameKey) {
  SeedOrg("o1");
  auto tx = Write();
  const auto org = tx->FindOrganization("o1");
  ASSERT_TRUE(org);
  EXPECT_EQ(org->name, "Org o1");
  EXPECT_EQ(org->created_at, At(0));
  EXPECT_TRUE(tx->LockOrganization("o1"));
  EXPECT_FALSE(tx->LockOrganization("o-missing"));
  EXPECT_FALSE(tx->FindOrganization("o-missing"));
  auto twin = Org("o2");
  twin.name_key = "org o1";
  EXPECT_EQ(ErrorOf([&] { tx->InsertOrganization(twin); }), ErrorCode::kOrganizationNameTaken);
  tx->InsertOrganization(Org("o3"));
  tx->Commit();
  auto read = Read();
  EXPECT_TRUE(read->LockOrganization("o1"));  // allowed in a read transaction too
  EXPECT_TRUE(read->FindOrganization("o3"));
}

TEST_P(AccountStore, UncommittedWorkIsRolledBackOnDestruction) {
  {
    auto tx = Write();
    tx->InsertUser(User("ghost"));
  }
  {
    auto tx = Write();  // the connection is usable again after the rollback
    tx->InsertUser(User("alice"));
    tx->Commit();
  }
  auto tx = Read();
  EXPECT_FALSE(tx->FindUserById("u-ghost"));
  EXPECT_TRUE(tx->FindUserById("u-alice"));
}

TEST_P(AccountStore, ReadersSeeOnlyCommittedWrites) {
  auto writer = Write();
  writer->InsertUser(User("alice"));
  EXPECT_FALSE(Read()->FindUserById("u-alice"));
  writer->Commit();
  EXPECT_TRUE(Read()->FindUserById("u-alice"));
}

TEST_P(AccountStore, PingAnswers) { EXPECT_NO_THROW(store_->Ping()); }

TEST_P(AccountStore, AFailedStatementIsRolledBackAndTheStoreStaysUsable) {
  for (int i = 0; i < 10; ++i) {  // more than the pool holds
    auto tx = Write();
    EXPECT_ANY_THROW(tx->InsertSession(app::SessionRecord{"s", "u-nobody", At(1), At(1), At(2), "id-s"}));
  }
  auto tx = Write();
  tx->InsertUser(User("alice"));
  tx->Commit();
  EXPECT_TRUE(Read()->FindUserById("u-alice"));
}

TEST_P(AccountStore, ConnectionsClosedByTheServerAreReplaced) {
  SeedOrg("o1");
  {
    auto a = Read();  // several idle connections in the pool afterwards
    auto b = Read();
    auto c = Write();
    EXPECT_TRUE(a->FindOrganization("o1"));
  }
  if (db_->IsPostgres()) {
    db_->Exec(
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  }
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(Read()->FindOrganization("o1"));
  auto tx = Write();
  tx->InsertUser(User("alice"));
  tx->Commit();
}

TEST_P(AccountStore, SessionsOfAUserAreListedNewestFirstAndEndedById) {
  {
    auto tx = Write();
    tx->InsertUser(User("alice"));
    tx->InsertUser(User("bob"));
    tx->InsertSession({"s1", "u-alice", At(1), At(1), At(100), "id-1", "Laptop/1.0", "192.0.2.1"});
    tx->InsertSession({"s2", "u-alice", At(2), At(2), At(100), "id-2", "Phone/2.0", "2001:db8::2"});
    tx->InsertSession({"s3", "u-bob", At(3), At(3), At(100), "id-3", "", ""});
    tx->InsertSession({"s4", "u-alice", At(4), At(4), At(50), "id-4", "", ""});
    tx->Commit();
  }
  const auto listed = Read()->ListSessionsOfUser("u-alice", At(60));  // s4 expired at 50
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, "id-2");
  EXPECT_EQ(listed[0].user_agent, "Phone/2.0");
  EXPECT_EQ(listed[0].client_address, "2001:db8::2");
  EXPECT_EQ(listed[0].token_hash, "s2");
  EXPECT_EQ(listed[1].id, "id-1");
  EXPECT_EQ(listed[1].created_at, At(1));
  auto tx = Write();
  EXPECT_FALSE(tx->DeleteSessionById("u-bob", "id-1")) << "only the owner's sessions";
  EXPECT_TRUE(tx->DeleteSessionById("u-alice", "id-1"));
  EXPECT_FALSE(tx->DeleteSessionById("u-alice", "id-1"));
  tx->DeleteSessionsOfUser("u-alice", "s2");
  tx->Commit();
  EXPECT_TRUE(Read()->FindSession("s2"));
  EXPECT_FALSE(Read()->FindSession("s4"));
  EXPECT_TRUE(Read()->FindSession("s3")) << "another user's sessions stay";
}

TEST_P(AccountStore, AccountLinksAreFoundByHashAndEndedPerPurpose) {
  auto tx = Write();
  tx->InsertUser(User("alice"));
  tx->InsertAccountLink({"h-verify", "u-alice", app::LinkPurpose::kVerifyEmail, At(1), At(10)});
  tx->InsertAccountLink({"h-reset", "u-alice", app::LinkPurpose::kResetPassword, At(2), At(20)});
  const auto link = tx->FindAccountLink("h-reset");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->user_id, "u-alice");
  EXPECT_EQ(link->purpose, app::LinkPurpose::kResetPassword);
  EXPECT_EQ(link->created_at, At(2));
  EXPECT_EQ(link->expires_at, At(20));
  tx->DeleteAccountLinks("u-alice", app::LinkPurpose::kResetPassword);
  EXPECT_FALSE(tx->FindAccountLink("h-reset"));
  EXPECT_EQ(tx->FindAccountLink("h-verify")->purpose, app::LinkPurpose::kVerifyEmail);
  tx->Commit();
}

TEST_P(AccountStore, AnUnverifiedAccountIsVerifiedOrDeletedWithWhatItHolds) {
  {
    auto tx = Write();
    auto user = User("alice");
    user.user.email_verified = false;
    tx->InsertUser(user);
    tx->InsertSession({"s1", "u-alice", At(1), At(1), At(100), "id-1", "", ""});
    tx->InsertApiToken({"t1", "th1", "u-alice", "script", At(1)});
    tx->InsertAccountLink({"h1", "u-alice", app::LinkPurpose::kVerifyEmail, At(1), At(10)});
    tx->Commit();
  }
  EXPECT_FALSE(Read()->FindUserById("u-alice")->user.email_verified);
  {
    auto tx = Write();
    EXPECT_TRUE(tx->LockUser("u-alice"));
    EXPECT_FALSE(tx->LockUser("u-nobody"));
    tx->SetPasswordHash("u-alice", "new-hash");
    tx->SetEmailVerified("u-alice");
    tx->Commit();
  }
  const auto verified = Read()->FindUserById("u-alice");
  EXPECT_TRUE(verified->user.email_verified);
  EXPECT_EQ(verified->password_hash, "new-hash");
  {
    auto tx = Write();
    tx->DeleteUser("u-alice");
    tx->Commit();
  }
  auto tx = Read();
  EXPECT_FALSE(tx->FindUserByEmailKey("alice@example.com"));
  EXPECT_FALSE(tx->FindSession("s1"));
  EXPECT_FALSE(tx->FindApiToken("th1"));
  EXPECT_FALSE(tx->FindAccountLink("h1"));
}

TEST_P(AccountStore, OrganizationsAreFoundByNameAndListedWithTheirActiveAdmins) {
  SeedOrg("o1");
  SeedMember("o1", "zed", domain::Role::kAdmin);
  SeedMember("o1", "amy", domain::Role::kAdmin);
  SeedMember("o1", "bob", domain::Role::kUser);
  {
    auto tx = Write();
    tx->MarkMemberRemoved("o1", "u-zed", domain::Role::kAdmin, At(5), "u-amy");
    tx->Commit();
  }
  auto tx = Read();
  const auto org = tx->FindOrganization("o1");
  ASSERT_TRUE(org);
  EXPECT_EQ(tx->FindOrganizationByNameKey(domain::OrganizationNameKey(org->name))->id, "o1");
  EXPECT_FALSE(tx->FindOrganizationByNameKey("no such name"));
  const auto summaries = tx->ListOrganizationSummaries();
  ASSERT_EQ(summaries.size(), 1u);
  ASSERT_EQ(summaries[0].active_admins.size(), 1u) << "removed admins and users are not listed";
  EXPECT_EQ(summaries[0].active_admins[0].username, "amy");
}

}  // namespace
}  // namespace roster::store::testing
