// Invitations on SQLite.
#include "domain/error.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

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

app::InvitationRecord ReadInvitation(const sqlite::Statement& st) {
  app::InvitationRecord r;
  auto& inv = r.invitation;
  inv.id = st.Text(0);
  inv.org_id = st.Text(1);
  inv.email = st.Text(2);
  inv.username = st.Text(3);
  inv.role = domain::ParseRole(st.Text(4)).value_or(domain::Role::kUser);
  inv.stored_status = domain::ParseInvitationStatus(st.Text(5)).value_or(InvitationStatus::kPending);
  inv.created_at = FromMillis(st.Int(6));
  inv.expires_at = FromMillis(st.Int(7));
  inv.invited_by_user_id = st.Text(8);
  inv.invited_by_username = st.Text(9);
  if (auto at = st.OptInt(10)) inv.accepted_at = FromMillis(*at);
  if (auto at = st.OptInt(11)) inv.revoked_at = FromMillis(*at);
  inv.token_hash = st.Text(12);
  inv.email_delivery = domain::ParseDeliveryState(st.Text(13)).value_or(DeliveryState::kQueued);
  if (auto link = st.OptText(14); link && !link->empty()) inv.pending_link = std::move(link);
  r.email_key = st.Text(15);
  r.username_key = st.Text(16);
  r.latest_message_id = st.OptText(17);
  return r;
}

[[noreturn]] void ThrowInvitationConflict(const sqlite::SqliteError& e) {
  if (std::string_view(e.what()).find("email_key") != std::string_view::npos) {
    throw Error(ErrorCode::kEmailInvited, "This email already has a pending invitation.");
  }
  if (std::string_view(e.what()).find("username_key") != std::string_view::npos) {
    throw Error(ErrorCode::kUsernameTaken, "This username is already used in the organization.");
  }
  throw e;
}

std::optional<std::int64_t> OptMillis(const std::optional<app::Timestamp>& t) {
  if (!t) return std::nullopt;
  return ToMillis(*t);
}

// The SQL condition for one derived status, with `now` bound at the single '?'.
const char* StatusCondition(InvitationStatus status) {
  switch (status) {
    case InvitationStatus::kPending: return "(i.status = 'PENDING' AND i.expires_at > ?)";
    case InvitationStatus::kExpired:
      return "(i.status = 'EXPIRED' OR (i.status = 'PENDING' AND i.expires_at <= ?))";
    case InvitationStatus::kAccepted: return "(i.status = 'ACCEPTED' AND ? IS NOT NULL)";
    case InvitationStatus::kRevoked: return "(i.status = 'REVOKED' AND ? IS NOT NULL)";
  }
  return "0";
}

}  // namespace

// ---- invitations ----

void SqliteTransaction::InsertInvitation(const app::InvitationRecord& r) {
  const auto& inv = r.invitation;
  try {
    db_.Prepare(
           "INSERT INTO invitations (id, org_id, email, email_key, username, username_key, role, "
           "status, token_hash, created_at, expires_at, invited_by, accepted_at, revoked_at, "
           "latest_message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .Bind(1, inv.id)
        .Bind(2, inv.org_id)
        .Bind(3, inv.email)
        .Bind(4, r.email_key)
        .Bind(5, inv.username)
        .Bind(6, r.username_key)
        .Bind(7, ToString(inv.role))
        .Bind(8, ToString(inv.stored_status))
        .Bind(9, inv.token_hash)
        .Bind(10, ToMillis(inv.created_at))
        .Bind(11, ToMillis(inv.expires_at))
        .Bind(12, inv.invited_by_user_id)
        .Bind(13, OptMillis(inv.accepted_at))
        .Bind(14, OptMillis(inv.revoked_at))
        .Bind(15, r.latest_message_id)
        .Run();
  } catch (const sqlite::SqliteError& e) {
    if (!e.IsConstraint()) throw;
    ThrowInvitationConflict(e);
  }
}

void SqliteTransaction::UpdateInvitation(const app::InvitationRecord& r) {
  const auto& inv = r.invitation;
  try {
    db_.Prepare(
           "UPDATE invitations SET status = ?, token_hash = ?, expires_at = ?, accepted_at = ?, "
           "revoked_at = ?, latest_message_id = ? WHERE id = ? AND org_id = ?")
        .Bind(1, ToString(inv.stored_status))
        .Bind(2, inv.token_hash)
        .Bind(3, ToMillis(inv.expires_at))
        .Bind(4, OptMillis(inv.accepted_at))
        .Bind(5, OptMillis(inv.revoked_at))
        .Bind(6, r.latest_message_id)
        .Bind(7, inv.id)
        .Bind(8, inv.org_id)
        .Run();
  } catch (const sqlite::SqliteError& e) {
    if (!e.IsConstraint()) throw;
    ThrowInvitationConflict(e);
  }
}

std::optional<app::InvitationRecord> SqliteTransaction::FindInvitationWhere(const char* where,
                                                                            std::string_view a,
                                                                            std::string_view b) {
  auto st = db_.Prepare(std::string(kInvitationColumns) + where);
  st.Bind(1, a);
  if (!b.empty()) st.Bind(2, b);
  if (!st.Step()) return std::nullopt;
  return ReadInvitation(st);
}

std::optional<app::InvitationRecord> SqliteTransaction::FindInvitation(
    std::string_view org_id, std::string_view invitation_id) {
  return FindInvitationWhere("WHERE i.id = ? AND i.org_id = ?", invitation_id, org_id);
}

std::optional<app::InvitationRecord> SqliteTransaction::FindInvitationByTokenHash(
    std::string_view token_hash) {
  return FindInvitationWhere("WHERE i.token_hash = ?", token_hash, {});
}

void SqliteTransaction::ReleaseExpiredHolders(std::string_view org_id, std::string_view email_key,
                                              std::string_view username_key, app::Timestamp now) {
  // At most two pending invitations hold the email or the username: find them through the
  // pending unique indexes, and update only those that expired (usually none, so that no
  // UPDATE, with the temporary tables it opens, runs at all).
  std::vector<std::int64_t> expired;
  {
    auto st = db_.Prepare(
        "SELECT rowid FROM invitations WHERE org_id = ? AND email_key = ? AND "
        "status = 'PENDING' AND expires_at <= ? UNION ALL SELECT rowid FROM invitations WHERE "
        "org_id = ? AND username_key = ? AND status = 'PENDING' AND expires_at <= ?");
    st.Bind(1, org_id).Bind(2, email_key).Bind(3, ToMillis(now));
    st.Bind(4, org_id).Bind(5, username_key).Bind(6, ToMillis(now));
    while (st.Step()) expired.push_back(st.Int(0));
  }
  if (expired.size() == 2 && expired[0] == expired[1]) expired.pop_back();  // holds both
  for (const auto rowid : expired) {
    db_.Prepare("UPDATE invitations SET status = 'EXPIRED' WHERE rowid = ?").Bind(1, rowid).Run();
  }
}

bool SqliteTransaction::IsEmailHeldByPendingInvitation(std::string_view org_id,
                                                       std::string_view email_key) {
  auto st = db_.Prepare(
      "SELECT 1 FROM invitations WHERE org_id = ? AND email_key = ? AND status = 'PENDING'");
  st.Bind(1, org_id).Bind(2, email_key);
  return st.Step();
}

bool SqliteTransaction::IsUsernameHeldByPendingInvitation(std::string_view org_id,
                                                          std::string_view username_key) {
  auto st = db_.Prepare(
      "SELECT 1 FROM invitations WHERE org_id = ? AND username_key = ? AND status = 'PENDING'");
  st.Bind(1, org_id).Bind(2, username_key);
  return st.Step();
}

std::vector<domain::Invitation> SqliteTransaction::ListInvitations(
    const app::InvitationQuery& q) {
  std::string sql = std::string(kInvitationColumns) + "WHERE i.org_id = ?";
  if (!q.statuses.empty()) {
    sql += " AND (";
    for (std::size_t k = 0; k < q.statuses.size(); ++k) {
      sql += (k ? " OR " : "") + std::string(StatusCondition(q.statuses[k]));
    }
    sql += ")";
  }
  if (q.after) sql += " AND (i.created_at < ? OR (i.created_at = ? AND i.id < ?))";
  sql += " ORDER BY i.created_at DESC, i.id DESC LIMIT ?";
  auto st = db_.Prepare(sql);
  int i = 1;
  st.Bind(i++, q.org_id);
  for (std::size_t k = 0; k < q.statuses.size(); ++k) st.Bind(i++, ToMillis(q.now));
  if (q.after) {
    st.Bind(i, q.after->created_at_ms).Bind(i + 1, q.after->created_at_ms).Bind(i + 2, q.after->id);
    i += 3;
  }
  st.Bind(i, q.limit);
  std::vector<domain::Invitation> out;
  while (st.Step()) out.push_back(ReadInvitation(st).invitation);
  return out;
}

std::optional<app::Timestamp> SqliteTransaction::InvitationRateLimitReached(
    std::string_view org_id, app::Timestamp since, int limit) {
  // The minute counters include all of the minute `since` falls in: an upper bound.
  auto bound = db_.Prepare(
      "SELECT COALESCE(SUM(created), 0) FROM invitation_minutes WHERE org_id = ? AND minute >= ?");
  bound.Bind(1, org_id).Bind(2, ToMillis(since) / 60000);
  bound.Step();
  if (bound.Int(0) < limit) return std::nullopt;
  auto st = db_.Prepare(
      "SELECT COUNT(*), MIN(created_at) FROM (SELECT created_at FROM invitations "
      "WHERE org_id = ? AND created_at > ? ORDER BY created_at DESC LIMIT ?)");
  st.Bind(1, org_id).Bind(2, ToMillis(since)).Bind(3, limit);
  st.Step();
  if (st.Int(0) < limit) return std::nullopt;
  return FromMillis(st.Int(1));
}

bool SqliteTransaction::PendingInvitationCapReached(std::string_view org_id, app::Timestamp now,
                                                    int cap) {
  // The counter includes expired invitations not yet released: an upper bound.
  auto bound = db_.Prepare("SELECT pending FROM invitation_counters WHERE org_id = ?");
  bound.Bind(1, org_id);
  if (!bound.Step() || bound.Int(0) < cap) return false;
  auto st = db_.Prepare(
      "SELECT COUNT(*) FROM (SELECT 1 FROM invitations WHERE org_id = ? AND status = 'PENDING' "
      "AND expires_at > ? LIMIT ?)");
  st.Bind(1, org_id).Bind(2, ToMillis(now)).Bind(3, cap);
  st.Step();
  return st.Int(0) >= cap;
}

}  // namespace roster::store
