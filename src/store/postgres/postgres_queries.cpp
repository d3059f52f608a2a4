// Invitations, the mail outbox and the audit trail on PostgreSQL.
#include <cstdint>
#include <limits>

#include "domain/error.hpp"
#include "store/postgres/postgres_transaction.hpp"

namespace roster::store {

using domain::DeliveryState;
using domain::Error;
using domain::ErrorCode;
using domain::FromMillis;
using domain::InvitationStatus;
using domain::ToMillis;

namespace {

constexpr const char* kInvitationColumns =
    "SELECT i.id, i.org_id, i.email, i.username, i.role, i.status, i.created_at, i.expires_at, "
    "i.invited_by, u.username, i.accepted_at, i.revoked_at, i.token_hash, o.state, o.link, "
    "i.email_key, i.username_key, i.latest_message_id "
    "FROM invitations i JOIN users u ON u.id = i.invited_by "
    "LEFT JOIN outbox o ON o.id = i.latest_message_id ";

app::InvitationRecord ReadInvitation(const pg::Result& r, int row) {
  app::InvitationRecord rec;
  auto& inv = rec.invitation;
  inv.id = r.Text(row, 0);
  inv.org_id = r.Text(row, 1);
  inv.email = r.Text(row, 2);
  inv.username = r.Text(row, 3);
  inv.role = domain::ParseRole(r.Text(row, 4)).value_or(domain::Role::kUser);
  inv.stored_status =
      domain::ParseInvitationStatus(r.Text(row, 5)).value_or(InvitationStatus::kPending);
  inv.created_at = FromMillis(r.Int(row, 6));
  inv.expires_at = FromMillis(r.Int(row, 7));
  inv.invited_by_user_id = r.Text(row, 8);
  inv.invited_by_username = r.Text(row, 9);
  if (auto at = r.OptInt(row, 10)) inv.accepted_at = FromMillis(*at);
  if (auto at = r.OptInt(row, 11)) inv.revoked_at = FromMillis(*at);
  inv.token_hash = r.Text(row, 12);
  inv.email_delivery =
      domain::ParseDeliveryState(r.Text(row, 13)).value_or(DeliveryState::kQueued);
  if (auto link = r.OptText(row, 14); link && !link->empty()) inv.pending_link = std::move(link);
  rec.email_key = r.Text(row, 15);
  rec.username_key = r.Text(row, 16);
  rec.latest_message_id = r.OptText(row, 17);
  return rec;
}

[[noreturn]] void ThrowInvitationConflict(const pg::PgError& e) {
  if (e.constraint() == "invitations_pending_email") {
    throw Error(ErrorCode::kEmailInvited, "This email already has a pending invitation.");
  }
  if (e.constraint() == "invitations_pending_username") {
    throw Error(ErrorCode::kUsernameTaken, "This username is already used in the organization.");
  }
  throw e;
}

pg::Param OptMillis(const std::optional<app::Timestamp>& t) {
  if (!t) return std::nullopt;
  return std::to_string(ToMillis(*t));
}

// The SQL condition for one derived status; `now` is the placeholder of the current time.
std::string StatusCondition(InvitationStatus status, const std::string& now) {
  switch (status) {
    case InvitationStatus::kPending: return "(i.status = 'PENDING' AND i.expires_at > " + now + ")";
    case InvitationStatus::kExpired:
      return "(i.status = 'EXPIRED' OR (i.status = 'PENDING' AND i.expires_at <= " + now + "))";
    case InvitationStatus::kAccepted: return "i.status = 'ACCEPTED'";
    case InvitationStatus::kRevoked: return "i.status = 'REVOKED'";
  }
  return "FALSE";
}

}  // namespace

// ---- invitations ----

void PostgresTransaction::InsertInvitation(const app::InvitationRecord& r) {
  const auto& inv = r.invitation;
  try {
    RunUnique(
        "INSERT INTO invitations (id, org_id, email, email_key, username, username_key, role, "
        "status, token_hash, created_at, expires_at, invited_by, accepted_at, revoked_at, "
        "latest_message_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
        "$14, $15)",
        {inv.id, inv.org_id, inv.email, r.email_key, inv.username, r.username_key,
         std::string(ToString(inv.role)), std::string(ToString(inv.stored_status)),
         inv.token_hash, pg::ToParam(ToMillis(inv.created_at)),
         pg::ToParam(ToMillis(inv.expires_at)), inv.invited_by_user_id, OptMillis(inv.accepted_at),
         OptMillis(inv.revoked_at), r.latest_message_id});
  } catch (const pg::PgError& e) {
    if (!e.IsUniqueViolation()) throw;
    ThrowInvitationConflict(e);
  }
}

void PostgresTransaction::UpdateInvitation(const app::InvitationRecord& r) {
  const auto& inv = r.invitation;
  try {
    RunUnique(
        "UPDATE invitations SET status = $1, token_hash = $2, expires_at = $3, "
        "accepted_at = $4, revoked_at = $5, latest_message_id = $6 WHERE id = $7 AND org_id = $8",
        {std::string(ToString(inv.stored_status)), inv.token_hash,
         pg::ToParam(ToMillis(inv.expires_at)), OptMillis(inv.accepted_at),
         OptMillis(inv.revoked_at), r.latest_message_id, inv.id, inv.org_id});
  } catch (const pg::PgError& e) {
    if (!e.IsUniqueViolation()) throw;
    ThrowInvitationConflict(e);
  }
}

std::optional<app::InvitationRecord> PostgresTransaction::FindInvitationWhere(
    const std::string& where, const std::vector<pg::Param>& params) {
  const auto r = ReadQuery(std::string(kInvitationColumns) + where, params);
  if (r.Empty()) return std::nullopt;
  return ReadInvitation(r, 0);
}

std::optional<app::InvitationRecord> PostgresTransaction::FindInvitation(
    std::string_view org_id, std::string_view invitation_id) {
  return FindInvitationWhere("WHERE i.id = $1 AND i.org_id = $2",
                             {pg::ToParam(invitation_id), pg::ToParam(org_id)});
}

std::optional<app::InvitationRecord> PostgresTransaction::FindInvitationByTokenHash(
    std::string_view token_hash) {
  return FindInvitationWhere("WHERE i.token_hash = $1", {pg::ToParam(token_hash)});
}

void PostgresTransaction::ReleaseExpiredHolders(std::string_view org_id,
                                                std::string_view email_key,
                                                std::string_view username_key,
                                                app::Timestamp now) {
  Write(
      "UPDATE invitations SET status = 'EXPIRED' WHERE org_id = $1 AND status = 'PENDING' "
      "AND expires_at <= $2 AND (email_key = $3 OR username_key = $4)",
      org_id, ToMillis(now), email_key, username_key);
}

bool PostgresTransaction::IsEmailHeldByPendingInvitation(std::string_view org_id,
                                                         std::string_view email_key) {
  return !Read("SELECT 1 FROM invitations WHERE org_id = $1 AND email_key = $2 AND "
               "status = 'PENDING'",
               org_id, email_key)
              .Empty();
}

std::optional<app::Timestamp> PostgresTransaction::InvitationRateLimitReached(
    std::string_view org_id, app::Timestamp since, int limit) {
  // The minute counters include all of the minute `since` falls in: an upper bound.
  const auto bound = Read(
      "SELECT COALESCE(SUM(created), 0) FROM invitation_minutes WHERE org_id = $1 AND minute >= $2",
      org_id, domain::ToMillis(since) / 60000);
  if (bound.Int(0, 0) < limit) return std::nullopt;
  const auto r = Read(
      "SELECT COUNT(*), MIN(created_at) FROM (SELECT created_at FROM invitations "
      "WHERE org_id = $1 AND created_at > $2 ORDER BY created_at DESC LIMIT $3) recent",
      org_id, domain::ToMillis(since), limit);
  if (r.Int(0, 0) < limit) return std::nullopt;
  return domain::FromMillis(r.Int(0, 1));
}

bool PostgresTransaction::PendingInvitationCapReached(std::string_view org_id,
                                                      app::Timestamp now, int cap) {
  // The counter includes expired invitations not yet released: an upper bound.
  const auto bound = Read("SELECT pending FROM invitation_counters WHERE org_id = $1", org_id);
  if (bound.Empty() || bound.Int(0, 0) < cap) return false;
  const auto r = Read(
      "SELECT COUNT(*) FROM (SELECT 1 FROM invitations WHERE org_id = $1 AND status = 'PENDING' "
      "AND expires_at > $2 LIMIT $3) pending",
      org_id, domain::ToMillis(now), cap);
  return r.Int(0, 0) >= cap;
}

bool PostgresTransaction::IsUsernameHeldByPendingInvitation(std::string_view org_id,
                                                            std::string_view username_key) {
  return !Read("SELECT 1 FROM invitations WHERE org_id = $1 AND username_key = $2 AND "
               "status = 'PENDING'",
               org_id, username_key)
              .Empty();
}

std::vector<domain::Invitation> PostgresTransaction::ListInvitations(
    const app::InvitationQuery& q) {
  PgStatement st;
  st.sql = std::string(kInvitationColumns) + "WHERE i.org_id = " + st.Arg(q.org_id);
  if (!q.statuses.empty()) {
    std::string now;  // bound only when a condition needs it: unused parameters are errors
    st.sql += " AND (";
    for (std::size_t k = 0; k < q.statuses.size(); ++k) {
      const auto s = q.statuses[k];
      if (now.empty() && (s == InvitationStatus::kPending || s == InvitationStatus::kExpired)) {
        now = st.Arg(std::to_string(ToMillis(q.now)));
      }
      st.sql += (k ? " OR " : "") + StatusCondition(s, now);
    }
    st.sql += ")";
  }
  if (q.after) {
    const std::string at = st.Arg(std::to_string(q.after->created_at_ms));
    st.sql += " AND (i.created_at, i.id) < (" + at + ", " + st.Arg(q.after->id) + ")";
  }
  st.sql += " ORDER BY i.created_at DESC, i.id DESC LIMIT " + st.Arg(std::to_string(q.limit));
  const auto r = ReadQuery(st.sql, st.params);
  std::vector<domain::Invitation> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int row = 0; row < r.Rows(); ++row) out.push_back(ReadInvitation(r, row).invitation);
  return out;
}

// ---- audit ----

void PostgresTransaction::InsertAuditEvent(const domain::AuditEvent& e) {
  Write(
      "INSERT INTO audit_events (id, org_id, at, actor_user_id, actor_username, action, "
      "target_type, target_id, target_label, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
      "$9, $10)",
      e.id, e.org_id, ToMillis(e.at), e.actor_user_id, e.actor_username, e.action, e.target_type,
      e.target_id, e.target_label, e.details_json);
}

std::vector<app::AuditRow> PostgresTransaction::ListAuditEvents(const app::AuditQuery& q) {
  const auto r = Read(
      "SELECT seq, id, org_id, at, actor_user_id, actor_username, action, target_type, "
      "target_id, target_label, details FROM audit_events WHERE org_id = $1 AND seq < $2 "
      "ORDER BY seq DESC LIMIT $3",
      q.org_id, q.before_seq.value_or(std::numeric_limits<std::int64_t>::max()), q.limit);
  std::vector<app::AuditRow> out;
  for (int row = 0; row < r.Rows(); ++row) {
    app::AuditRow a;
    a.seq = r.Int(row, 0);
    auto& e = a.event;
    e.id = r.Text(row, 1);
    e.org_id = r.Text(row, 2);
    e.at = FromMillis(r.Int(row, 3));
    e.actor_user_id = r.Text(row, 4);
    e.actor_username = r.Text(row, 5);
    e.action = r.Text(row, 6);
    e.target_type = r.Text(row, 7);
    e.target_id = r.Text(row, 8);
    e.target_label = r.Text(row, 9);
    e.details_json = r.Text(row, 10);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace roster::store
