// Members: lookups, guardrail counts, role and removal writes, the users list.
#include "store/members.hpp"

#include "store/sql_transaction.hpp"

namespace roster::store {
namespace {

constexpr Sql kInsertMember{
    "INSERT INTO members (user_id, org_id, username_key, email_key, role, status, joined_at, "
    "email, username) VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, $7, $8)",
    Access::kUnique};
constexpr Sql kMember{
    "SELECT m.org_id, m.user_id, m.email, m.username, m.role, m.status, m.joined_at, "
    "m.removed_at, m.removed_by FROM members m WHERE m.user_id = $1 AND m.org_id = $2"};
constexpr Sql kMembershipOfUser{
    "SELECT m.org_id, m.user_id, m.email, m.username, m.role, m.status, m.joined_at, "
    "m.removed_at, m.removed_by FROM members m WHERE m.user_id = $1"};
constexpr Sql kCountActiveAdmins{
    "SELECT COUNT(*) FROM members WHERE org_id = $1 AND status = 'ACTIVE' AND role = 'ADMIN'"};
constexpr Sql kUsernameUsed{"SELECT 1 FROM members WHERE org_id = $1 AND username_key = $2"};
// Both re-check what the caller decided on: a writer that took no organization lock learns
// here that the member changed since it read it.
constexpr Sql kUpdateRole{
    "UPDATE members SET role = $1 WHERE org_id = $2 AND user_id = $3 AND role <> $1 "
    "AND status = 'ACTIVE'",
    Access::kWrite};
constexpr Sql kMarkRemoved{
    "UPDATE members SET status = 'REMOVED', removed_at = $1, removed_by = $2 "
    "WHERE org_id = $3 AND user_id = $4 AND role = $5 AND status = 'ACTIVE'",
    Access::kWrite};
constexpr Sql kDeleteRefreshTokens{"DELETE FROM oauth_refresh_tokens WHERE user_id = $1",
                                   Access::kWrite};

}  // namespace

domain::Member ReadMember(const Row& r) {
  domain::Member m;
  m.org_id = r.Text(0);
  m.user_id = r.Text(1);
  m.email = r.Text(2);
  m.username = r.Text(3);
  m.role = domain::ParseRole(r.Text(4)).value_or(domain::Role::kUser);
  m.status = domain::ParseMemberStatus(r.Text(5)).value_or(domain::MemberStatus::kActive);
  m.joined_at = r.Time(6);
  m.removed_at = r.OptTime(7);
  m.removed_by = r.OptText(8);
  return m;
}

// SQLite's search binds its cached statements in this same order (WithValues, sqlite_dialect.cpp).
void AppendMemberFilters(SqlBuilder& st, const app::MemberQuery& q) {
  if (q.status) st.text += " AND m.status = " + st.Arg(ToString(*q.status));
  if (q.role) st.text += " AND m.role = " + st.Arg(ToString(*q.role));
  if (q.after) st.text += " AND m.username_key > " + st.Arg(q.after->username_key);
}

SqlBuilder MemberWalk(const app::MemberQuery& q, const Dialect& dialect) {
  SqlBuilder st(std::string(kMemberSelect) + kMemberFrom + "WHERE m.org_id = ");
  st.text += st.Arg(q.org_id);
  if (!q.prefix_key.empty()) dialect.member_prefix(st, q);
  AppendMemberFilters(st, q);
  st.text += " ORDER BY m.username_key LIMIT " + st.Arg(q.limit);
  return st;
}

void SqlTransaction::InsertMember(const app::MemberRecord& m) {
  Execute(kInsertMember, m.user_id, m.org_id, m.username_key, m.email_key, m.role, m.joined_at,
          m.email, m.username);
}

std::optional<domain::Member> SqlTransaction::FindMember(std::string_view org_id,
                                                         std::string_view user_id) {
  return First(kMember, ReadMember, user_id, org_id);
}

std::optional<domain::Member> SqlTransaction::FindMembershipOfUser(std::string_view user_id) {
  return First(kMembershipOfUser, ReadMember, user_id);
}

int SqlTransaction::CountActiveAdmins(std::string_view org_id) {
  return static_cast<int>(Number(kCountActiveAdmins, org_id));
}

bool SqlTransaction::IsUsernameUsedByMember(std::string_view org_id,
                                            std::string_view username_key) {
  return Exists(kUsernameUsed, org_id, username_key);
}

bool SqlTransaction::UpdateMemberRole(std::string_view org_id, std::string_view user_id,
                                      domain::Role role) {
  return Execute(kUpdateRole, role, org_id, user_id) > 0;
}

bool SqlTransaction::MarkMemberRemoved(std::string_view org_id, std::string_view user_id,
                                       domain::Role role, app::Timestamp at,
                                       std::string_view removed_by) {
  if (Execute(kMarkRemoved, at, removed_by, org_id, user_id, role) == 0) return false;
  Execute(kDeleteRefreshTokens, user_id);  // the applications they signed in to lose them now
  return true;
}

std::vector<domain::Member> SqlTransaction::ListMembers(const app::MemberQuery& q) {
  if (!q.prefix_key.empty() && dialect_.search_members) {
    if (auto found = dialect_.search_members(*this, q)) return std::move(*found);
  }
  std::vector<domain::Member> out;
  Query(MemberWalk(q, dialect_), [&](const Row& r) { out.push_back(ReadMember(r)); });
  return out;
}

}  // namespace roster::store
