// Organizations and members on PostgreSQL.
#include "domain/error.hpp"
#include "store/postgres/postgres_transaction.hpp"

namespace roster::store {

using domain::Error;
using domain::ErrorCode;
using domain::FromMillis;
using domain::ToMillis;

namespace {

constexpr const char* kMemberColumns =
    "SELECT m.org_id, m.user_id, m.email, m.username, m.role, m.status, m.joined_at, "
    "m.removed_at, m.removed_by FROM members m ";

domain::Member ReadMember(const pg::Result& r, int row) {
  domain::Member m;
  m.org_id = r.Text(row, 0);
  m.user_id = r.Text(row, 1);
  m.email = r.Text(row, 2);
  m.username = r.Text(row, 3);
  m.role = domain::ParseRole(r.Text(row, 4)).value_or(domain::Role::kUser);
  m.status = domain::ParseMemberStatus(r.Text(row, 5)).value_or(domain::MemberStatus::kActive);
  m.joined_at = FromMillis(r.Int(row, 6));
  if (auto at = r.OptInt(row, 7)) m.removed_at = FromMillis(*at);
  m.removed_by = r.OptText(row, 8);
  return m;
}

std::optional<domain::Member> FirstMember(const pg::Result& r) {
  if (r.Empty()) return std::nullopt;
  return ReadMember(r, 0);
}

// A LIKE pattern matching every string that starts with `prefix` (bytewise on "C" columns).
std::string PrefixPattern(std::string_view prefix) {
  std::string pattern;
  for (char c : prefix) {
    if (c == '\\' || c == '%' || c == '_') pattern += '\\';
    pattern += c;
  }
  return pattern + '%';
}

}  // namespace

PgStatement BuildMemberListQuery(const app::MemberQuery& q) {
  PgStatement st;
  st.sql = std::string(kMemberColumns) + "WHERE m.org_id = " + st.Arg(q.org_id);
  if (q.status) st.sql += " AND m.status = " + st.Arg(std::string(ToString(*q.status)));
  if (q.role) st.sql += " AND m.role = " + st.Arg(std::string(ToString(*q.role)));
  if (!q.prefix_key.empty()) {
    const std::string pattern = st.Arg(PrefixPattern(q.prefix_key));
    st.sql += " AND (m.username_key LIKE " + pattern + " OR m.email_key LIKE " + pattern + ")";
  }
  if (q.after) st.sql += " AND m.username_key > " + st.Arg(q.after->username_key);
  st.sql += " ORDER BY m.username_key LIMIT " + st.Arg(std::to_string(q.limit));
  return st;
}

// ---- organizations ----

void PostgresTransaction::InsertOrganization(const app::OrganizationRecord& o) {
  try {
    RunUnique("INSERT INTO organizations (id, name, name_key, created_at) VALUES ($1, $2, $3, $4)",
              {o.organization.id, o.organization.name, o.name_key,
               pg::ToParam(ToMillis(o.organization.created_at))});
  } catch (const pg::PgError& e) {
    if (e.IsUniqueViolation()) {
      throw Error(ErrorCode::kOrganizationNameTaken,
                  "An organization with this name already exists.");
    }
    throw;
  }
}

std::optional<domain::Organization> PostgresTransaction::FindOrganization(
    std::string_view org_id) {
  const auto r = Read("SELECT id, name, created_at FROM organizations WHERE id = $1", org_id);
  if (r.Empty()) return std::nullopt;
  return domain::Organization{r.Text(0, 0), r.Text(0, 1), FromMillis(r.Int(0, 2))};
}

int PostgresTransaction::CountOrganizations() {
  return static_cast<int>(Read("SELECT COUNT(*) FROM organizations").Int(0, 0));
}

bool PostgresTransaction::LockOrganization(std::string_view org_id) {
  // A read-only transaction makes no guardrail decision (and may not take row locks).
  if (read_only_) return FindOrganization(org_id).has_value();
  return !Write("SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE", org_id).Empty();
}

// ---- members ----

void PostgresTransaction::InsertMember(const app::MemberRecord& m) {
  try {
    RunUnique(
        "INSERT INTO members (user_id, org_id, username_key, email_key, role, status, "
        "joined_at, email, username) VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, $7, $8)",
        {m.user_id, m.org_id, m.username_key, m.email_key, std::string(ToString(m.role)),
         pg::ToParam(ToMillis(m.joined_at)), m.email, m.username});
  } catch (const pg::PgError& e) {
    if (!e.IsUniqueViolation()) throw;
    if (e.constraint() == "members_pkey") {
      throw Error(ErrorCode::kAlreadyInOrganization,
                  "This account already belongs to an organization.");
    }
    throw Error(ErrorCode::kUsernameTaken, "This username is already used in the organization.");
  }
}

std::optional<domain::Member> PostgresTransaction::FindMember(std::string_view org_id,
                                                              std::string_view user_id) {
  return FirstMember(Read(std::string(kMemberColumns) +
                              "WHERE m.user_id = $1 AND m.org_id = $2",
                          user_id, org_id));
}

std::optional<domain::Member> PostgresTransaction::FindMembershipOfUser(
    std::string_view user_id) {
  return FirstMember(Read(std::string(kMemberColumns) + "WHERE m.user_id = $1", user_id));
}

int PostgresTransaction::CountActiveAdmins(std::string_view org_id) {
  return static_cast<int>(
      Read("SELECT COUNT(*) FROM members WHERE org_id = $1 AND status = 'ACTIVE' AND "
           "role = 'ADMIN'",
           org_id)
          .Int(0, 0));
}

bool PostgresTransaction::IsUsernameUsedByMember(std::string_view org_id,
                                                 std::string_view username_key) {
  return !Read("SELECT 1 FROM members WHERE org_id = $1 AND username_key = $2", org_id,
               username_key)
              .Empty();
}

void PostgresTransaction::UpdateMemberRole(std::string_view org_id, std::string_view user_id,
                                           domain::Role role) {
  Write("UPDATE members SET role = $1 WHERE org_id = $2 AND user_id = $3",
        std::string(ToString(role)), org_id, user_id);
}

void PostgresTransaction::MarkMemberRemoved(std::string_view org_id, std::string_view user_id,
                                            app::Timestamp at, std::string_view removed_by) {
  Write(
      "UPDATE members SET status = 'REMOVED', removed_at = $1, removed_by = $2 "
      "WHERE org_id = $3 AND user_id = $4",
      ToMillis(at), removed_by, org_id, user_id);
}

std::vector<domain::Member> PostgresTransaction::ListMembers(const app::MemberQuery& q) {
  const auto st = BuildMemberListQuery(q);
  const auto r = ReadQuery(st.sql, st.params);
  std::vector<domain::Member> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int row = 0; row < r.Rows(); ++row) out.push_back(ReadMember(r, row));
  return out;
}

}  // namespace roster::store
