// Authentication's reads: a credential with its user's membership, and an account with its
// membership and organization, each in one statement.
#include "store/accounts.hpp"
#include "store/members.hpp"
#include "store/sql_transaction.hpp"

namespace roster::store {
namespace {

#define ROSTER_MEMBER_COLUMNS                                                             \
  "m.org_id, m.user_id, m.email, m.username, m.role, m.status, m.joined_at, m.removed_at, " \
  "m.removed_by"
// members.user_id is the primary key: at most one membership per user.
constexpr Sql kSessionWithMembership{
    "SELECT s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.id, "
    "s.user_agent, s.client_address, " ROSTER_MEMBER_COLUMNS
    " FROM sessions s LEFT JOIN members m ON m.user_id = s.user_id WHERE s.token_hash = $1"};
constexpr int kSessionColumns = 8;
constexpr Sql kApiTokenWithMembership{
    "SELECT t.id, t.token_hash, t.user_id, t.name, t.created_at, " ROSTER_MEMBER_COLUMNS
    " FROM api_tokens t LEFT JOIN members m ON m.user_id = t.user_id WHERE t.token_hash = $1"};
constexpr int kApiTokenColumns = 5;
constexpr Sql kAccount{
    "SELECT u.id, u.email, u.username, u.created_at, u.email_key, u.password_hash, "
    "u.email_verified, " ROSTER_MEMBER_COLUMNS
    ", o.id, o.name, o.created_at FROM users u LEFT JOIN members m ON m.user_id = u.id "
    "LEFT JOIN organizations o ON o.id = m.org_id WHERE u.id = $1"};
constexpr int kUserColumns = 7;
constexpr int kMemberColumns = 9;
#undef ROSTER_MEMBER_COLUMNS

// The membership whose columns start at `first`; none when the LEFT JOIN found no row.
std::optional<domain::Member> ReadMembership(const Row& row, int first) {
  if (row.IsNull(first)) return std::nullopt;
  return ReadMember(RowFrom(row, first));
}

}  // namespace

std::optional<app::WithMembership<app::SessionRecord>> SqlTransaction::FindSessionWithMembership(
    std::string_view token_hash) {
  return First(
      kSessionWithMembership,
      [](const Row& r) {
        return app::WithMembership<app::SessionRecord>{ReadSession(r),
                                                       ReadMembership(r, kSessionColumns)};
      },
      token_hash);
}

std::optional<app::WithMembership<app::ApiTokenRecord>>
SqlTransaction::FindApiTokenWithMembership(std::string_view token_hash) {
  return First(
      kApiTokenWithMembership,
      [](const Row& r) {
        return app::WithMembership<app::ApiTokenRecord>{ReadApiToken(r),
                                                        ReadMembership(r, kApiTokenColumns)};
      },
      token_hash);
}

std::optional<app::AccountRecord> SqlTransaction::FindAccount(std::string_view user_id) {
  return First(
      kAccount,
      [](const Row& r) {
        app::AccountRecord account{ReadUser(r), ReadMembership(r, kUserColumns), std::nullopt};
        constexpr int kOrg = kUserColumns + kMemberColumns;
        if (!r.IsNull(kOrg)) {
          account.organization = domain::Organization{r.Text(kOrg), r.Text(kOrg + 1),
                                                      r.Time(kOrg + 2)};
        }
        return account;
      },
      user_id);
}

}  // namespace roster::store
