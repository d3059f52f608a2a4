#include "store_fixture.hpp"

#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>

#include "store/open_store.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace roster::store::testing {
namespace {

std::string RandomSuffix() {
  static std::mutex mutex;
  static std::mt19937_64 engine{std::random_device{}()};
  std::lock_guard lock(mutex);
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(engine()));
  return buffer;
}

class SqliteDatabase final : public TestDatabase {
 public:
  SqliteDatabase()
      : path_((std::filesystem::temp_directory_path() / ("roster-store-" + RandomSuffix() + ".db"))
                  .string()) {}
  ~SqliteDatabase() override {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::unique_ptr<app::Store> Open() override { return OpenStore("sqlite:" + path_); }
  void Exec(const std::string& sql) override { sqlite::Connection(path_).Exec(sql); }
  std::vector<std::string> Column(const std::string& sql) override {
    sqlite::Connection db(path_);
    std::vector<std::string> out;
    auto st = db.Prepare(sql);
    while (st.Step()) out.push_back(st.Text(0));
    return out;
  }
  bool IsPostgres() const override { return false; }
  std::string ConnectionUrl() const override { return path_; }

 private:
  std::string path_;
};

// `url` with its database name replaced by `name`.
std::string WithDatabase(const std::string& url, const std::string& name) {
  const auto authority = url.find("://");
  const auto slash = url.find('/', authority == std::string::npos ? 0 : authority + 3);
  if (slash == std::string::npos) return url + "/" + name;
  const auto query = url.find('?', slash);
  return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

class PostgresDatabase final : public TestDatabase {
 public:
  explicit PostgresDatabase(std::string admin_url)
      : admin_url_(std::move(admin_url)), name_("roster_t_" + RandomSuffix()) {
    pg::Connection(admin_url_).Exec("CREATE DATABASE " + name_);
    url_ = WithDatabase(admin_url_, name_);
  }
  ~PostgresDatabase() override {
    try {
      pg::Connection(admin_url_).Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot drop test database " << name_ << ": " << e.what();
    }
  }
  std::unique_ptr<app::Store> Open() override { return OpenStore(url_); }
  void Exec(const std::string& sql) override { pg::Connection(url_).Exec(sql); }
  std::vector<std::string> Column(const std::string& sql) override {
    const auto result = pg::Connection(url_).Exec(sql);
    std::vector<std::string> out;
    for (int row = 0; row < result.Rows(); ++row) out.push_back(result.Text(row, 0));
    return out;
  }
  bool IsPostgres() const override { return true; }
  std::string ConnectionUrl() const override { return url_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

}  // namespace

std::unique_ptr<TestDatabase> MakeTestDatabase(const std::string& kind) {
  if (kind == "sqlite") return std::make_unique<SqliteDatabase>();
  const char* url = std::getenv("ROSTER_TEST_PG_URL");
  if (!url || !*url) return nullptr;
  return std::make_unique<PostgresDatabase>(url);
}

app::Timestamp At(std::int64_t ms) { return domain::FromMillis(1'800'000'000'000 + ms); }

void StoreTest::SetUp() {
  db_ = MakeTestDatabase(GetParam());
  ASSERT_NE(db_, nullptr) << "ROSTER_TEST_PG_URL is not set: run the store tests under "
                             "scripts/with-postgres.sh, e.g. `bash scripts/with-postgres.sh "
                             "build/pg/tests/store/store_test`";
  store_ = db_->Open();
}

void StoreTest::TearDown() {
  store_.reset();  // closes the pool before the database is dropped
  db_.reset();
}

app::UserRecord StoreTest::User(const std::string& name) {
  return app::UserRecord{domain::User{"u-" + name, name + "@example.com", name, At(0)},
                         name + "@example.com", "hash-" + name};
}

app::OrganizationRecord StoreTest::Org(const std::string& id) {
  return app::OrganizationRecord{domain::Organization{id, "Org " + id, At(0)}, "org " + id};
}

app::InvitationRecord StoreTest::Invitation(const std::string& org_id, const std::string& id,
                                            const std::string& name, std::int64_t created_ms,
                                            std::int64_t expires_ms) {
  app::InvitationRecord r;
  auto& inv = r.invitation;
  inv.id = id;
  inv.org_id = org_id;
  inv.email = name + "@example.com";
  inv.username = name;
  inv.created_at = At(created_ms);
  inv.expires_at = At(expires_ms);
  inv.invited_by_user_id = "u-admin";
  inv.token_hash = "token-" + id;
  r.email_key = inv.email;
  r.username_key = name;
  return r;
}

app::OutboxMessage StoreTest::Message(const std::string& id, const std::string& invitation_id,
                                      std::int64_t next_attempt_ms) {
  app::OutboxMessage m;
  m.id = id;
  m.invitation_id = invitation_id;
  m.recipient = "to@example.com";
  m.subject = "Join";
  m.body_text = "text " + id;
  m.body_html = "<p>" + id + "</p>";
  m.link = "https://roster.example/i/" + id;
  m.created_at = At(next_attempt_ms);
  m.next_attempt_at = At(next_attempt_ms);
  return m;
}

void StoreTest::SeedOrg(const std::string& org_id) {
  auto tx = Write();
  tx->InsertOrganization(Org(org_id));
  tx->Commit();
}

void StoreTest::SeedMember(const std::string& org_id, const std::string& name, domain::Role role) {
  auto tx = Write();
  const auto user = User(name);
  tx->InsertUser(user);
  tx->InsertMember(app::MemberRecord{org_id, user.user.id, name, user.email_key, role, At(1),
                                     user.user.email, user.user.username});
  tx->Commit();
}

}  // namespace roster::store::testing
