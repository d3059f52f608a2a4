// The mail outbox and the audit trail on SQLite.
#include <cstdint>

#include "store/sqlite/sqlite_transaction.hpp"

namespace roster::store {

using domain::DeliveryState;
using domain::FromMillis;
using domain::ToMillis;

// ---- outbox ----

void SqliteTransaction::InsertOutboxMessage(const app::OutboxMessage& m) {
  db_.Prepare(
         "INSERT INTO outbox (id, invitation_id, recipient, subject, body_text, body_html, link, "
         "state, attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(1, m.id)
      .Bind(2, m.invitation_id)
      .Bind(3, m.recipient)
      .Bind(4, m.subject)
      .Bind(5, m.body_text)
      .Bind(6, m.body_html)
      .Bind(7, m.link)
      .Bind(8, ToString(m.state))
      .Bind(9, m.attempts)
      .Bind(10, ToMillis(m.created_at))
      .Bind(11, ToMillis(m.next_attempt_at))
      .Run();
}

void SqliteTransaction::CancelOutboxMessagesOf(std::string_view invitation_id) {
  db_.Prepare(
         "UPDATE outbox SET cancelled = 1, next_attempt_at = NULL, link = '', body_text = '', "
         "body_html = '' WHERE invitation_id = ? AND cancelled = 0")
      .Bind(1, invitation_id)
      .Run();
}

namespace {
constexpr const char* kOutboxColumns =
    "SELECT id, invitation_id, recipient, subject, body_text, body_html, link, state, attempts, "
    "created_at, COALESCE(next_attempt_at, 0), last_error FROM outbox ";

app::OutboxMessage ReadMessage(const sqlite::Statement& st) {
  app::OutboxMessage m;
  m.id = st.Text(0);
  m.invitation_id = st.Text(1);
  m.recipient = st.Text(2);
  m.subject = st.Text(3);
  m.body_text = st.Text(4);
  m.body_html = st.Text(5);
  m.link = st.Text(6);
  m.state = domain::ParseDeliveryState(st.Text(7)).value_or(DeliveryState::kQueued);
  m.attempts = static_cast<int>(st.Int(8));
  m.created_at = FromMillis(st.Int(9));
  m.next_attempt_at = FromMillis(st.Int(10));
  m.last_error = st.Text(11);
  return m;
}
}  // namespace

std::vector<app::OutboxMessage> SqliteTransaction::ClaimDueMessages(app::Timestamp now,
                                                                    app::Timestamp lease_until,
                                                                    int limit) {
  auto st = db_.Prepare(std::string(kOutboxColumns) +
                        "WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ? AND "
                        "locked_until <= ? AND cancelled = 0 ORDER BY next_attempt_at LIMIT ?");
  st.Bind(1, ToMillis(now)).Bind(2, ToMillis(now)).Bind(3, limit);
  std::vector<app::OutboxMessage> out;
  while (st.Step()) out.push_back(ReadMessage(st));
  for (const auto& m : out) {
    db_.Prepare("UPDATE outbox SET locked_until = ? WHERE id = ?")
        .Bind(1, ToMillis(lease_until))
        .Bind(2, m.id)
        .Run();
  }
  return out;
}

void SqliteTransaction::RecordDelivery(std::string_view message_id, DeliveryState state,
                                       int attempts, app::Timestamp next_attempt_at,
                                       std::string_view last_error) {
  const bool retry = state == DeliveryState::kQueued || state == DeliveryState::kFailed;
  const bool sent = state == DeliveryState::kSent;
  db_.Prepare(
         "UPDATE outbox SET state = ?, attempts = ?, last_error = ?, locked_until = 0, "
         "next_attempt_at = CASE WHEN cancelled = 0 AND ? THEN ? ELSE NULL END, "
         "sent_at = CASE WHEN ? THEN ? ELSE sent_at END, "
         "link = CASE WHEN ? OR cancelled = 1 THEN '' ELSE link END, "
         "body_text = CASE WHEN ? OR cancelled = 1 THEN '' ELSE body_text END, "
         "body_html = CASE WHEN ? OR cancelled = 1 THEN '' ELSE body_html END WHERE id = ?")
      .Bind(1, ToString(state))
      .Bind(2, attempts)
      .Bind(3, last_error)
      .Bind(4, retry ? 1 : 0)
      .Bind(5, ToMillis(next_attempt_at))
      .Bind(6, sent ? 1 : 0)
      .Bind(7, ToMillis(next_attempt_at))
      .Bind(8, sent ? 1 : 0)
      .Bind(9, sent ? 1 : 0)
      .Bind(10, sent ? 1 : 0)
      .Bind(11, message_id)
      .Run();
}

std::optional<app::OutboxMessage> SqliteTransaction::FindOutboxMessage(
    std::string_view message_id) {
  auto st = db_.Prepare(std::string(kOutboxColumns) + "WHERE id = ?");
  st.Bind(1, message_id);
  if (!st.Step()) return std::nullopt;
  return ReadMessage(st);
}

// ---- audit ----

void SqliteTransaction::InsertAuditEvent(const domain::AuditEvent& e) {
  db_.Prepare(
         "INSERT INTO audit_events (id, org_id, at, actor_user_id, actor_username, action, "
         "target_type, target_id, target_label, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(1, e.id)
      .Bind(2, e.org_id)
      .Bind(3, ToMillis(e.at))
      .Bind(4, e.actor_user_id)
      .Bind(5, e.actor_username)
      .Bind(6, e.action)
      .Bind(7, e.target_type)
      .Bind(8, e.target_id)
      .Bind(9, e.target_label)
      .Bind(10, e.details_json)
      .Run();
}

std::vector<app::AuditRow> SqliteTransaction::ListAuditEvents(const app::AuditQuery& q) {
  auto st = db_.Prepare(
      "SELECT seq, id, org_id, at, actor_user_id, actor_username, action, target_type, "
      "target_id, target_label, details FROM audit_events WHERE org_id = ? AND seq < ? "
      "ORDER BY seq DESC LIMIT ?");
  st.Bind(1, q.org_id).Bind(2, q.before_seq.value_or(INT64_MAX)).Bind(3, q.limit);
  std::vector<app::AuditRow> out;
  while (st.Step()) {
    app::AuditRow row;
    row.seq = st.Int(0);
    auto& e = row.event;
    e.id = st.Text(1);
    e.org_id = st.Text(2);
    e.at = FromMillis(st.Int(3));
    e.actor_user_id = st.Text(4);
    e.actor_username = st.Text(5);
    e.action = st.Text(6);
    e.target_type = st.Text(7);
    e.target_id = st.Text(8);
    e.target_label = st.Text(9);
    e.details_json = st.Text(10);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace roster::store
