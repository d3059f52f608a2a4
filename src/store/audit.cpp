// The audit trail: events newest first by seq, optionally of one action or one member.
#include <limits>

#include "store/sql_transaction.hpp"

namespace roster::store {
namespace {

constexpr Sql kInsertEvent{
    "INSERT INTO audit_events (id, org_id, at, actor_user_id, actor_username, action, "
    "target_type, target_id, target_label, details, client_address) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    Access::kWrite};

app::AuditRow ReadEvent(const Row& r) {
  app::AuditRow row;
  row.seq = r.Int(0);
  auto& e = row.event;
  e.id = r.Text(1);
  e.org_id = r.Text(2);
  e.at = r.Time(3);
  e.actor_user_id = r.Text(4);
  e.actor_username = r.Text(5);
  e.action = r.Text(6);
  e.target_type = r.Text(7);
  e.target_id = r.Text(8);
  e.target_label = r.Text(9);
  e.details_json = r.Text(10);
  e.client_address = r.Text(11);
  return row;
}

}  // namespace

void SqlTransaction::InsertAuditEvent(const domain::AuditEvent& e) {
  Execute(kInsertEvent, e.id, e.org_id, e.at, e.actor_user_id, e.actor_username, e.action,
          e.target_type, e.target_id, e.target_label, e.details_json, e.client_address);
}

std::vector<app::AuditRow> SqlTransaction::ListAuditEvents(const app::AuditQuery& q) {
  SqlBuilder st(
      "SELECT seq, id, org_id, at, actor_user_id, actor_username, action, target_type, "
      "target_id, target_label, details, client_address FROM audit_events WHERE org_id = ");
  st.text += st.Arg(q.org_id);
  st.text +=
      " AND seq < " + st.Arg(q.before_seq.value_or(std::numeric_limits<std::int64_t>::max()));
  if (q.action) st.text += " AND action = " + st.Arg(*q.action);
  if (q.member_user_id) {
    const std::string user = st.Arg(*q.member_user_id);
    st.text += " AND (actor_user_id = " + user +
               " OR (target_type = 'member' AND target_id = " + user + "))";
  }
  st.text += " ORDER BY seq DESC LIMIT " + st.Arg(q.limit);
  std::vector<app::AuditRow> out;
  Query(st, [&](const Row& r) { out.push_back(ReadEvent(r)); });
  return out;
}

}  // namespace roster::store
