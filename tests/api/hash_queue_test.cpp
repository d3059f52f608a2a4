// ROSTER_HASH_QUEUE: work reachable without signing in (an argon2id hash per signup, login or
// acceptance) waits in a bounded queue; when it is full the answer is 503 at once, and the
// per-email login limit is decided before anything is queued. The hashing pool is filled
// deterministically: its threads are held by jobs the test releases.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <latch>

#include "configured_server.hpp"
#include "harness.hpp"

namespace roster::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr int kHashThreads = 2;  // cmd::Instance's hashing pool

// Holds every thread of the hashing pool until destroyed.
class PoolHolder {
 public:
  explicit PoolHolder(http::BoundedPool& pool) : started_(kHashThreads) {
    auto released = release_.get_future().share();
    for (int i = 0; i < kHashThreads; ++i) {
      const bool posted = pool.TryPost([this, released] {
        started_.count_down();
        released.wait();
      });
      if (!posted) throw std::logic_error("the hashing pool was not idle");
    }
    started_.wait();
  }
  ~PoolHolder() { release_.set_value(); }

 private:
  std::latch started_;
  std::promise<void> release_;
};

// Waits (up to 30 s) until `count` jobs wait in the pool's queue.
bool QueueReaches(const http::BoundedPool& pool, std::size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (pool.waiting() < count) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

HttpResult Login(unsigned short port, const std::string& email) {
  Client client(port);
  return client.Post("/api/v1/auth/login",
                     json::object{{"email", email}, {"password", "wrong password 1"}});
}

TEST(HashQueue, AFullQueueAnswers503AtOnceAndTheLoginLimitComesFirst) {
  ConfiguredServer server([](cmd::Config& c) {
    c.hash_queue = 1;
    c.login_max_failures = 1;
  });
  const auto port = server.port();
  auto& pool = server.instance().hash_pool();
  ASSERT_EQ(Login(port, "locked@example.com").status, 401);  // now over its limit

  std::future<HttpResult> queued;
  {
    PoolHolder hold(pool);
    queued = std::async(std::launch::async, [&] { return Login(port, "queued@example.com"); });
    ASSERT_TRUE(QueueReaches(pool, 1)) << "the queued login never reached the pool";

    const auto started = std::chrono::steady_clock::now();
    const auto busy = Login(port, "flood@example.com");
    EXPECT_EQ(busy.status, 503) << busy.body;
    EXPECT_EQ(busy.code(), "service_unavailable");
    EXPECT_EQ(busy.headers.count("retry-after"), 1u);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s) << "answered at once";

    Client newcomer(port);
    const auto signup =
        newcomer.Post("/api/v1/auth/signup", json::object{{"email", "new@example.com"},
                                                          {"username", "new"},
                                                          {"password", "long password 1"}});
    EXPECT_EQ(signup.status, 503) << signup.body;

    // Decided before queueing: a limited email learns it is limited, not that we are busy.
    const auto limited = Login(port, "locked@example.com");
    EXPECT_EQ(limited.status, 429) << limited.body;
    EXPECT_EQ(limited.code(), "rate_limited");

    Client probe(port);
    EXPECT_EQ(probe.Get("/healthz").status, 200);
    EXPECT_EQ(pool.waiting(), 1u) << "refused requests left nothing queued";
  }
  EXPECT_EQ(queued.get().status, 401) << "the queued login ran once the pool was free";
  EXPECT_EQ(Login(port, "flood@example.com").status, 401) << "service resumed";
}

TEST(HashQueue, ABadSizeIsOneLineNamingTheVariable) {
  for (int bad : {-1, 100001}) {
    cmd::Config config;
    config.hash_queue = bad;
    const auto error = cmd::Validate(config);
    ASSERT_TRUE(error.has_value()) << bad;
    EXPECT_TRUE(error->starts_with("ROSTER_HASH_QUEUE: ")) << *error;
  }
}

}  // namespace
}  // namespace roster::testing
