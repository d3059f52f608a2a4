// The accounts' mailed links (email verification, password reset) and the account changes
// they make: a verified address, a new password, an unverified account deleted.
#include "store/sql_transaction.hpp"

namespace roster::store {
namespace {

constexpr Sql kInsertLink{
    "INSERT INTO account_links (token_hash, user_id, purpose, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)",
    Access::kWrite};
constexpr Sql kLink{
    "SELECT token_hash, user_id, purpose, created_at, expires_at FROM account_links "
    "WHERE token_hash = $1"};
constexpr Sql kDeleteLinks{"DELETE FROM account_links WHERE user_id = $1 AND purpose = $2",
                           Access::kWrite};
constexpr Sql kDeleteAllLinks{"DELETE FROM account_links WHERE user_id = $1", Access::kWrite};

constexpr Sql kSetVerified{"UPDATE users SET email_verified = 1 WHERE id = $1", Access::kWrite};
constexpr Sql kSetPassword{"UPDATE users SET password_hash = $1 WHERE id = $2", Access::kWrite};
constexpr Sql kLockUser{"SELECT 1 FROM users WHERE id = $1 {FOR_UPDATE}", Access::kWrite};
constexpr Sql kDeleteUser{"DELETE FROM users WHERE id = $1", Access::kWrite};

std::string_view PurposeName(app::LinkPurpose purpose) {
  return purpose == app::LinkPurpose::kVerifyEmail ? "VERIFY_EMAIL" : "RESET_PASSWORD";
}

app::AccountLinkRecord ReadLink(const Row& r) {
  const auto purpose = r.Text(2) == "VERIFY_EMAIL" ? app::LinkPurpose::kVerifyEmail
                                                   : app::LinkPurpose::kResetPassword;
  return {r.Text(0), r.Text(1), purpose, r.Time(3), r.Time(4)};
}

}  // namespace

void SqlTransaction::InsertAccountLink(const app::AccountLinkRecord& l) {
  Execute(kInsertLink, l.token_hash, l.user_id, PurposeName(l.purpose), l.created_at, l.expires_at);
}

std::optional<app::AccountLinkRecord> SqlTransaction::FindAccountLink(std::string_view hash) {
  return First(kLink, ReadLink, hash);
}

void SqlTransaction::DeleteAccountLinks(std::string_view user_id, app::LinkPurpose purpose) {
  Execute(kDeleteLinks, user_id, PurposeName(purpose));
}

void SqlTransaction::SetEmailVerified(std::string_view user_id) { Execute(kSetVerified, user_id); }

void SqlTransaction::SetPasswordHash(std::string_view user_id, std::string_view hash) {
  Execute(kSetPassword, hash, user_id);
}

bool SqlTransaction::LockUser(std::string_view user_id) {
  if (read_only_) return FindUserById(user_id).has_value();
  return Exists(kLockUser, user_id);
}

void SqlTransaction::DeleteUser(std::string_view user_id) {
  DeleteCredentialsOfUser(user_id);
  Execute(kDeleteAllLinks, user_id);
  Execute(kDeleteUser, user_id);
}

}  // namespace roster::store
