#pragma once
// Who may act on an organization. A route's check reads the membership that authentication
// loaded in its own transaction (none is spent on access); write use cases check again inside
// the transaction that writes; under the organization's lock only where a guardrail needs it.
#include <optional>
#include <string_view>

#include "app/context.hpp"

namespace roster::app {

// The caller's ACTIVE membership of `org_id`. Throws organization_required in personal mode and
// not_a_member when the caller belongs to another organization (or was removed).
const domain::Member& RequireMember(const std::optional<domain::Member>& membership,
                                    std::string_view org_id);
// The same, and an ADMIN (admin_required otherwise).
const domain::Member& RequireAdmin(const std::optional<domain::Member>& membership,
                                   std::string_view org_id);

// Locks the organization of `admin` for a guardrail decision and reads the caller's membership
// again under the lock: the caller must still be an ACTIVE ADMIN of it.
domain::Member RequireAdminForWrite(Transaction& tx, const domain::Member& admin);
// Reads the caller's membership again in `tx`, without the lock: for writes that no guardrail
// of the organization's admin set decides (unique indexes back their other rules).
domain::Member RequireAdminInTransaction(Transaction& tx, const domain::Member& admin);
// The same after waiting for the role changes and removals in progress (ShareOrganization):
// the caller is still an ACTIVE ADMIN until the commit; writers of this kind run in parallel.
domain::Member RequireAdminSharing(Transaction& tx, const domain::Member& admin);

// One audit row, written in the transaction of the change it records. `client_address` is
// where the actor's request came from ("" for the command line).
void RecordAudit(Transaction& tx, AppContext& ctx, const domain::Member& actor,
                 std::string_view client_address, std::string_view action, std::string_view target_type,
                 std::string_view target_id, std::string_view target_label,
                 std::string details_json = "{}");

}  // namespace roster::app
