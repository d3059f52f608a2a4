// The mail outbox on PostgreSQL: several instances may claim at once (FOR UPDATE SKIP LOCKED).
#include "store/postgres/postgres_transaction.hpp"

namespace roster::store {

using domain::DeliveryState;
using domain::FromMillis;
using domain::ToMillis;

namespace {

constexpr const char* kOutboxFields =
    "id, invitation_id, recipient, subject, body_text, body_html, link, state, attempts, "
    "created_at, COALESCE(next_attempt_at, 0) AS next_at, last_error";

app::OutboxMessage ReadMessage(const pg::Result& r, int row) {
  app::OutboxMessage m;
  m.id = r.Text(row, 0);
  m.invitation_id = r.Text(row, 1);
  m.recipient = r.Text(row, 2);
  m.subject = r.Text(row, 3);
  m.body_text = r.Text(row, 4);
  m.body_html = r.Text(row, 5);
  m.link = r.Text(row, 6);
  m.state = domain::ParseDeliveryState(r.Text(row, 7)).value_or(DeliveryState::kQueued);
  m.attempts = static_cast<int>(r.Int(row, 8));
  m.created_at = FromMillis(r.Int(row, 9));
  m.next_attempt_at = FromMillis(r.Int(row, 10));
  m.last_error = r.Text(row, 11);
  return m;
}

}  // namespace

void PostgresTransaction::InsertOutboxMessage(const app::OutboxMessage& m) {
  Write(
      "INSERT INTO outbox (id, invitation_id, recipient, subject, body_text, body_html, link, "
      "state, attempts, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
      "$9, $10, $11)",
      m.id, m.invitation_id, m.recipient, m.subject, m.body_text, m.body_html, m.link,
      std::string(ToString(m.state)), m.attempts, ToMillis(m.created_at),
      ToMillis(m.next_attempt_at));
}

void PostgresTransaction::CancelOutboxMessagesOf(std::string_view invitation_id) {
  Write(
      "UPDATE outbox SET cancelled = TRUE, next_attempt_at = NULL, link = '', body_text = '', "
      "body_html = '' WHERE invitation_id = $1 AND NOT cancelled",
      invitation_id);
}

std::vector<app::OutboxMessage> PostgresTransaction::ClaimDueMessages(app::Timestamp now,
                                                                      app::Timestamp lease_until,
                                                                      int limit) {
  // Rows another transaction is claiming are skipped, not waited for; the lease keeps them
  // from being claimed again after that transaction commits.
  const auto r = Write(
      std::string("WITH due AS (SELECT id FROM outbox WHERE next_attempt_at IS NOT NULL AND "
                  "next_attempt_at <= $1 AND locked_until <= $1 AND NOT cancelled "
                  "ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED), "
                  "claimed AS (UPDATE outbox SET locked_until = $2 FROM due "
                  "WHERE outbox.id = due.id RETURNING outbox.*) "
                  "SELECT ") +
          kOutboxFields + " FROM claimed ORDER BY next_at, id",
      ToMillis(now), ToMillis(lease_until), limit);
  std::vector<app::OutboxMessage> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int row = 0; row < r.Rows(); ++row) out.push_back(ReadMessage(r, row));
  return out;
}

void PostgresTransaction::RecordDelivery(std::string_view message_id, DeliveryState state,
                                         int attempts, app::Timestamp next_attempt_at,
                                         std::string_view last_error) {
  const bool retry = state == DeliveryState::kQueued || state == DeliveryState::kFailed;
  const bool sent = state == DeliveryState::kSent;
  Write(
      "UPDATE outbox SET state = $1, attempts = $2, last_error = $3, locked_until = 0, "
      "next_attempt_at = CASE WHEN NOT cancelled AND $4::boolean THEN $5::bigint ELSE NULL END, "
      "sent_at = CASE WHEN $6::boolean THEN $5::bigint ELSE sent_at END, "
      "link = CASE WHEN $6::boolean OR cancelled THEN '' ELSE link END, "
      "body_text = CASE WHEN $6::boolean OR cancelled THEN '' ELSE body_text END, "
      "body_html = CASE WHEN $6::boolean OR cancelled THEN '' ELSE body_html END WHERE id = $7",
      std::string(ToString(state)), attempts, last_error, retry, ToMillis(next_attempt_at), sent,
      message_id);
}

std::optional<app::OutboxMessage> PostgresTransaction::FindOutboxMessage(
    std::string_view message_id) {
  const auto r =
      Read(std::string("SELECT ") + kOutboxFields + " FROM outbox WHERE id = $1", message_id);
  if (r.Empty()) return std::nullopt;
  return ReadMessage(r, 0);
}

}  // namespace roster::store
