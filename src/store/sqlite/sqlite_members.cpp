// Members on SQLite: lookups, guardrail counts, role and removal writes, the users list.
#include <algorithm>

#include "domain/error.hpp"
#include "store/sqlite/sqlite_member_sql.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace roster::store {

using domain::Error;
using domain::ErrorCode;
using domain::FromMillis;
using domain::ToMillis;

namespace {

using sqlite_sql::kMemberFrom;
using sqlite_sql::kMemberSelect;

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
           "joined_at, email, username) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?)")
        .Bind(1, m.user_id)
        .Bind(2, m.org_id)
        .Bind(3, m.username_key)
        .Bind(4, m.email_key)
        .Bind(5, ToString(m.role))
        .Bind(6, ToMillis(m.joined_at))
        .Bind(7, m.email)
        .Bind(8, m.username)
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
  auto st = db_.Prepare(std::string(kMemberSelect) + kMemberFrom + "WHERE m.user_id = ? AND m.org_id = ?");
  st.Bind(1, user_id).Bind(2, org_id);
  if (!st.Step()) return std::nullopt;
  return ReadMember(st);
}

std::optional<domain::Member> SqliteTransaction::FindMembershipOfUser(std::string_view user_id) {
  auto st = db_.Prepare(std::string(kMemberSelect) + kMemberFrom + "WHERE m.user_id = ?");
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

// Binds the parameters of `st`, then `limit`.
void BindAll(sqlite::Statement& statement, const sqlite_sql::MemberStatement& st, int limit) {
  int i = 1;
  for (const auto& b : st.binds) statement.Bind(i++, b);
  statement.Bind(i, limit);
}

// A member known by rowid only, with the username_key that orders the users list.
struct KeyedRow {
  std::int64_t rowid;
  std::string username_key;
};

// The members of `rows`, in that order, read by one statement (placed by array index rather
// than sorted by SQLite, which would copy every row into a temporary b-tree).
std::vector<domain::Member> MembersInOrder(sqlite::Connection& db,
                                           const std::vector<KeyedRow>& rows) {
  std::string rowids = "[";
  for (const auto& row : rows) {
    if (rowids.size() > 1) rowids += ',';
    rowids += std::to_string(row.rowid);
  }
  rowids += ']';
  auto st = db.Prepare(sqlite_sql::kMembersByRowid);
  st.Bind(1, rowids);
  std::vector<domain::Member> out(rows.size());
  while (st.Step()) out.at(static_cast<std::size_t>(st.Int(9))) = ReadMember(st);
  return out;
}

// The first `q.limit` members in username order whose username_key or email_key starts with
// q.prefix_key, or nullopt when the email range is too large to merge (kEmailRangeLimit).
// The username range is read whole, in order, `limit` rows at most; the email range only from
// its index (which carries username_key); the two are merged here and only the email-only
// matches that make the page are read afterwards.
std::optional<std::vector<domain::Member>> SearchBothRanges(sqlite::Connection& db,
                                                            const app::MemberQuery& q) {
  std::vector<KeyedRow> by_email;
  {
    const auto sql = sqlite_sql::EmailPrefixKeys(q);
    auto st = db.Prepare(sql.sql);
    BindAll(st, sql, kEmailRangeLimit);
    while (st.Step()) by_email.push_back({st.Int(0), st.Text(1)});
  }
  if (by_email.size() >= static_cast<std::size_t>(kEmailRangeLimit)) return std::nullopt;
  std::sort(by_email.begin(), by_email.end(),
            [](const KeyedRow& a, const KeyedRow& b) { return a.username_key < b.username_key; });

  const auto sql = sqlite_sql::UsernamePrefixRows(q);
  auto st = db.Prepare(sql.sql);
  BindAll(st, sql, q.limit);
  std::vector<domain::Member> out;
  std::vector<KeyedRow> email_only;        // matches to read afterwards ...
  std::vector<std::size_t> email_only_at;  // ... and their places in `out`
  const auto limit = static_cast<std::size_t>(q.limit);
  auto email = by_email.begin();
  auto take_email_before = [&](const std::string* key) {
    for (; email != by_email.end() && out.size() < limit &&
           (key == nullptr || email->username_key < *key);
         ++email) {
      email_only_at.push_back(out.size());
      email_only.push_back(*email);
      out.emplace_back();
    }
  };
  while (out.size() < limit && st.Step()) {
    const std::string key = st.Text(9);
    take_email_before(&key);
    if (out.size() == limit) break;
    if (email != by_email.end() && email->username_key == key) ++email;  // matched by both
    out.push_back(ReadMember(st));
  }
  take_email_before(nullptr);
  if (!email_only.empty()) {
    auto read = MembersInOrder(db, email_only);
    for (std::size_t i = 0; i < read.size(); ++i) out[email_only_at[i]] = std::move(read[i]);
  }
  // Every rowid was read in this same transaction, so no place stays empty; stay safe anyway.
  std::erase_if(out, [](const domain::Member& m) { return m.user_id.empty(); });
  return out;
}

}  // namespace

std::vector<domain::Member> SqliteTransaction::ListMembers(const app::MemberQuery& q) {
  if (!q.prefix_key.empty()) {
    if (auto found = SearchBothRanges(db_, q)) return std::move(*found);
  }
  const auto sql = sqlite_sql::MemberWalk(q);
  auto st = db_.Prepare(sql.sql);
  BindAll(st, sql, q.limit);
  std::vector<domain::Member> out;
  while (st.Step()) out.push_back(ReadMember(st));
  return out;
}

}  // namespace roster::store
