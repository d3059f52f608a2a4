#pragma once
// Settings of the mail delivery: where to send (SMTP URL, sender) and how to retry.
#include <chrono>
#include <string>

namespace roster::mail {

struct MailConfig {
  std::string smtp_url;  // empty: development mode, messages go to the log (DISABLED)
  std::string from = "roster@localhost";
  std::chrono::milliseconds retry_base{2000};   // first retry delay, doubled each attempt
  std::chrono::milliseconds retry_max{300000};  // backoff ceiling
  int failed_after_attempts = 3;                // state shows FAILED from this attempt on
  int max_attempts = 50;                        // after this, no more retries
  std::chrono::seconds smtp_timeout{15};
  std::chrono::milliseconds poll_interval{1000};  // also wakes on MessageQueued()
};

}  // namespace roster::mail
