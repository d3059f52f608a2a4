#pragma once
// The statements of the users list on SQLite, built from a MemberQuery: shared by ListMembers
// (sqlite_members.cpp) and the query-plan tests, so that the plans tested are the ones run.
#include <string>
#include <vector>

#include "app/ports.hpp"

namespace roster::store::sqlite_sql {

// A statement and its text parameters; its last parameter, the LIMIT, is bound by the caller.
struct MemberStatement {
  std::string sql;
  std::vector<std::string> binds;
};

// The columns ReadMember reads (0-8); statements may add more after them.
inline constexpr const char* kMemberSelect =
    "SELECT m.org_id, m.user_id, m.email, m.username, m.role, m.status, m.joined_at, "
    "m.removed_at, m.removed_by";
inline constexpr const char* kMemberFrom = " FROM members m ";

// Members in username order, walking the organization (no prefix, or one with many email
// matches, which are then dense in username order too).
MemberStatement MemberWalk(const app::MemberQuery& q);
// (rowid, username_key) of the members whose email_key starts with q.prefix_key, from an index.
MemberStatement EmailPrefixKeys(const app::MemberQuery& q);
// Members whose username_key starts with q.prefix_key in username order, plus username_key (9).
MemberStatement UsernamePrefixRows(const app::MemberQuery& q);
// Members by rowid from a JSON array bound as the one parameter, plus the array index (9).
extern const char* const kMembersByRowid;

}  // namespace roster::store::sqlite_sql
