// Guardrails and the outbox under concurrent transactions.
#include <atomic>
#include <chrono>
#include <latch>
#include <mutex>
#include <set>
#include <thread>

#include "metrics/metrics.hpp"
#include "store_fixture.hpp"

namespace roster::store::testing {
namespace {

using namespace std::chrono_literals;

class ConcurrentStore : public StoreTest {};
ROSTER_STORE_SUITE(ConcurrentStore);

// Each thread: lock the organization, count admins, and demote its target only if at least
// two admins remain. Without the lock two threads could both see 2 and leave none.
TEST_P(ConcurrentStore, AdminsDemotingEachOtherNeverLeaveZeroAdmins) {
  SeedOrg("o1");
  constexpr int kAdmins = 4;
  for (int i = 0; i < kAdmins; ++i) {
    SeedMember("o1", "admin" + std::to_string(i), domain::Role::kAdmin);
  }
  {  // open the pool's connections first, so that connecting does not stagger the threads
    std::vector<std::unique_ptr<app::Transaction>> warm;
    for (int i = 0; i < 2 * kAdmins; ++i) warm.push_back(Read());
  }
  std::vector<std::thread> threads;
  std::mutex errors_mutex;
  std::vector<std::string> errors;
  std::latch start(2 * kAdmins);
  for (int t = 0; t < 2 * kAdmins; ++t) {
    threads.emplace_back([&, t] {
      try {
        start.arrive_and_wait();
        auto tx = Write();
        ASSERT_TRUE(tx->LockOrganization("o1"));
        const std::string target = "u-admin" + std::to_string(t % kAdmins);
        const auto member = tx->FindMember("o1", target);
        if (tx->CountActiveAdmins("o1") >= 2 && member->IsActiveAdmin()) {
          std::this_thread::sleep_for(5ms);  // widen the window a missing lock would leave
          tx->UpdateMemberRole("o1", target, domain::Role::kUser);
        }
        tx->Commit();
      } catch (const std::exception& e) {
        std::lock_guard lock(errors_mutex);
        errors.push_back(e.what());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors, std::vector<std::string>{});
  EXPECT_EQ(Read()->CountActiveAdmins("o1"), 1);
}

TEST_P(ConcurrentStore, ConcurrentClaimersGetDisjointMessages) {
  SeedOrg("o1");
  SeedMember("o1", "admin", domain::Role::kAdmin);
  constexpr int kMessages = 30;
  {
    auto tx = Write();
    tx->InsertInvitation(Invitation("o1", "i1", "bob", 0, 100000));
    for (int i = 0; i < kMessages; ++i) {
      tx->InsertOutboxMessage(Message("m" + std::to_string(i), "i1", i));
    }
    tx->Commit();
  }
  std::mutex mutex;
  std::multiset<std::string> claimed;
  std::vector<std::string> errors;
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      try {
        for (int round = 0; round < 50; ++round) {
          auto tx = Write();
          const auto batch = tx->ClaimDueMessages(At(1000), At(100000), 4);
          std::this_thread::sleep_for(2ms);  // hold the claim while others try
          tx->Commit();
          if (batch.empty()) break;
          std::lock_guard lock(mutex);
          for (const auto& m : batch) claimed.insert(m.id);
        }
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex);
        errors.push_back(e.what());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors, std::vector<std::string>{});
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kMessages));
  EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()).size(),
            static_cast<std::size_t>(kMessages));
}

// Two open transactions claim at the same time: the second skips the rows the first holds.
TEST_P(ConcurrentStore, OverlappingClaimsDoNotWaitOrOverlap) {
  SeedOrg("o1");
  SeedMember("o1", "admin", domain::Role::kAdmin);
  {
    auto tx = Write();
    tx->InsertInvitation(Invitation("o1", "i1", "bob", 0, 100000));
    for (int i = 0; i < 6; ++i) tx->InsertOutboxMessage(Message("m" + std::to_string(i), "i1", i));
    tx->Commit();
  }
  std::vector<std::string> first, second;
  std::atomic<bool> second_claimed{false};
  std::thread other;
  {
    auto tx = Write();
    for (const auto& m : tx->ClaimDueMessages(At(1000), At(100000), 3)) first.push_back(m.id);
    const auto waits = metrics::Total(metrics::Event::kDbPoolWait);
    other = std::thread([&] {
      auto tx2 = Write();  // SQLite: waits for the writer; PostgreSQL: skips locked rows
      for (const auto& m : tx2->ClaimDueMessages(At(1000), At(100000), 3)) {
        second.push_back(m.id);
      }
      second_claimed = true;
      tx2->Commit();
    });
    // The first commits only once the second is waiting for the writer or has claimed around it.
    while (!second_claimed && metrics::Total(metrics::Event::kDbPoolWait) == waits) {
      std::this_thread::sleep_for(1ms);
    }
    tx->Commit();
  }
  other.join();
  EXPECT_EQ(first, (std::vector<std::string>{"m0", "m1", "m2"}));
  EXPECT_EQ(second, (std::vector<std::string>{"m3", "m4", "m5"}));
}

}  // namespace
}  // namespace roster::store::testing
