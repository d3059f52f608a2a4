// The two-range users-list search on PostgreSQL: each prefix range read through its own index.
#include "store/postgres/pg_search.hpp"

#include <utility>

#include "store/members.hpp"

namespace roster::store::pg {
namespace {

// One key's prefix range, `limit` rows at most, ordered by `order`.
std::string PrefixRange(SqlBuilder& st, const app::MemberQuery& q, const std::string& condition,
                        std::string_view order) {
  std::string saved = std::exchange(st.text, "(");
  st.text += std::string(kMemberSelect) + ", m.username_key AS sort_key" + kMemberFrom +
             "WHERE m.org_id = " + st.Arg(q.org_id) + " AND " + condition;
  AppendMemberFilters(st, q);
  st.text += " ORDER BY " + std::string(order) + " LIMIT " + st.Arg(q.limit) + ")";
  return std::exchange(st.text, std::move(saved));
}

}  // namespace

std::optional<std::string> PrefixEnd(std::string_view prefix) {
  if (prefix.empty() || static_cast<unsigned char>(prefix.back()) >= 0x7F) return std::nullopt;
  std::string end(prefix);
  ++end.back();
  return end;
}

SqlBuilder EmailRangeCount(const app::MemberQuery& q, const std::string& end) {
  SqlBuilder count("SELECT COUNT(*) FROM (SELECT 1 FROM members m WHERE m.org_id = ");
  count.text += count.Arg(q.org_id) + " AND m.email_key >= " + count.Arg(q.prefix_key) +
                " AND m.email_key < " + count.Own(end) + " LIMIT " +
                count.Arg(kEmailRangeLimit) + ") email_range";
  return count;
}

SqlBuilder BothPrefixRanges(const app::MemberQuery& q, const std::string& end) {
  SqlBuilder st("");
  const std::string from = st.Arg(q.prefix_key), to = st.Own(end);
  const std::string by_username = "m.username_key >= " + from + " AND m.username_key < " + to;
  const std::string by_email = "m.email_key >= " + from + " AND m.email_key < " + to +
                               " AND NOT (" + by_username + ")";
  const std::string first = PrefixRange(st, q, by_username, "m.username_key");
  // Sorted, never walked in username order: a generic plan, which cannot see that the email
  // range is small, would otherwise walk the organization's username index to fill it.
  const std::string second = PrefixRange(st, q, by_email, "m.username_key || ''");
  st.text = "SELECT * FROM (" + first + " UNION ALL " + second +
            ") both_ranges ORDER BY sort_key LIMIT " + st.Arg(q.limit);
  return st;
}

}  // namespace roster::store::pg
