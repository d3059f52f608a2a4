#pragma once
// An in-memory Store that implements only the outbox (everything else throws), for worker tests
// that need exact control: failing transactions, counting claims. Transactions are serialized.
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>

#include "app/ports.hpp"

namespace roster::mail::testing {

class FakeStore : public app::Store {
 public:
  std::unique_ptr<app::Transaction> Begin(app::TxMode mode) override;
  void Ping() override {}
  std::string LoadOrCreateSecret(std::string_view, const std::string& candidate) override {
    return candidate;
  }

  void Put(const app::OutboxMessage& message);
  app::OutboxMessage Get(const std::string& id);
  // True once CancelOutboxMessagesOf superseded the message (it keeps its delivery state).
  bool Cancelled(const std::string& id);

  std::atomic<bool> fail_begin{false};  // Begin() throws while set
  std::atomic<int> begin_count{0};

 private:
  friend class FakeTransaction;
  std::mutex mutex_;
  std::map<std::string, app::OutboxMessage> outbox_;
  std::set<std::string> cancelled_;
};

class FakeClock : public app::Clock {
 public:
  explicit FakeClock(domain::Timestamp start) : ms_(domain::ToMillis(start)) {}
  domain::Timestamp Now() const override { return domain::FromMillis(ms_.load()); }
  void Advance(domain::Duration d) { ms_ += d.count(); }
  void Set(domain::Timestamp t) { ms_ = domain::ToMillis(t); }

 private:
  std::atomic<std::int64_t> ms_;
};

}  // namespace roster::mail::testing
