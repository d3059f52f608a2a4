// Members on SQLite: lookups, guardrail counts, role and removal writes, the users list.
#include "domain/error.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace roster::store {

using domain::Error;
using domain::ErrorCode;
using domain::FromMillis;
using domain::ToMillis;

namespace {

constexpr const char* kMemberColumns =
    "SELECT m.org_id, m.user_id, u.email, u.username, m.role, m.status, m.joined_at, "
    "m.removed_at, m.removed_by FROM members m JOIN users u ON u.id = m.user_id ";

domain::Member ReadMember(const sqlite::Statement& st) {
  domain::Member m;
  m.org_id = st.Text(0);
  m.user_id = st.Text(1);
  m.email = st.Text(2);
  m.username = st.Text(3);
  m.role = domain::ParseRole(st.Text(4)).value_or(domain::Role::kUser);
  m.status = domain::ParseMemberStatus(st.Text(5)).value_or(domain::MemberStatus::kActive);
  m.joined_at = FromMillis(st.Int(6));
  if (auto at = st.OptInt(7)) m.removed_at = FromMillis(*at);
  m.removed_by = st.OptText(8);
  return m;
}

}  // namespace

void SqliteTransaction::InsertMember(const app::MemberRecord& m) {
  try {
    db_.Prepare(
           "INSERT INTO members (user_id, org_id, username_key, email_key, role, status, "
           "joined_at) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?)")
        .Bind(1, m.user_id)
        .Bind(2, m.org_id)
        .Bind(3, m.username_key)
        .Bind(4, m.email_key)
        .Bind(5, ToString(m.role))
        .Bind(6, ToMillis(m.joined_at))
        .Run();
  } catch (const sqlite::SqliteError& e) {
    if (!e.IsConstraint()) throw;
    if (std::string_view(e.what()).find("members.user_id") != std::string_view::npos) {
      throw Error(ErrorCode::kAlreadyInOrganization, "This account already belongs to an organization.");
    }
    throw Error(ErrorCode::kUsernameTaken, "This username is already used in the organization.");
  }
}

std::optional<domain::Member> SqliteTransaction::FindMember(std::string_view org_id,
                                                            std::string_view user_id) {
  auto st = db_.Prepare(std::string(kMemberColumns) + "WHERE m.user_id = ? AND m.org_id = ?");
  st.Bind(1, user_id).Bind(2, org_id);
  if (!st.Step()) return std::nullopt;
  return ReadMember(st);
}

std::optional<domain::Member> SqliteTransaction::FindMembershipOfUser(std::string_view user_id) {
  auto st = db_.Prepare(std::string(kMemberColumns) + "WHERE m.user_id = ?");
  st.Bind(1, user_id);
  if (!st.Step()) return std::nullopt;
  return ReadMember(st);
}

int SqliteTransaction::CountActiveAdmins(std::string_view org_id) {
  auto st = db_.Prepare(
      "SELECT COUNT(*) FROM members WHERE org_id = ? AND status = 'ACTIVE' AND role = 'ADMIN'");
  st.Bind(1, org_id);
  st.Step();
  return static_cast<int>(st.Int(0));
}

bool SqliteTransaction::IsUsernameUsedByMember(std::string_view org_id,
                                               std::string_view username_key) {
  auto st = db_.Prepare("SELECT 1 FROM members WHERE org_id = ? AND username_key = ?");
  st.Bind(1, org_id).Bind(2, username_key);
  return st.Step();
}

void SqliteTransaction::UpdateMemberRole(std::string_view org_id, std::string_view user_id,
                                         domain::Role role) {
  db_.Prepare("UPDATE members SET role = ? WHERE org_id = ? AND user_id = ?")
      .Bind(1, ToString(role))
      .Bind(2, org_id)
      .Bind(3, user_id)
      .Run();
}

void SqliteTransaction::MarkMemberRemoved(std::string_view org_id, std::string_view user_id,
                                          app::Timestamp at, std::string_view removed_by) {
  db_.Prepare(
         "UPDATE members SET status = 'REMOVED', removed_at = ?, removed_by = ? "
         "WHERE org_id = ? AND user_id = ?")
      .Bind(1, ToMillis(at))
      .Bind(2, removed_by)
      .Bind(3, org_id)
      .Bind(4, user_id)
      .Run();
}

namespace {

// Email-prefix matches up to which a search reads both prefix ranges and merges them.
constexpr int kEmailRangeLimit = 1000;

// "AND ..." for the status, role and keyset conditions of a members query on table alias `t`.
std::string MemberFilters(const app::MemberQuery& q, const char* t,
                          std::vector<std::string>& binds) {
  std::string sql;
  if (q.status) {
    sql += std::string(" AND ") + t + ".status = ?";
    binds.emplace_back(ToString(*q.status));
  }
  if (q.role) {
    sql += std::string(" AND ") + t + ".role = ?";
    binds.emplace_back(ToString(*q.role));
  }
  if (q.after) {
    sql += std::string(" AND ") + t + ".username_key > ?";
    binds.push_back(q.after->username_key);
  }
  return sql;
}

}  // namespace

int SqliteTransaction::CountEmailPrefix(std::string_view org_id, const std::string& prefix,
                                        int at_most) {
  auto st = db_.Prepare(
      "SELECT COUNT(*) FROM (SELECT 1 FROM members WHERE org_id = ? AND email_key >= ? "
      "AND email_key < ? LIMIT ?)");
  st.Bind(1, org_id).Bind(2, prefix).Bind(3, prefix + "\xFF").Bind(4, at_most);
  st.Step();
  return static_cast<int>(st.Int(0));
}

std::vector<domain::Member> SqliteTransaction::ListMembers(const app::MemberQuery& q) {
  const bool two_ranges =
      !q.prefix_key.empty() &&
      CountEmailPrefix(q.org_id, q.prefix_key, kEmailRangeLimit) < kEmailRangeLimit;
  // With two ranges, '+' keeps the planner from walking an org index: rows by rowid, then sort.
  std::string sql = std::string(kMemberColumns) + (two_ranges ? "WHERE +m.org_id = ?"
                                                              : "WHERE m.org_id = ?");
  std::vector<std::string> binds{q.org_id};
  std::size_t inner_limit_at = 0;  // 1-based position of the username range's LIMIT, if any
  if (q.prefix_key.empty()) {
    sql += MemberFilters(q, "m", binds);
  } else if (two_ranges) {
    // A prefix is the range [prefix, prefix + 0xFF) of username_key or of email_key. Read the
    // username range in username order (at most `limit` rows) and the (small) email range,
    // instead of walking the whole organization in username order testing both.
    const std::string upper = q.prefix_key + "\xFF";
    sql += " AND m.rowid IN (SELECT rowid FROM (SELECT rowid FROM members t WHERE t.org_id = ? "
           "AND t.username_key >= ? AND t.username_key < ?";
    binds.insert(binds.end(), {q.org_id, q.prefix_key, upper});
    sql += MemberFilters(q, "t", binds) +
           " ORDER BY t.username_key LIMIT ?) UNION ALL SELECT rowid FROM members e "
           "WHERE e.org_id = ? AND e.email_key >= ? AND e.email_key < ?";
    binds.emplace_back();
    inner_limit_at = binds.size();
    binds.insert(binds.end(), {q.org_id, q.prefix_key, upper});
    sql += MemberFilters(q, "e", binds) + ")";
  } else {
    // Many email matches: they are dense in username order too, so the walk ends soon.
    sql += " AND ((m.username_key >= ? AND m.username_key < ?) OR "
           "(m.email_key >= ? AND m.email_key < ?))";
    const std::string upper = q.prefix_key + "\xFF";
    binds.insert(binds.end(), {q.prefix_key, upper, q.prefix_key, upper});
    sql += MemberFilters(q, "m", binds);
  }
  sql += " ORDER BY m.username_key LIMIT ?";
  auto st = db_.Prepare(sql);
  int i = 1;
  for (const auto& b : binds) {
    if (static_cast<std::size_t>(i) == inner_limit_at) {
      st.Bind(i++, q.limit);
    } else {
      st.Bind(i++, b);
    }
  }
  st.Bind(i, q.limit);
  std::vector<domain::Member> out;
  while (st.Step()) out.push_back(ReadMember(st));
  return out;
}

}  // namespace roster::store
