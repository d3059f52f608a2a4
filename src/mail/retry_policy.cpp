#include "mail/retry_policy.hpp"

#include <algorithm>

namespace roster::mail {

domain::Timestamp NeverAgain() {
  // 9999-12-31T23:59:59Z: far future, still a plain 64-bit millisecond value in every store.
  return domain::FromMillis(253402300799000);
}

domain::Duration BackoffDelay(const MailConfig& config, int attempts) {
  const domain::Duration max = std::max(config.retry_max, domain::Duration(1));
  domain::Duration delay = std::max(config.retry_base, domain::Duration(1));
  for (int i = 1; i < attempts && delay < max; ++i) delay *= 2;
  return std::min(delay, max);
}

DeliveryRecord PlanDelivery(const MailConfig& config, int previous_attempts,
                            const SendResult& result, domain::Timestamp now, double jitter) {
  DeliveryRecord record;
  record.attempts = previous_attempts + 1;
  record.next_attempt_at = now;
  switch (result.status) {
    case SendStatus::kSent:
      record.state = domain::DeliveryState::kSent;
      return record;
    case SendStatus::kDisabled:
      record.state = domain::DeliveryState::kDisabled;
      return record;
    case SendStatus::kFailed:
      break;
  }
  const bool failed = result.needs_operator || record.attempts >= config.failed_after_attempts;
  record.state = failed ? domain::DeliveryState::kFailed : domain::DeliveryState::kQueued;
  record.last_error = result.error.empty() ? "delivery failed" : result.error;
  if (record.attempts >= config.max_attempts) {
    record.next_attempt_at = NeverAgain();
    return record;
  }
  const domain::Duration delay = BackoffDelay(config, record.attempts);
  const auto extra = domain::Duration(static_cast<domain::Duration::rep>(
      static_cast<double>(delay.count()) * 0.1 * std::clamp(jitter, 0.0, 1.0)));
  record.next_attempt_at = now + delay + extra;
  return record;
}

}  // namespace roster::mail
