#include "store/sqlite/sqlite_member_sql.hpp"

namespace roster::store::sqlite_sql {
namespace {

// "AND ..." for the status, role and keyset conditions of a members query.
std::string MemberFilters(const app::MemberQuery& q, std::vector<std::string>& binds) {
  std::string sql;
  if (q.status) {
    sql += " AND m.status = ?";
    binds.emplace_back(ToString(*q.status));
  }
  if (q.role) {
    sql += " AND m.role = ?";
    binds.emplace_back(ToString(*q.role));
  }
  if (q.after) {
    sql += " AND m.username_key > ?";
    binds.push_back(q.after->username_key);
  }
  return sql;
}

// A prefix is the range [prefix, prefix + 0xFF) of a key.
std::string PrefixEnd(const std::string& prefix) { return prefix + "\xFF"; }

}  // namespace

const char* const kMembersByRowid =
    "SELECT m.org_id, m.user_id, m.email, m.username, m.role, m.status, m.joined_at, "
    "m.removed_at, m.removed_by, j.key FROM json_each(?) j CROSS JOIN members m ON "
    "m.rowid = j.value";

MemberStatement MemberWalk(const app::MemberQuery& q) {
  MemberStatement st{std::string(kMemberSelect) + kMemberFrom + "WHERE m.org_id = ?", {q.org_id}};
  if (!q.prefix_key.empty()) {
    // '+' keeps the planner from reading both key ranges through their indexes and sorting
    // them all (it may, with statistics); the walk stops after `limit` matches.
    st.sql += " AND ((m.username_key >= ? AND m.username_key < ?) OR "
              "(+m.email_key >= ? AND +m.email_key < ?))";
    const std::string end = PrefixEnd(q.prefix_key);
    st.binds.insert(st.binds.end(), {q.prefix_key, end, q.prefix_key, end});
  }
  st.sql += MemberFilters(q, st.binds) + " ORDER BY m.username_key LIMIT ?";
  return st;
}

MemberStatement EmailPrefixKeys(const app::MemberQuery& q) {
  MemberStatement st{"SELECT m.rowid, m.username_key FROM members m WHERE m.org_id = ? AND "
                     "m.email_key >= ? AND m.email_key < ?",
                     {q.org_id, q.prefix_key, PrefixEnd(q.prefix_key)}};
  st.sql += MemberFilters(q, st.binds) + " LIMIT ?";
  return st;
}

MemberStatement UsernamePrefixRows(const app::MemberQuery& q) {
  MemberStatement st{std::string(kMemberSelect) + ", m.username_key" + kMemberFrom +
                         "WHERE m.org_id = ? AND m.username_key >= ? AND m.username_key < ?",
                     {q.org_id, q.prefix_key, PrefixEnd(q.prefix_key)}};
  st.sql += MemberFilters(q, st.binds) + " ORDER BY m.username_key LIMIT ?";
  return st;
}

}  // namespace roster::store::sqlite_sql
