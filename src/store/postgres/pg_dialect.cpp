// What is PostgreSQL's own: row locks, SKIP LOCKED claims, a migration step serialized by an
// advisory lock, constraints by name, and the prefix search (pg_search.cpp; LIKE when it cannot).
#include "store/dialect.hpp"
#include "store/members.hpp"
#include "store/postgres/pg_search.hpp"

namespace roster::store {
namespace {

void MemberPrefix(SqlBuilder& st, const app::MemberQuery& q) {
  const std::string pattern = st.Own(pg::PrefixPattern(q.prefix_key));
  st.text += " AND (m.username_key LIKE " + pattern + " OR m.email_key LIKE " + pattern + ")";
}

std::optional<std::vector<domain::Member>> SearchBothRanges(Db& db, const app::MemberQuery& q) {
  const auto end = pg::PrefixEnd(q.prefix_key);
  if (!end) return std::nullopt;
  std::vector<domain::Member> out;
  db.Query(pg::BothPrefixRanges(q, *end), [&](const Row& r) { out.push_back(ReadMember(r)); });
  return out;
}

constexpr Conflict kConflicts[] = {
    {"users_email_key", domain::ErrorCode::kEmailRegistered},
    {"organizations_name_key", domain::ErrorCode::kOrganizationNameTaken},
    {"members_pkey", domain::ErrorCode::kAlreadyInOrganization},
    {"members_org_username", domain::ErrorCode::kUsernameTaken},
    {"invitations_pending_email", domain::ErrorCode::kEmailInvited},
    {"invitations_pending_username", domain::ErrorCode::kUsernameTaken},
    {"org_names_pkey", domain::ErrorCode::kUsernameTaken},
};

}  // namespace

const Dialect& PostgresDialect() {
  static const Dialect dialect{
      .placeholder = '$',
      .for_update = "FOR UPDATE",
      .for_key_share = "FOR KEY SHARE",
      .skip_locked = "FOR UPDATE SKIP LOCKED",
      // Instances starting together migrate once (the key is "roster" in ASCII).
      .begin_migration = "BEGIN; SELECT pg_advisory_xact_lock(125823003944306)",
      .migrations = PostgresMigrations(),
      .conflicts = kConflicts,
      .member_prefix = &MemberPrefix,
      .search_members = &SearchBothRanges,
  };
  return dialect;
}

}  // namespace roster::store
