#include "mail/outbox_worker.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <random>

#include "mail/mail_transport.hpp"
#include "mail/retry_policy.hpp"
#include "metrics/metrics.hpp"

namespace roster::mail {
namespace {

using domain::DeliveryState;

constexpr std::size_t kMaxErrorLength = 500;

double Jitter() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

// Still worth sending: open state, and not cancelled (a cancelled or sent message has its
// bodies cleared; a store may keep the state column and flag the cancellation apart).
bool IsDeliverable(const app::OutboxMessage& message) {
  const bool open =
      message.state == DeliveryState::kQueued || message.state == DeliveryState::kFailed ||
      message.state == DeliveryState::kDisabled;  // development mode: due once, to the log
  return open && !(message.body_text.empty() && message.body_html.empty());
}

}  // namespace

OutboxWorker::OutboxWorker(app::Store& store, const app::Clock& clock, MailConfig config)
    : OutboxWorker(store, clock, config, MakeTransport(config)) {}

OutboxWorker::OutboxWorker(app::Store& store, const app::Clock& clock, MailConfig config,
                           std::unique_ptr<MailTransport> transport)
    : store_(store), clock_(clock), config_(std::move(config)), transport_(std::move(transport)) {}

OutboxWorker::~OutboxWorker() { Stop(); }

void OutboxWorker::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  wake_ = true;  // deliver whatever was left unsent by a previous run right away
  thread_ = std::thread([this] { Loop(); });
}

void OutboxWorker::RequestStop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_cv_.notify_all();
}

void OutboxWorker::Stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    thread.swap(thread_);
  }
  wake_cv_.notify_all();
  if (thread.joinable()) thread.join();
}

void OutboxWorker::MessageQueued() {
  {
    std::lock_guard lock(mutex_);
    wake_ = true;
  }
  wake_cv_.notify_one();
}

void OutboxWorker::Loop() {
  spdlog::info("mail: outbox worker started");
  while (!stopping_) {
    int attempted = 0;
    try {
      attempted = RunOnce();
    } catch (const std::exception& e) {
      spdlog::error("mail: outbox pass failed, retrying next round: {}", e.what());
    } catch (...) {
      spdlog::error("mail: outbox pass failed with an unknown exception, retrying next round");
    }
    std::unique_lock lock(mutex_);
    if (stopping_) break;
    if (attempted > 0) continue;  // there may be more due: claim again before sleeping
    wake_cv_.wait_for(lock, config_.poll_interval, [this] { return stopping_ || wake_; });
    wake_ = false;
  }
  spdlog::info("mail: outbox worker stopped");
}

int OutboxWorker::RunOnce() {
  const domain::Timestamp now = clock_.Now();
  std::vector<app::OutboxMessage> claimed;
  {
    auto tx = store_.Begin(app::TxMode::kWrite);
    claimed = tx->ClaimDueMessages(now, now + kLease, kBatchSize);
    tx->Commit();
  }
  // One message per record transaction when sends reach recipients: a crash repeats at most
  // the send in flight (at least once, not exactly once).
  const std::size_t group = transport_->ReachesRecipients() ? 1 : claimed.size();
  int attempted = 0;
  for (std::size_t i = 0; i < claimed.size(); i += group) {
    if (stopping_) {
      Release(claimed, i);
      break;
    }
    attempted += Deliver(std::span(claimed).subspan(i, std::min(group, claimed.size() - i)));
  }
  return attempted;
}

int OutboxWorker::Deliver(std::span<const app::OutboxMessage> messages) {
  // A resend or revoke may have cancelled a message since we claimed it.
  std::vector<const app::OutboxMessage*> due;
  {
    auto tx = store_.Begin(app::TxMode::kRead);
    for (const auto& message : messages) {
      const auto current = tx->FindOutboxMessage(message.id);
      if (current && IsDeliverable(*current)) due.push_back(&message);
    }
  }
  std::vector<DeliveryRecord> records;
  for (const auto* message : due) {
    SendResult result;
    try {
      result = transport_->Send(*message);
    } catch (const std::exception& e) {
      result = SendResult::Failed(e.what());
    }
    if (result.error.size() > kMaxErrorLength) result.error.resize(kMaxErrorLength);
    records.push_back(PlanDelivery(config_, message->attempts, result, clock_.Now(), Jitter()));
    const auto state = records.back().state;
    if (state != DeliveryState::kSent && state != DeliveryState::kDisabled) {
      metrics::Count(metrics::Event::kMailFailed);
    }
  }
  if (due.empty()) return 0;
  try {
    auto tx = store_.Begin(app::TxMode::kWrite);
    for (std::size_t i = 0; i < due.size(); ++i) {
      tx->RecordDelivery(due[i]->id, records[i].state, records[i].attempts,
                         records[i].next_attempt_at, records[i].last_error);
    }
    tx->Commit();
  } catch (const std::exception& e) {
    // The lease runs out and the messages are attempted again: at least once, not exactly once.
    spdlog::error("mail: {} message(s) from {} attempted but their outcome was not recorded: {}",
                  due.size(), due.front()->id, e.what());
    return static_cast<int>(due.size());
  }
  for (std::size_t i = 0; i < due.size(); ++i) LogOutcome(*due[i], records[i]);
  return static_cast<int>(due.size());
}

void OutboxWorker::LogOutcome(const app::OutboxMessage& message, const DeliveryRecord& record) {
  // Never the link, the bodies or the token: id, recipient domain and outcome only.
  if (record.state == DeliveryState::kSent) {
    spdlog::info("mail: message {} to @{} sent (attempt {})", message.id,
                 RecipientDomain(message.recipient), record.attempts);
  } else if (record.state != DeliveryState::kDisabled) {
    spdlog::warn("mail: message {} to @{} not sent (attempt {}, now {}, next try {}): {}",
                 message.id, RecipientDomain(message.recipient), record.attempts,
                 domain::ToString(record.state), domain::FormatRfc3339(record.next_attempt_at),
                 record.last_error);
  }
}

void OutboxWorker::Release(const std::vector<app::OutboxMessage>& messages, std::size_t from) {
  try {
    auto tx = store_.Begin(app::TxMode::kWrite);
    const domain::Timestamp now = clock_.Now();
    for (std::size_t i = from; i < messages.size(); ++i) {
      const auto& m = messages[i];
      const auto current = tx->FindOutboxMessage(m.id);
      if (!current || !IsDeliverable(*current)) continue;
      tx->RecordDelivery(m.id, current->state, current->attempts, now, current->last_error);
    }
    tx->Commit();
  } catch (const std::exception& e) {
    spdlog::warn("mail: could not release claimed messages on stop (due after the lease): {}",
                 e.what());
  }
}

}  // namespace roster::mail
