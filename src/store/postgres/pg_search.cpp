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

std::string PrefixPattern(std::string_view prefix) {
  std::string pattern;
  for (char c : prefix) {
    if (c == '\\' || c == '%' || c == '_') pattern += '\\';
    pattern += c;
  }
  return pattern + '%';
}

std::optional<std::string> PrefixEnd(std::string_view prefix) {
  if (prefix.empty() || static_cast<unsigned char>(prefix.back()) >= 0x7F) return std::nullopt;
  std::string end(prefix);
  ++end.back();
  return end;
}

SqlBuilder BothPrefixRanges(const app::MemberQuery& q, const std::string& end) {
  SqlBuilder st("");
  const std::string from = st.Arg(q.prefix_key), to = st.Own(end);
  const std::string by_username = "m.username_key >= " + from + " AND m.username_key < " + to;
  const std::string in_email_range = "m.email_key >= " + from + " AND m.email_key < " + to;
  const std::string count = "WITH email_range AS (SELECT COUNT(*) AS n FROM (SELECT 1 FROM "
                            "members m WHERE m.org_id = " + st.Arg(q.org_id) + " AND " +
                            in_email_range + " LIMIT " + st.Arg(kEmailRangeLimit) + ") e) ";
  const std::string small = "(SELECT n FROM email_range) < " + st.Arg(kEmailRangeLimit);
  const std::string first = PrefixRange(st, q, small + " AND " + by_username, "m.username_key");
  // Sorted, never walked in username order: a generic plan, which cannot see that the email
  // range is small, would otherwise walk the organization's username index to fill it.
  const std::string second =
      PrefixRange(st, q, small + " AND " + in_email_range + " AND NOT (" + by_username + ")",
                  "m.username_key || ''");
  // Past kEmailRangeLimit email matches, sorting them costs more than walking in username order.
  const std::string pattern = st.Own(PrefixPattern(q.prefix_key));
  const std::string walk = PrefixRange(
      st, q,
      "NOT " + small + " AND (m.username_key LIKE " + pattern + " OR m.email_key LIKE " +
          pattern + ")",
      "m.username_key");
  // Wrapped in a SELECT, as reads must be (a WITH could write).
  st.text = "SELECT * FROM (" + count + "SELECT * FROM (" + first + " UNION ALL " + second +
            " UNION ALL " + walk + ") ranges ORDER BY sort_key LIMIT " + st.Arg(q.limit) +
            ") found";
  return st;
}

}  // namespace roster::store::pg
