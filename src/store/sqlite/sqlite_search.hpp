#pragma once
// SQLite's users-list prefix search, which reads the username and the email prefix ranges
// through their indexes and merges them (sqlite_dialect.cpp). Its statements are exposed for
// the query-plan tests, so that the plans tested are the ones run.
#include "app/ports.hpp"
#include "store/db.hpp"

namespace roster::store::sqlite {

// (rowid, username_key) of the members whose email_key starts with q.prefix_key, from an
// index; LIMIT `limit`.
SqlBuilder EmailPrefixKeys(const app::MemberQuery& q, int limit);
// Members whose username_key starts with q.prefix_key in username order, plus username_key (9).
SqlBuilder UsernamePrefixRows(const app::MemberQuery& q);
// Members by rowid from a JSON array bound as the one parameter, plus the array index (9).
extern const Sql kMembersByRowid;

}  // namespace roster::store::sqlite
