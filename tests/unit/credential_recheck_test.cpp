// A write that runs after the transaction that authenticated the caller re-checks the
// credential and the membership inside its own write transaction: a member removed in between
// gets no working API token. The removal is slipped in deterministically by a store double that
// runs it just before the next write transaction begins.
#include <gtest/gtest.h>

#include <functional>
#include <utility>

#include "app/accounts.hpp"
#include "app/organizations.hpp"
#include "domain/error.hpp"
#include "temp_app_context.hpp"

namespace roster::app {
namespace {

using domain::ErrorCode;

// Forwards to a real store; runs `before_next_write` once, as the next write transaction begins.
class InterleavingStore final : public Store {
 public:
  explicit InterleavingStore(Store& inner) : inner_(inner) {}
  std::unique_ptr<Transaction> Begin(TxMode mode) override {
    if (mode == TxMode::kWrite && before_next_write) std::exchange(before_next_write, {})();
    return inner_.Begin(mode);
  }
  void Ping() override { inner_.Ping(); }
  std::string LoadOrCreateSecret(std::string_view name, const std::string& candidate) override {
    return inner_.LoadOrCreateSecret(name, candidate);
  }
  std::function<void()> before_next_write;

 private:
  Store& inner_;
};

// argon2id is beside the point here.
class PlainHasher final : public PasswordHasher {
 public:
  std::string Hash(std::string_view password) override { return "plain:" + std::string(password); }
  bool Verify(std::string_view hash, std::string_view password) override {
    return hash == "plain:" + std::string(password);
  }
};

ErrorCode CodeOfThrow(const std::function<void()>& f) {
  try {
    f();
  } catch (const domain::Error& e) {
    return e.code();
  }
  return ErrorCode::kInternal;
}

class CredentialRecheck : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& ctx = app_.Open(store_, hasher_);
    accounts_ = std::make_unique<Accounts>(ctx);
    organizations_ = std::make_unique<Organizations>(ctx);

    const auto boss = accounts_->Signup({"boss@example.com", "boss", "correct horse 1"});
    admin_ = *accounts_->AuthenticateSession(boss.session_token);
    org_id_ = organizations_->Activate(admin_, "Acme", "127.0.0.1").id;
    const auto pat = accounts_->Signup({"pat@example.com", "pat", "correct horse 2"});
    pat_id_ = pat.me.user.id;
    {
      auto tx = app_.store().Begin(TxMode::kWrite);
      const auto user = tx->FindUserById(pat_id_);
      tx->InsertMember(MemberOf(*user, org_id_, domain::Role::kUser, app_.clock.Now()));
      tx->Commit();
    }
    pat_session_ = *accounts_->AuthenticateSession(pat.session_token);
    const auto token = accounts_->CreateApiToken(pat_session_, "ci");
    pat_bearer_ = *accounts_->AuthenticateBearer(token.token);
  }
  void TearDown() override {
    organizations_.reset();
    accounts_.reset();
  }

  // The admin removes pat just before the next write transaction begins.
  void RemovePatBeforeTheNextWrite() {
    store_.before_next_write = [this] {
      const auto admin = app_.store().Begin(TxMode::kRead)->FindMember(org_id_, admin_.user_id);
      organizations_->Remove(*admin, pat_id_, "192.0.2.1");
    };
  }

  PlainHasher hasher_;
  TempAppContext app_{"roster-recheck"};
  InterleavingStore store_{app_.store()};
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<Organizations> organizations_;
  Principal admin_;
  Principal pat_session_;
  Principal pat_bearer_;
  std::string org_id_;
  std::string pat_id_;
};

TEST_F(CredentialRecheck, ALiveMemberGetsATokenBySessionAndByBearer) {
  EXPECT_FALSE(accounts_->CreateApiToken(pat_session_, "a").token.empty());
  EXPECT_FALSE(accounts_->CreateApiToken(pat_bearer_, "b").token.empty());
}

TEST_F(CredentialRecheck, AMemberRemovedAfterSessionAuthenticationGetsNoToken) {
  RemovePatBeforeTheNextWrite();
  EXPECT_EQ(CodeOfThrow([&] { accounts_->CreateApiToken(pat_session_, "late"); }),
            ErrorCode::kUnauthenticated);
  EXPECT_FALSE(store_.before_next_write) << "the removal ran in between";
}

TEST_F(CredentialRecheck, AMemberRemovedAfterBearerAuthenticationGetsNoToken) {
  RemovePatBeforeTheNextWrite();
  EXPECT_EQ(CodeOfThrow([&] { accounts_->CreateApiToken(pat_bearer_, "late"); }),
            ErrorCode::kUnauthenticated);
  EXPECT_FALSE(store_.before_next_write) << "the removal ran in between";
}

TEST_F(CredentialRecheck, ALoggedOutSessionGetsNoToken) {
  store_.before_next_write = [this] { accounts_->Logout(pat_session_); };
  EXPECT_EQ(CodeOfThrow([&] { accounts_->CreateApiToken(pat_session_, "late"); }),
            ErrorCode::kUnauthenticated);
}

}  // namespace
}  // namespace roster::app
