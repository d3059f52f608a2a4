#pragma once
// What to record after a delivery attempt: state, attempt count and when to try again.
#include <string>

#include "domain/model.hpp"
#include "mail/mail_config.hpp"
#include "mail/mail_transport.hpp"

namespace roster::mail {

struct DeliveryRecord {
  domain::DeliveryState state = domain::DeliveryState::kQueued;
  int attempts = 0;
  domain::Timestamp next_attempt_at;
  std::string last_error;
};

// "Never again": the next attempt time of a message that has used up max_attempts.
domain::Timestamp NeverAgain();

// Backoff before the attempt after `attempts` failed ones: retry_base * 2^(attempts-1),
// capped at retry_max (no jitter).
domain::Duration BackoffDelay(const MailConfig& config, int attempts);

// `previous_attempts` is the count stored before this attempt; `jitter` in [0, 1) adds up to
// 10% of the delay so that many failures do not retry in lockstep.
DeliveryRecord PlanDelivery(const MailConfig& config, int previous_attempts,
                            const SendResult& result, domain::Timestamp now, double jitter);

}  // namespace roster::mail
