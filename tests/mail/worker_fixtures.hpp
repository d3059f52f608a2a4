#pragma once
// Shared pieces of the worker tests: a scriptable transport and message builders.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "app/ports.hpp"
#include "mail/mail_transport.hpp"

namespace roster::mail::testing {

// Records every send; answers with `status` (thread-safe, shareable between workers).
class ScriptedTransport : public MailTransport {
 public:
  SendResult Send(const app::OutboxMessage& message) override {
    if (before_send) before_send(message);
    std::lock_guard lock(mutex_);
    ++sends_[message.id];
    ++total_;
    if (fail) return SendResult::Failed("451 4.3.0 try later");
    return SendResult::Sent();
  }
  int SendsOf(const std::string& id) {
    std::lock_guard lock(mutex_);
    return sends_.count(id) ? sends_[id] : 0;
  }
  std::map<std::string, int> Sends() {
    std::lock_guard lock(mutex_);
    return sends_;
  }
  int total() {
    std::lock_guard lock(mutex_);
    return total_;
  }
  bool ReachesRecipients() const override { return reaches_recipients; }

  std::atomic<bool> fail{false};
  std::atomic<bool> reaches_recipients{true};  // false: behaves like the log transport
  std::function<void(const app::OutboxMessage&)> before_send;  // set before the worker starts

 private:
  std::mutex mutex_;
  std::map<std::string, int> sends_;
  int total_ = 0;
};

// Forwards to a shared ScriptedTransport (a worker owns its transport).
class SharedTransport : public MailTransport {
 public:
  explicit SharedTransport(ScriptedTransport& target) : target_(target) {}
  SendResult Send(const app::OutboxMessage& message) override { return target_.Send(message); }
  bool ReachesRecipients() const override { return target_.ReachesRecipients(); }

 private:
  ScriptedTransport& target_;
};

inline app::OutboxMessage QueuedMessage(std::string id, domain::Timestamp due) {
  app::OutboxMessage m;
  m.id = std::move(id);
  m.invitation_id = "inv-" + m.id;
  m.recipient = "bob@example.com";
  m.subject = "ann invited you to join Acme on Roster";
  m.link = "http://127.0.0.1:8080/invite/token-" + m.id;
  m.body_text = "Open " + m.link + "\n";
  m.body_html = "<a href=\"" + m.link + "\">" + m.link + "</a>\n";
  m.created_at = due;
  m.next_attempt_at = due;
  return m;
}

// Polls `condition` for up to `timeout` of real time.
template <typename F>
bool Eventually(F condition, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

}  // namespace roster::mail::testing
