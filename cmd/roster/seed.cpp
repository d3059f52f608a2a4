#include "seed.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/security.hpp"
#include "domain/validation.hpp"
#include "store/open_store.hpp"

namespace roster::cmd {
namespace {

constexpr int kBatch = 20000;  // rows per transaction

app::UserRecord NewUser(app::Random& random, const std::string& email, const std::string& username,
                        const std::string& hash, domain::Timestamp now) {
  return app::UserRecord{domain::User{app::NewId(random), email, username, now},
                         domain::EmailKey(email), hash};
}

// Writes `count` rows with `write(i)`, committing every kBatch rows.
template <class Write>
void InBatches(app::Store& store, int count, Write write) {
  for (int start = 0; start < count; start += kBatch) {
    auto tx = store.Begin(app::TxMode::kWrite);
    for (int i = start; i < std::min(count, start + kBatch); ++i) write(*tx, i);
    tx->Commit();
  }
}

}  // namespace

int RunSeed(const Config& config, const SeedOptions& options) {
  if (options.members < 0 || options.invitations < 0) {
    std::cerr << "roster: --members and --invitations must be at least 0\n";
    return 2;
  }
  app::InitCrypto();
  app::SodiumRandom random;
  app::Argon2Hasher hasher;
  const auto started = std::chrono::steady_clock::now();
  auto store = store::OpenStore(config.database_url);
  const auto now = app::SystemClock().Now();
  const std::string org_id = app::NewId(random);
  const auto admin = NewUser(random, "admin@bench.test", "admin", hasher.Hash("bench-password-1"), now);
  {
    auto tx = store->Begin(app::TxMode::kWrite);
    if (tx->CountOrganizations() > 0 && !options.force) {
      std::cerr << "roster: the database already holds organizations; seed with --force to add "
                   "\"Bench\" anyway\n";
      return 2;
    }
    tx->InsertOrganization(app::OrganizationRecord{domain::Organization{org_id, "Bench", now},
                                                   domain::OrganizationNameKey("Bench")});
    tx->InsertUser(admin);
    tx->InsertMember(app::MemberOf(admin, org_id, domain::Role::kAdmin, admin.user.created_at));
    tx->Commit();
  }
  // Members never log in during benchmarks: one hash of a random password serves them all.
  const std::string member_hash = hasher.Hash(app::NewToken(random));
  char name[32];
  InBatches(*store, options.members, [&](app::Transaction& tx, int i) {
    std::snprintf(name, sizeof name, "member%07d", i);
    const auto user = NewUser(random, std::string(name) + "@bench.test", name, member_hash, now);
    tx.InsertUser(user);
    tx.InsertMember(app::MemberOf(user, org_id, domain::Role::kUser, user.user.created_at));
  });
  InBatches(*store, options.invitations, [&](app::Transaction& tx, int i) {
    std::snprintf(name, sizeof name, "guest%07d", i);
    app::InvitationRecord record;
    auto& inv = record.invitation;
    inv.created_at = now + std::chrono::milliseconds(i);
    inv.id = app::NewId(random, inv.created_at);
    inv.org_id = org_id;
    inv.email = std::string(name) + "@bench.test";
    inv.username = name;
    inv.expires_at = inv.created_at + config.ttl;
    inv.invited_by_user_id = admin.user.id;
    inv.token_hash = app::HashToken(app::NewToken(random));
    record.email_key = domain::EmailKey(inv.email);
    record.username_key = domain::UsernameKey(inv.username);
    tx.InsertInvitation(record);
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("seeded {} members and {} invitations in {:.2f}s", options.members,
               options.invitations, seconds);
  std::cout << "{\"org_id\": \"" << org_id << "\"}" << std::endl;
  return 0;
}

}  // namespace roster::cmd
