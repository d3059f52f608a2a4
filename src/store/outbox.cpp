// The mail outbox. Several instances may claim at once: on PostgreSQL they skip the rows another
// holds ({SKIP_LOCKED}); on SQLite the one writer claims alone.
#include <algorithm>

#include "store/sql_transaction.hpp"

namespace roster::store {

using domain::DeliveryState;

namespace {

#define ROSTER_OUTBOX_COLUMNS                                                            \
  "id, invitation_id, recipient, subject, body_text, body_html, link, state, attempts, " \
  "created_at, COALESCE(next_attempt_at, 0), last_error"

constexpr Sql kInsertMessage{
    "INSERT INTO outbox (id, invitation_id, recipient, subject, body_text, body_html, link, "
    "state, attempts, created_at, next_attempt_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    Access::kWrite};
constexpr Sql kCancelMessagesOf{
    "UPDATE outbox SET cancelled = TRUE, next_attempt_at = NULL, link = '', body_text = '', "
    "body_html = '' WHERE invitation_id = $1 AND NOT cancelled",
    Access::kWrite};
// The lease keeps claimed rows from being claimed again until it ends.
constexpr Sql kClaimDue{
    "WITH due AS (SELECT id FROM outbox WHERE next_attempt_at IS NOT NULL AND "
    "next_attempt_at <= $1 AND locked_until <= $1 AND NOT cancelled ORDER BY next_attempt_at "
    "LIMIT $3 {SKIP_LOCKED}) UPDATE outbox SET locked_until = $2 WHERE id IN (SELECT id FROM due) "
    "RETURNING " ROSTER_OUTBOX_COLUMNS,
    Access::kWrite};
// $4: the next attempt (NULL: none); $5: when it was sent (NULL: not sent). Once sent or
// cancelled, the token-bearing link and bodies are cleared.
constexpr Sql kRecordDelivery{
    "UPDATE outbox SET state = $1, attempts = $2, last_error = $3, locked_until = 0, "
    "next_attempt_at = CASE WHEN cancelled THEN NULL ELSE CAST($4 AS BIGINT) END, "
    "sent_at = COALESCE(CAST($5 AS BIGINT), sent_at), "
    "link = CASE WHEN CAST($5 AS BIGINT) IS NOT NULL OR cancelled THEN '' ELSE link END, "
    "body_text = CASE WHEN CAST($5 AS BIGINT) IS NOT NULL OR cancelled THEN '' ELSE body_text END, "
    "body_html = CASE WHEN CAST($5 AS BIGINT) IS NOT NULL OR cancelled THEN '' ELSE body_html END "
    "WHERE id = $6",
    Access::kWrite};
constexpr Sql kCountUndelivered{
    "SELECT COUNT(*) FROM outbox WHERE next_attempt_at IS NOT NULL AND NOT cancelled"};
constexpr Sql kMessage{"SELECT " ROSTER_OUTBOX_COLUMNS " FROM outbox WHERE id = $1"};

#undef ROSTER_OUTBOX_COLUMNS

app::OutboxMessage ReadMessage(const Row& r) {
  app::OutboxMessage m;
  m.id = r.Text(0);
  m.invitation_id = r.OptText(1).value_or("");
  m.recipient = r.Text(2);
  m.subject = r.Text(3);
  m.body_text = r.Text(4);
  m.body_html = r.Text(5);
  m.link = r.Text(6);
  m.state = domain::ParseDeliveryState(r.Text(7)).value_or(DeliveryState::kQueued);
  m.attempts = static_cast<int>(r.Int(8));
  m.created_at = r.Time(9);
  m.next_attempt_at = r.Time(10);
  m.last_error = r.Text(11);
  return m;
}

}  // namespace

void SqlTransaction::InsertOutboxMessage(const app::OutboxMessage& m) {
  // Account mail (verification, password reset) belongs to no invitation: NULL.
  const auto invitation_id = m.invitation_id.empty()
                                 ? std::nullopt
                                 : std::optional<std::string_view>(m.invitation_id);
  Execute(kInsertMessage, m.id, invitation_id, m.recipient, m.subject, m.body_text, m.body_html,
          m.link, m.state, m.attempts, m.created_at, m.next_attempt_at);
}

void SqlTransaction::CancelOutboxMessagesOf(std::string_view invitation_id) {
  Execute(kCancelMessagesOf, invitation_id);
}

std::vector<app::OutboxMessage> SqlTransaction::ClaimDueMessages(app::Timestamp now,
                                                                 app::Timestamp lease_until,
                                                                 int limit) {
  std::vector<app::OutboxMessage> out;
  Each(
      kClaimDue, [&](const Row& r) { out.push_back(ReadMessage(r)); }, now, lease_until, limit);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.next_attempt_at, a.id) < std::tie(b.next_attempt_at, b.id);
  });
  return out;
}

void SqlTransaction::RecordDelivery(std::string_view message_id, DeliveryState state, int attempts,
                                    app::Timestamp next_attempt_at, std::string_view last_error) {
  const bool retry = state == DeliveryState::kQueued || state == DeliveryState::kFailed;
  const bool sent = state == DeliveryState::kSent;
  const auto at = std::optional(next_attempt_at);
  Execute(kRecordDelivery, state, attempts, last_error, retry ? at : std::nullopt,
          sent ? at : std::nullopt, message_id);
}

std::optional<app::OutboxMessage> SqlTransaction::FindOutboxMessage(std::string_view message_id) {
  return First(kMessage, ReadMessage, message_id);
}

std::int64_t SqlTransaction::CountUndeliveredMessages() {
  return Number(kCountUndelivered);
}

}  // namespace roster::store
