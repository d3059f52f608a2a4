#pragma once
// The users-list statements shared by members.cpp and the dialects' prefix searches.
#include <string>

#include "app/ports.hpp"
#include "store/db.hpp"

namespace roster::store {

// The columns ReadMember reads (0-8); statements may add more after them.
inline constexpr const char* kMemberSelect =
    "SELECT m.org_id, m.user_id, m.email, m.username, m.role, m.status, m.joined_at, "
    "m.removed_at, m.removed_by";
inline constexpr const char* kMemberFrom = " FROM members m ";

domain::Member ReadMember(const Row& row);

// Appends the status, role and keyset conditions ("AND ...") of `q`.
void AppendMemberFilters(SqlBuilder& st, const app::MemberQuery& q);

// Members in username order, walking the organization's index with the dialect's prefix
// condition; the LIMIT is q.limit.
SqlBuilder MemberWalk(const app::MemberQuery& q, const struct Dialect& dialect);

}  // namespace roster::store
