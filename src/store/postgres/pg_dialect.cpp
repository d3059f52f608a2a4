// What is PostgreSQL's own: row locks, SKIP LOCKED claims, a migration step serialized by an
// advisory lock, constraints by name, and a LIKE prefix search.
#include "store/dialect.hpp"

namespace roster::store {
namespace {

// A LIKE pattern matching every string that starts with `prefix` (bytewise on "C" columns).
std::string PrefixPattern(std::string_view prefix) {
  std::string pattern;
  for (char c : prefix) {
    if (c == '\\' || c == '%' || c == '_') pattern += '\\';
    pattern += c;
  }
  return pattern + '%';
}

void MemberPrefix(SqlBuilder& st, const app::MemberQuery& q) {
  const std::string pattern = st.Own(PrefixPattern(q.prefix_key));
  st.text += " AND (m.username_key LIKE " + pattern + " OR m.email_key LIKE " + pattern + ")";
}

constexpr Conflict kConflicts[] = {
    {"users_email_key", domain::ErrorCode::kEmailRegistered},
    {"organizations_name_key", domain::ErrorCode::kOrganizationNameTaken},
    {"members_pkey", domain::ErrorCode::kAlreadyInOrganization},
    {"members_org_username", domain::ErrorCode::kUsernameTaken},
    {"invitations_pending_email", domain::ErrorCode::kEmailInvited},
    {"invitations_pending_username", domain::ErrorCode::kUsernameTaken},
};

}  // namespace

const Dialect& PostgresDialect() {
  static const Dialect dialect{
      .placeholder = '$',
      .for_update = "FOR UPDATE",
      .skip_locked = "FOR UPDATE SKIP LOCKED",
      // Instances starting together migrate once (the key is "roster" in ASCII).
      .begin_migration = "BEGIN; SELECT pg_advisory_xact_lock(125823003944306)",
      .migrations = PostgresMigrations(),
      .conflicts = kConflicts,
      .member_prefix = &MemberPrefix,
      .search_members = nullptr,
  };
  return dialect;
}

}  // namespace roster::store
