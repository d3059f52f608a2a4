// Invitations: reads with their latest email's state, writes, the pending holders of an email
// or a username, the list, and the abuse-limit counters.
#include "store/sql_transaction.hpp"

namespace roster::store {

using domain::InvitationStatus;

namespace {

constexpr const char* kInvitationSelect =
    "SELECT i.id, i.org_id, i.email, i.username, i.role, i.status, i.created_at, i.expires_at, "
    "i.invited_by, u.username, i.accepted_at, i.revoked_at, i.token_hash, o.state, o.link, "
    "i.email_key, i.username_key, i.latest_message_id "
    "FROM invitations i JOIN users u ON u.id = i.invited_by "
    "LEFT JOIN outbox o ON o.id = i.latest_message_id ";
const std::string kInvitationById =
    std::string(kInvitationSelect) + "WHERE i.id = $1 AND i.org_id = $2";
const std::string kInvitationByToken = std::string(kInvitationSelect) + "WHERE i.token_hash = $1";

constexpr Sql kInsertInvitation{
    "INSERT INTO invitations (id, org_id, email, email_key, username, username_key, role, "
    "status, token_hash, created_at, expires_at, invited_by, accepted_at, revoked_at, "
    "latest_message_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
    "$15)",
    Access::kUnique};
constexpr Sql kUpdateInvitation{
    "UPDATE invitations SET status = $1, token_hash = $2, expires_at = $3, accepted_at = $4, "
    "revoked_at = $5, latest_message_id = $6 WHERE id = $7 AND org_id = $8",
    Access::kUnique};
// At most two pending invitations hold an email or a username: found through the pending
// unique indexes, so that usually no UPDATE runs at all.
constexpr Sql kExpiredHolders{
    "SELECT id FROM invitations WHERE org_id = $1 AND email_key = $2 AND status = 'PENDING' "
    "AND expires_at <= $3 UNION ALL SELECT id FROM invitations WHERE org_id = $1 AND "
    "username_key = $4 AND status = 'PENDING' AND expires_at <= $3"};
// Re-checked when it runs: a resend may have renewed the invitation since it was read.
constexpr Sql kMarkExpired{
    "UPDATE invitations SET status = 'EXPIRED' WHERE id = $1 AND status = 'PENDING' "
    "AND expires_at <= $2",
    Access::kWrite};
constexpr Sql kLockInvitation{"SELECT 1 FROM invitations WHERE id = $1 {FOR_UPDATE}",
                              Access::kWrite};
constexpr Sql kUsernameHeldInOrg{
    "SELECT 1 FROM org_names WHERE org_id = $1 AND username_key = $2"};
constexpr Sql kEmailHeld{
    "SELECT 1 FROM invitations WHERE org_id = $1 AND email_key = $2 AND status = 'PENDING'"};
constexpr Sql kUsernameHeld{
    "SELECT 1 FROM invitations WHERE org_id = $1 AND username_key = $2 AND status = 'PENDING'"};
// The minute counters include all of the minute `since` falls in: an upper bound.
constexpr Sql kCreatedSinceBound{
    "SELECT COALESCE(SUM(created), 0) FROM invitation_minutes WHERE org_id = $1 AND minute >= $2"};
constexpr Sql kRecentCreated{
    "SELECT COUNT(*), MIN(created_at) FROM (SELECT created_at FROM invitations "
    "WHERE org_id = $1 AND created_at > $2 ORDER BY created_at DESC LIMIT $3) recent"};
// The counters include expired invitations not yet released: an upper bound. No row when the
// organization never had an invitation.
constexpr Sql kPendingBound{
    "SELECT SUM(pending) FROM invitation_counters WHERE org_id = $1 GROUP BY org_id"};
// PostgreSQL's counters are striped (migrations/postgres/0011): a creation writes the stripe of
// its transaction id only, so at most this many creations of one organization are in flight
// unseen. Its own stays in flight until the commit, holding its stripe.
constexpr int kCounterStripes = 16;
// Shared by the creations of an organization, exclusive near a limit; the first key is Roster's.
constexpr Sql kHoldShared{"SELECT pg_advisory_xact_lock_shared(1382381397, hashtext($1))",
                          Access::kWrite};
constexpr Sql kHoldExclusive{"SELECT pg_advisory_xact_lock(1382381397, hashtext($1))",
                             Access::kWrite};
constexpr Sql kPendingCount{
    "SELECT COUNT(*) FROM (SELECT 1 FROM invitations WHERE org_id = $1 AND status = 'PENDING' "
    "AND expires_at > $2 LIMIT $3) pending"};

app::InvitationRecord ReadInvitation(const Row& r) {
  app::InvitationRecord rec;
  auto& inv = rec.invitation;
  inv.id = r.Text(0);
  inv.org_id = r.Text(1);
  inv.email = r.Text(2);
  inv.username = r.Text(3);
  inv.role = domain::ParseRole(r.Text(4)).value_or(domain::Role::kUser);
  inv.stored_status = domain::ParseInvitationStatus(r.Text(5)).value_or(InvitationStatus::kPending);
  inv.created_at = r.Time(6);
  inv.expires_at = r.Time(7);
  inv.invited_by_user_id = r.Text(8);
  inv.invited_by_username = r.Text(9);
  inv.accepted_at = r.OptTime(10);
  inv.revoked_at = r.OptTime(11);
  inv.token_hash = r.Text(12);
  inv.email_delivery =
      domain::ParseDeliveryState(r.Text(13)).value_or(domain::DeliveryState::kQueued);
  if (auto link = r.OptText(14); link && !link->empty()) inv.pending_link = std::move(link);
  rec.email_key = r.Text(15);
  rec.username_key = r.Text(16);
  rec.latest_message_id = r.OptText(17);
  return rec;
}

// The condition for one derived status; `now` is the placeholder of the current time.
std::string StatusCondition(InvitationStatus status, const std::string& now) {
  switch (status) {
    case InvitationStatus::kPending:
      return "(i.status = 'PENDING' AND i.expires_at > " + now + ")";
    case InvitationStatus::kExpired:
      return "(i.status = 'EXPIRED' OR (i.status = 'PENDING' AND i.expires_at <= " + now + "))";
    case InvitationStatus::kAccepted:
      return "i.status = 'ACCEPTED'";
    case InvitationStatus::kRevoked:
      return "i.status = 'REVOKED'";
  }
  return "1 = 0";
}

}  // namespace

void SqlTransaction::InsertInvitation(const app::InvitationRecord& r) {
  const auto& inv = r.invitation;
  Execute(kInsertInvitation, inv.id, inv.org_id, inv.email, r.email_key, inv.username,
          r.username_key, inv.role, inv.stored_status, inv.token_hash, inv.created_at,
          inv.expires_at, inv.invited_by_user_id, inv.accepted_at, inv.revoked_at,
          r.latest_message_id);
}

void SqlTransaction::UpdateInvitation(const app::InvitationRecord& r) {
  const auto& inv = r.invitation;
  Execute(kUpdateInvitation, inv.stored_status, inv.token_hash, inv.expires_at, inv.accepted_at,
          inv.revoked_at, r.latest_message_id, inv.id, inv.org_id);
}

std::optional<app::InvitationRecord> SqlTransaction::FindInvitation(
    std::string_view org_id, std::string_view invitation_id) {
  return First(Sql{kInvitationById}, ReadInvitation, invitation_id, org_id);
}

std::optional<app::InvitationRecord> SqlTransaction::FindInvitationByTokenHash(
    std::string_view token_hash) {
  return First(Sql{kInvitationByToken}, ReadInvitation, token_hash);
}

void SqlTransaction::ReleaseExpiredHolders(std::string_view org_id, std::string_view email_key,
                                           std::string_view username_key, app::Timestamp now) {
  std::vector<std::string> expired;
  Each(
      kExpiredHolders, [&](const Row& r) { expired.push_back(r.Text(0)); }, org_id, email_key, now,
      username_key);
  if (expired.size() == 2 && expired[0] == expired[1]) expired.pop_back();  // holds both
  for (const auto& id : expired) Execute(kMarkExpired, id, now);
}

bool SqlTransaction::IsEmailHeldByPendingInvitation(std::string_view org_id,
                                                    std::string_view email_key) {
  return Exists(kEmailHeld, org_id, email_key);
}

bool SqlTransaction::IsUsernameHeldByPendingInvitation(std::string_view org_id,
                                                       std::string_view username_key) {
  return Exists(kUsernameHeld, org_id, username_key);
}

bool SqlTransaction::IsUsernameHeld(std::string_view org_id, std::string_view username_key) {
  return Exists(kUsernameHeldInOrg, org_id, username_key);
}

bool SqlTransaction::LockInvitation(std::string_view invitation_id) {
  return Exists(kLockInvitation, invitation_id);
}

std::vector<domain::Invitation> SqlTransaction::ListInvitations(const app::InvitationQuery& q) {
  SqlBuilder st(std::string(kInvitationSelect) + "WHERE i.org_id = ");
  st.text += st.Arg(q.org_id);
  if (!q.statuses.empty()) {
    std::string now;  // bound only when a condition needs it: PostgreSQL refuses unused ones
    for (std::size_t k = 0; k < q.statuses.size(); ++k) {
      const auto s = q.statuses[k];
      if (now.empty() && (s == InvitationStatus::kPending || s == InvitationStatus::kExpired)) {
        now = st.Arg(domain::ToMillis(q.now));
      }
      st.text += (k ? " OR " : " AND (") + StatusCondition(s, now);
    }
    st.text += ")";
  }
  if (q.after) {  // newest first: (created_at, id) below the cursor's
    const std::string at = st.Arg(q.after->created_at_ms);
    st.text += " AND i.created_at <= " + at + " AND (i.created_at < " + at + " OR i.id < " +
               st.Arg(q.after->id) + ")";
  }
  st.text += " ORDER BY i.created_at DESC, i.id DESC LIMIT " + st.Arg(q.limit);
  std::vector<domain::Invitation> out;
  Query(st, [&](const Row& r) { out.push_back(ReadInvitation(r).invitation); });
  return out;
}

std::optional<app::Timestamp> SqlTransaction::InvitationRateLimitReached(std::string_view org_id,
                                                                         app::Timestamp since,
                                                                         int limit) {
  const auto bound = Number(kCreatedSinceBound, org_id, domain::ToMillis(since) / 60000);
  if (bound + invitations_in_flight_ < limit) return std::nullopt;
  if (invitations_in_flight_ > 0) throw app::NearInvitationLimit{};
  std::optional<app::Timestamp> oldest;
  Each(
      kRecentCreated,
      [&](const Row& r) {
        if (r.Int(0) >= limit) oldest = r.Time(1);
      },
      org_id, since, limit);
  return oldest;
}

bool SqlTransaction::PendingInvitationCapReached(std::string_view org_id, app::Timestamp now,
                                                 int cap) {
  const auto bound = First(
      kPendingBound, [](const Row& r) { return r.Int(0); }, org_id);
  if (!bound && invitations_in_flight_ == 0) return false;
  if (bound.value_or(0) + invitations_in_flight_ < cap) return false;
  if (invitations_in_flight_ > 0) throw app::NearInvitationLimit{};
  return Number(kPendingCount, org_id, now, cap) >= cap;
}

void SqlTransaction::HoldInvitationLimits(std::string_view org_id, bool exclusive) {
  if (!IsPostgres()) return;  // SQLite: one writer holds the database
  Exists(exclusive ? kHoldExclusive : kHoldShared, org_id);
  invitations_in_flight_ = exclusive ? 0 : kCounterStripes - 1;
}

}  // namespace roster::store
