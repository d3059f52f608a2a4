// What is PostgreSQL's own: row locks, SKIP LOCKED claims, a migration step serialized by an
// advisory lock, constraints by name, and the two-range prefix search (LIKE when it cannot).
#include <utility>

#include "store/dialect.hpp"
#include "store/members.hpp"

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

// Email-prefix matches up to which a search reads both prefix ranges and merges them.
constexpr int kEmailRangeLimit = 1000;

// The least string above every string that starts with `prefix` ("C" order), or nullopt when
// the last byte is not ASCII below DEL (incrementing it could leave UTF-8).
std::optional<std::string> PrefixEnd(std::string_view prefix) {
  if (prefix.empty() || static_cast<unsigned char>(prefix.back()) >= 0x7F) return std::nullopt;
  std::string end(prefix);
  ++end.back();
  return end;
}

// One key's prefix range in username order, `limit` rows at most, through the key's index.
std::string PrefixRange(SqlBuilder& st, const app::MemberQuery& q, const std::string& condition) {
  std::string saved = std::exchange(st.text, "(");
  st.text += std::string(kMemberSelect) + ", m.username_key AS sort_key" + kMemberFrom +
             "WHERE m.org_id = " + st.Arg(q.org_id) + " AND " + condition;
  AppendMemberFilters(st, q);
  st.text += std::string(" ORDER BY m.username_key LIMIT ") + st.Arg(q.limit) + ")";
  return std::exchange(st.text, std::move(saved));
}

// The first q.limit members in username order whose username_key or email_key starts with
// q.prefix_key: both ranges read through their indexes, `limit` rows each, merged in one
// statement (the email range without the members the username range already has); nullopt
// (the LIKE walk) when the email range is too large to sort.
std::optional<std::vector<domain::Member>> SearchBothRanges(Db& db, const app::MemberQuery& q) {
  const auto end = PrefixEnd(q.prefix_key);
  if (!end) return std::nullopt;
  // The email range is sorted by username: past kEmailRangeLimit matches the walk is cheaper.
  SqlBuilder count("SELECT COUNT(*) FROM (SELECT 1 FROM members m WHERE m.org_id = ");
  count.text += count.Arg(q.org_id) + " AND m.email_key >= " + count.Arg(q.prefix_key) +
                " AND m.email_key < " + count.Own(*end) + " LIMIT " +
                count.Arg(kEmailRangeLimit) + ") email_range";
  std::int64_t email_matches = 0;
  db.Query(count, [&](const Row& r) { email_matches = r.Int(0); });
  if (email_matches >= kEmailRangeLimit) return std::nullopt;
  SqlBuilder st("");
  const std::string from = st.Arg(q.prefix_key), to = st.Own(*end);
  const std::string by_username =
      "m.username_key >= " + from + " AND m.username_key < " + to;
  const std::string by_email = "m.email_key >= " + from + " AND m.email_key < " + to +
                               " AND NOT (" + by_username + ")";
  const std::string first = PrefixRange(st, q, by_username);
  const std::string second = PrefixRange(st, q, by_email);
  st.text = "SELECT * FROM (" + first + " UNION ALL " + second +
            ") both_ranges ORDER BY sort_key LIMIT " + st.Arg(q.limit);
  std::vector<domain::Member> out;
  db.Query(st, [&](const Row& r) { out.push_back(ReadMember(r)); });
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
