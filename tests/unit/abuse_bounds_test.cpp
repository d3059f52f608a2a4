// Bounds an attacker with many addresses cannot push past: per-client limits count an IPv6
// client by its /64, and password-reset requests stop while too many reset jobs wait to run.
#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <vector>

#include "app/account_links.hpp"
#include "app/limit_store.hpp"
#include "app/rate_limiter.hpp"
#include "app/security.hpp"
#include "domain/error.hpp"
#include "temp_app_context.hpp"

namespace roster::app {
namespace {

TEST(ClientLimitKey, AnIpv6ClientCountsByItsSlash64) {
  EXPECT_EQ(ClientLimitKey("2001:db8::1"), "2001:db8::/64");
  EXPECT_EQ(ClientLimitKey("2001:db8::ffff:1:2"), ClientLimitKey("2001:db8::1"));
  EXPECT_EQ(ClientLimitKey("2001:db8:0:0:ffff:ffff:ffff:ffff"), "2001:db8::/64");
  EXPECT_EQ(ClientLimitKey("2001:db8:0:1::1"), "2001:db8:0:1::/64") << "the next /64 is another";
}

TEST(ClientLimitKey, Ipv4AndAnythingElseCountAsTheyAre) {
  EXPECT_EQ(ClientLimitKey("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(ClientLimitKey("::ffff:192.0.2.7"), "::ffff:192.0.2.7") << "one IPv4 client, not ::/64";
  EXPECT_EQ(ClientLimitKey(""), "");
  EXPECT_EQ(ClientLimitKey("not:an address"), "not:an address");
}

TEST(ClientLimitKey, AnotherAddressOfTheSameSlash64MeetsTheSameLimit) {
  MemoryLimitStore limits;
  const RateLimit one_an_hour{1, std::chrono::hours(1)};
  const auto now = domain::Timestamp{} + std::chrono::hours(1000);
  EXPECT_EQ(limits.TryTake(ClientLimitKey("2001:db8::a"), one_an_hour, now), 0);
  EXPECT_GT(limits.TryTake(ClientLimitKey("2001:db8::b"), one_an_hour, now), 0);
  EXPECT_EQ(limits.TryTake(ClientLimitKey("2001:db8:1::b"), one_an_hour, now), 0);
}

TEST(MemoryLimitStore, KeysThatAreAllLiveDoNotCostASweepEach) {
  MemoryLimitStore limits;
  const RateLimit one_an_hour{1, std::chrono::hours(1)};
  const auto now = domain::Timestamp{} + std::chrono::hours(1000);
  const std::size_t keys = 3 * MemoryLimitStore::kMaxKeys;
  for (std::size_t i = 0; i < keys; ++i) limits.TryTake("k" + std::to_string(i), one_an_hour, now);
  EXPECT_LE(limits.Sweeps(), 2u) << "a sweep per new key past the threshold is quadratic";
  EXPECT_GE(limits.Sweeps(), 1u);
  // Later keys still meet a sweep (which drops the expired ones), a few more times.
  const auto swept = limits.Sweeps();
  const auto later = now + std::chrono::hours(2);
  for (std::size_t i = 0; i < keys; ++i)
    limits.TryTake("n" + std::to_string(i), one_an_hour, later);
  EXPECT_GT(limits.Sweeps(), swept);
  EXPECT_LE(limits.Sweeps(), swept + 3);
}

class ResetBacklog : public ::testing::Test {
 protected:
  void SetUp() override {
    links_ = std::make_unique<AccountLinks>(app_.Open(app_.store(), hasher_));
  }
  void TearDown() override {
    jobs_.clear();  // never run; AccountLinks waits for them to be gone
    links_.reset();
  }
  // The refusal of a reset request from `address`, or nullopt when it is accepted.
  std::optional<domain::ErrorCode> Refusal(const std::string& address) {
    try {
      links_->CheckResetRequest("someone@example.com", address);
    } catch (const domain::Error& e) {
      return e.code();
    }
    return std::nullopt;
  }

  Argon2Hasher hasher_;
  TempAppContext app_{"roster-backlog"};
  std::unique_ptr<AccountLinks> links_;
  std::vector<std::function<void()>> jobs_;
};

TEST_F(ResetBacklog, RequestsAre429WhileTheQueueOfResetJobsIsFull) {
  for (int i = 0; i + 1 < AccountLinks::kMaxDeferred; ++i) {
    jobs_.push_back(links_->DeferredResetLink("user" + std::to_string(i) + "@example.com"));
  }
  EXPECT_EQ(Refusal("192.0.2.1"), std::nullopt) << "one place is left";
  jobs_.push_back(links_->DeferredResetLink("last@example.com"));
  EXPECT_EQ(Refusal("192.0.2.2"), domain::ErrorCode::kRateLimited);
  jobs_.pop_back();  // a job finished
  EXPECT_EQ(Refusal("192.0.2.3"), std::nullopt);
}

}  // namespace
}  // namespace roster::app
