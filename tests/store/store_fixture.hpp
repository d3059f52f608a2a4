#pragma once
// The store contract suite's fixture: every TEST_P runs once per store (SQLite on a temporary
// file, PostgreSQL on a fresh database of the cluster at ROSTER_TEST_PG_URL), each test on an
// empty, migrated database.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/ports.hpp"
#include "domain/error.hpp"

namespace roster::store::testing {

// An empty database of one kind, dropped on destruction.
class TestDatabase {
 public:
  virtual ~TestDatabase() = default;
  // Opens the store on it (applying migrations).
  virtual std::unique_ptr<app::Store> Open() = 0;
  // Runs raw SQL beside the store (one statement or a script).
  virtual void Exec(const std::string& sql) = 0;
  // The first column of every row of `sql`, as text.
  virtual std::vector<std::string> Column(const std::string& sql) = 0;
  virtual bool IsPostgres() const = 0;
  // The libpq URL (PostgreSQL) or the file path (SQLite).
  virtual std::string ConnectionUrl() const = 0;
};

// "sqlite" or "postgres". For "postgres" without ROSTER_TEST_PG_URL this records a fatal
// failure (run under scripts/with-postgres.sh) and returns nullptr.
std::unique_ptr<TestDatabase> MakeTestDatabase(const std::string& kind);

// Runs `f` and returns the code of the domain::Error it throws, if any.
template <typename F>
std::optional<domain::ErrorCode> ErrorOf(F&& f) {
  try {
    f();
  } catch (const domain::Error& e) {
    return e.code();
  }
  return std::nullopt;
}

// A fixed point in time plus `ms` milliseconds.
app::Timestamp At(std::int64_t ms);

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::unique_ptr<app::Transaction> Write() { return store_->Begin(app::TxMode::kWrite); }
  std::unique_ptr<app::Transaction> Read() { return store_->Begin(app::TxMode::kRead); }

  // Records with predictable values; `name` becomes the id suffix, username and email local part.
  static app::UserRecord User(const std::string& name);
  static app::OrganizationRecord Org(const std::string& id);
  static app::InvitationRecord Invitation(const std::string& org_id, const std::string& id,
                                          const std::string& name, std::int64_t created_ms,
                                          std::int64_t expires_ms);
  static app::OutboxMessage Message(const std::string& id, const std::string& invitation_id,
                                    std::int64_t next_attempt_ms);

  // Commits an organization, and a user who is its member with `role` (user id "u-NAME").
  void SeedOrg(const std::string& org_id);
  void SeedMember(const std::string& org_id, const std::string& name,
                  domain::Role role = domain::Role::kUser);

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<app::Store> store_;
};

// Names the instantiations "sqlite" and "postgres".
inline std::string StoreName(const ::testing::TestParamInfo<std::string>& param_info) {
  return param_info.param;
}

// Runs the TEST_Ps of `fixture` on both stores.
#define ROSTER_STORE_SUITE(fixture) \
  INSTANTIATE_TEST_SUITE_P(Stores, fixture, ::testing::Values("sqlite", "postgres"), StoreName)

}  // namespace roster::store::testing
