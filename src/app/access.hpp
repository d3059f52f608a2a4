#pragma once
// Who may act on an organization. Decided inside the caller's transaction.
#include <string_view>

#include "app/context.hpp"

namespace roster::app {

// The caller's ACTIVE membership of `org_id`. Throws organization_required in personal mode and
// not_a_member when the caller belongs to another organization (or was removed).
domain::Member RequireMember(Transaction& tx, const Principal& principal, std::string_view org_id);

// Locks the organization for a guardrail decision and requires an ACTIVE ADMIN caller
// (admin_required otherwise).
domain::Member RequireAdminForWrite(Transaction& tx, const Principal& principal,
                                    std::string_view org_id);
domain::Member RequireAdmin(Transaction& tx, const Principal& principal, std::string_view org_id);

// One audit row, written in the transaction of the change it records.
void RecordAudit(Transaction& tx, AppContext& ctx, const domain::Member& actor,
                 std::string_view action, std::string_view target_type,
                 std::string_view target_id, std::string_view target_label,
                 std::string details_json = "{}");

}  // namespace roster::app
