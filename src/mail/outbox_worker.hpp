#pragma once
// Delivers the outbox: claims due messages through the Store, sends them (SMTP via libcurl, or
// the log when no SMTP is configured) and records QUEUED/SENT/FAILED/DISABLED with retries.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <span>
#include <vector>

#include "app/ports.hpp"
#include "mail/mail_config.hpp"

namespace roster::mail {

class MailTransport;
struct DeliveryRecord;

class OutboxWorker : public app::MailSignal {
 public:
  // Picks the transport from the config: SMTP when smtp_url is set, else the log.
  // Throws std::invalid_argument for an unusable smtp_url.
  OutboxWorker(app::Store& store, const app::Clock& clock, MailConfig config);
  // Delivers through `transport` (tests, or a caller that builds its own).
  OutboxWorker(app::Store& store, const app::Clock& clock, MailConfig config,
               std::unique_ptr<MailTransport> transport);
  ~OutboxWorker() override;
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  void Start();
  // Asks the worker to stop after the message in flight; returns at once.
  void RequestStop();
  void Stop();  // RequestStop(), then waits until the message in flight is finished
  void MessageQueued() override;
  // Delivers what is due now, once; returns how many messages were attempted (for tests).
  int RunOnce();

  static constexpr std::chrono::seconds kLease{60};
  static constexpr int kBatchSize = 16;

 private:
  void Loop();
  // Sends the claimed messages still deliverable and records their outcomes in one write
  // transaction; returns how many were attempted.
  int Deliver(std::span<const app::OutboxMessage> messages);
  void LogOutcome(const app::OutboxMessage& message, const DeliveryRecord& record);
  // Makes claimed but unsent messages due again (on Stop), instead of waiting for the lease.
  void Release(const std::vector<app::OutboxMessage>& messages, std::size_t from);

  app::Store& store_;
  const app::Clock& clock_;
  MailConfig config_;
  std::unique_ptr<MailTransport> transport_;

  std::mutex mutex_;
  std::condition_variable wake_cv_;
  bool wake_ = false;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace roster::mail
