// Organizations.
#include "store/members.hpp"
#include "store/sql_transaction.hpp"

namespace roster::store {
namespace {

constexpr Sql kInsertOrganization{
    "INSERT INTO organizations (id, name, name_key, created_at) VALUES ($1, $2, $3, $4)",
    Access::kUnique};
constexpr Sql kOrganization{"SELECT id, name, created_at FROM organizations WHERE id = $1"};
constexpr Sql kOrganizationByNameKey{
    "SELECT id, name, created_at FROM organizations WHERE name_key = $1"};
constexpr Sql kAllOrganizations{"SELECT id, name, created_at FROM organizations ORDER BY name_key"};
constexpr Sql kCountOrganizations{"SELECT COUNT(*) FROM organizations"};
// SQLite has no row locks: there BEGIN IMMEDIATE already holds the database for writing.
constexpr Sql kLockOrganization{"SELECT 1 FROM organizations WHERE id = $1 {FOR_UPDATE}",
                                Access::kWrite};

constexpr Sql kShareOrganization{"SELECT 1 FROM organizations WHERE id = $1 {FOR_KEY_SHARE}",
                                 Access::kWrite};

domain::Organization ReadOrganization(const Row& r) {
  return domain::Organization{r.Text(0), r.Text(1), r.Time(2)};
}

}  // namespace

void SqlTransaction::InsertOrganization(const app::OrganizationRecord& o) {
  Execute(kInsertOrganization, o.organization.id, o.organization.name, o.name_key,
          o.organization.created_at);
}

std::optional<domain::Organization> SqlTransaction::FindOrganization(std::string_view org_id) {
  return First(kOrganization, ReadOrganization, org_id);
}

std::optional<domain::Organization> SqlTransaction::FindOrganizationByNameKey(
    std::string_view name_key) {
  return First(kOrganizationByNameKey, ReadOrganization, name_key);
}

std::vector<app::OrganizationSummary> SqlTransaction::ListOrganizationSummaries() {
  std::vector<app::OrganizationSummary> out;
  Each(kAllOrganizations, [&](const Row& r) { out.push_back({ReadOrganization(r), {}}); });
  for (auto& summary : out) {
    SqlBuilder st(std::string(kMemberSelect) + kMemberFrom);
    st.text += "WHERE m.org_id = " + st.Arg(summary.organization.id) +
               " AND m.status = 'ACTIVE' AND m.role = 'ADMIN' ORDER BY m.username_key";
    Query(st, [&](const Row& r) { summary.active_admins.push_back(ReadMember(r)); });
  }
  return out;
}

int SqlTransaction::CountOrganizations() { return static_cast<int>(Number(kCountOrganizations)); }

bool SqlTransaction::LockOrganization(std::string_view org_id) {
  // A read transaction makes no guardrail decision (and may not take row locks).
  if (read_only_) return FindOrganization(org_id).has_value();
  return Exists(kLockOrganization, org_id);
}

bool SqlTransaction::ShareOrganization(std::string_view org_id) {
  if (read_only_) return FindOrganization(org_id).has_value();
  return Exists(kShareOrganization, org_id);
}

}  // namespace roster::store
