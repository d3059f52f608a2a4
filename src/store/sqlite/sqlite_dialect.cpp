// What is SQLite's own: ?NNN placeholders, no row locks (BEGIN IMMEDIATE holds the database),
// unique constraints named by their columns, and the two-range users-list search.
#include <algorithm>
#include <array>

#include "store/dialect.hpp"
#include "store/members.hpp"
#include "store/sqlite/sqlite_search.hpp"

namespace roster::store {
namespace sqlite {
namespace {

// Email-prefix matches up to which a search reads both prefix ranges and merges them.
constexpr int kEmailRangeLimit = 1000;

// A prefix is the range [prefix, prefix + 0xFF) of a key.
std::string PrefixEnd(const std::string& prefix) { return prefix + "\xFF"; }

// '+' keeps the planner from reading both key ranges through their indexes and sorting them
// all (it may, with statistics); the walk stops after `limit` matches.
void MemberPrefix(SqlBuilder& st, const app::MemberQuery& q) {
  const std::string from = st.Arg(q.prefix_key), to = st.Own(PrefixEnd(q.prefix_key));
  st.text += " AND ((m.username_key >= " + from + " AND m.username_key < " + to +
             ") OR (+m.email_key >= " + from + " AND +m.email_key < " + to + "))";
}

SqlBuilder PrefixRange(std::string select, const char* key, const app::MemberQuery& q) {
  SqlBuilder st(std::move(select));
  // Numbered in this order (WithValues binds in it): one declaration sequences them.
  const std::string org = st.Arg(q.org_id), from = st.Arg(q.prefix_key),
                    to = st.Own(PrefixEnd(q.prefix_key));
  st.text +=
      "WHERE m.org_id = " + org + " AND m." + key + " >= " + from + " AND m." + key + " < " + to;
  AppendMemberFilters(st, q);
  return st;
}

SqlBuilder BuildEmailPrefixKeys(const app::MemberQuery& q, int limit) {
  auto st = PrefixRange("SELECT m.rowid, m.username_key FROM members m ", "email_key", q);
  st.text += " LIMIT " + st.Arg(limit);
  return st;
}

SqlBuilder BuildUsernamePrefixRows(const app::MemberQuery& q) {
  auto st =
      PrefixRange(std::string(kMemberSelect) + ", m.username_key" + kMemberFrom, "username_key", q);
  st.text += " ORDER BY m.username_key LIMIT " + st.Arg(q.limit);
  return st;
}

// The search statements' texts differ only by which of the optional filters a query sets, so
// each is built once per combination rather than on every search.
int FilterShape(const app::MemberQuery& q) {
  return (q.status ? 1 : 0) | (q.role ? 2 : 0) | (q.after ? 4 : 0);
}

struct SearchTexts {
  std::string email_keys;
  std::string username_rows;
};

const SearchTexts& SearchTextsFor(const app::MemberQuery& q) {
  static const auto texts = [] {
    std::array<SearchTexts, 8> all;
    for (int shape = 0; shape < 8; ++shape) {
      app::MemberQuery sample;
      if (shape & 1) sample.status = domain::MemberStatus::kActive;
      if (shape & 2) sample.role = domain::Role::kUser;
      if (shape & 4) sample.after = app::MemberCursor{};
      all[shape] = {BuildEmailPrefixKeys(sample, 0).text, BuildUsernamePrefixRows(sample).text};
    }
    return all;
  }();
  return texts[FilterShape(q)];
}

// A PrefixRange statement of text `text` with q's values, in the order PrefixRange and
// AppendMemberFilters number them, then the LIMIT.
SqlBuilder WithValues(const std::string& text, const app::MemberQuery& q, int limit) {
  SqlBuilder st(text);
  st.params.reserve(7);
  st.params.insert(st.params.end(), {q.org_id, q.prefix_key});
  st.Own(PrefixEnd(q.prefix_key));
  if (q.status) st.params.push_back(ToString(*q.status));
  if (q.role) st.params.push_back(ToString(*q.role));
  if (q.after) st.params.push_back(q.after->username_key);
  st.params.push_back(std::int64_t{limit});
  return st;
}

// A member known by rowid only, with the username_key that orders the users list.
struct KeyedRow {
  std::int64_t rowid;
  std::string username_key;
};

// The members of `rows`, in that order, read by one statement (placed by array index rather
// than sorted by SQLite, which would copy every row into a temporary b-tree).
std::vector<domain::Member> MembersInOrder(Db& db, const std::vector<KeyedRow>& rows) {
  std::string rowids = "[";
  for (const auto& row : rows) {
    if (rowids.size() > 1) rowids += ',';
    rowids += std::to_string(row.rowid);
  }
  rowids += ']';
  std::vector<domain::Member> out(rows.size());
  db.Each(
      kMembersByRowid,
      [&](const Row& r) { out.at(static_cast<std::size_t>(r.Int(9))) = ReadMember(r); }, rowids);
  return out;
}

// The first `q.limit` members in username order whose username_key or email_key starts with
// q.prefix_key, or nullopt when the email range is too large to merge (kEmailRangeLimit).
// The username range is read whole, in order, `limit` rows at most; the email range only from
// its index (which carries username_key); the two are merged here and only the email-only
// matches that make the page are read afterwards.
std::optional<std::vector<domain::Member>> SearchBothRanges(Db& db, const app::MemberQuery& q) {
  std::vector<KeyedRow> by_email;
  db.Query(EmailPrefixKeys(q, kEmailRangeLimit), [&](const Row& r) {
    by_email.push_back({r.Int(0), r.Text(1)});
  });
  if (by_email.size() >= static_cast<std::size_t>(kEmailRangeLimit)) return std::nullopt;
  std::sort(by_email.begin(), by_email.end(),
            [](const KeyedRow& a, const KeyedRow& b) { return a.username_key < b.username_key; });

  std::vector<domain::Member> out;
  out.reserve(static_cast<std::size_t>(std::max(q.limit, 0)));
  std::vector<KeyedRow> email_only;        // matches to read afterwards ...
  std::vector<std::size_t> email_only_at;  // ... and their places in `out`
  const auto limit = static_cast<std::size_t>(q.limit);
  auto email = by_email.begin();
  auto take_email_before = [&](const std::string* key) {
    for (; email != by_email.end() && out.size() < limit &&
           (key == nullptr || email->username_key < *key);
         ++email) {
      email_only_at.push_back(out.size());
      email_only.push_back(*email);
      out.emplace_back();
    }
  };
  db.Query(UsernamePrefixRows(q), [&](const Row& r) {
    const std::string key = r.Text(9);
    take_email_before(&key);
    if (out.size() == limit) return false;
    if (email != by_email.end() && email->username_key == key) ++email;  // matched by both
    out.push_back(ReadMember(r));
    return out.size() < limit;
  });
  take_email_before(nullptr);
  if (!email_only.empty()) {
    auto read = MembersInOrder(db, email_only);
    for (std::size_t i = 0; i < read.size(); ++i) out[email_only_at[i]] = std::move(read[i]);
  }
  // Every rowid was read in this same transaction, so no place stays empty; stay safe anyway.
  std::erase_if(out, [](const domain::Member& m) { return m.user_id.empty(); });
  return out;
}

// Unique constraints by the columns SQLite's message lists.
constexpr Conflict kConflicts[] = {
    {"users.email_key", domain::ErrorCode::kEmailRegistered},
    {"organizations.name_key", domain::ErrorCode::kOrganizationNameTaken},
    {"members.user_id", domain::ErrorCode::kAlreadyInOrganization},
    {"members.org_id, members.username_key", domain::ErrorCode::kUsernameTaken},
    {"invitations.org_id, invitations.email_key", domain::ErrorCode::kEmailInvited},
    {"invitations.org_id, invitations.username_key", domain::ErrorCode::kUsernameTaken},
    {"org_names.org_id, org_names.username_key", domain::ErrorCode::kUsernameTaken},
};

}  // namespace

SqlBuilder EmailPrefixKeys(const app::MemberQuery& q, int limit) {
  return WithValues(SearchTextsFor(q).email_keys, q, limit);
}

SqlBuilder UsernamePrefixRows(const app::MemberQuery& q) {
  return WithValues(SearchTextsFor(q).username_rows, q, q.limit);
}

const Sql kMembersByRowid{
    "SELECT m.org_id, m.user_id, m.email, m.username, m.role, m.status, m.joined_at, "
    "m.removed_at, m.removed_by, j.key FROM json_each($1) j CROSS JOIN members m ON "
    "m.rowid = j.value"};

}  // namespace sqlite

const Dialect& SqliteDialect() {
  static const Dialect dialect{
      .placeholder = '?',
      .for_update = "",
      .for_key_share = "",
      .skip_locked = "",
      .begin_migration = "BEGIN IMMEDIATE",
      .migrations = SqliteMigrations(),
      .conflicts = sqlite::kConflicts,
      .member_prefix = &sqlite::MemberPrefix,
      .search_members = &sqlite::SearchBothRanges,
  };
  return dialect;
}

}  // namespace roster::store
