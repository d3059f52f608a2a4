#pragma once
// PostgreSQL's users-list prefix search, which reads the username and the email prefix ranges
// through their indexes and merges them (pg_dialect.cpp). Its statements are exposed for the
// query-plan tests, so that the plans tested are the ones run.
#include <optional>
#include <string>

#include "app/ports.hpp"
#include "store/db.hpp"

namespace roster::store::pg {

// Email-prefix matches up to which a search reads both prefix ranges and merges them.
inline constexpr int kEmailRangeLimit = 1000;

// A LIKE pattern matching every string that starts with `prefix` (bytewise on "C" columns).
std::string PrefixPattern(std::string_view prefix);

// The least string above every string that starts with `prefix` ("C" order), or nullopt when
// the last byte is not ASCII below DEL (incrementing it could leave UTF-8).
std::optional<std::string> PrefixEnd(std::string_view prefix);

// The first q.limit members in username order whose username_key or email_key is in
// [q.prefix_key, end), in one statement: while fewer than kEmailRangeLimit emails match, both
// ranges through their indexes, `limit` rows each, merged; past it, the walk in username order.
SqlBuilder BothPrefixRanges(const app::MemberQuery& q, const std::string& end);

}  // namespace roster::store::pg
