#pragma once
// The guide's guardrails as pure decisions. Each returns the error that refuses the action, or
// nullopt when the action is allowed. Callers decide inside the transaction that writes.
#include <optional>

#include "domain/error.hpp"
#include "domain/model.hpp"

namespace roster::domain {

// `actor` may manage the organization's users: an ACTIVE ADMIN.
std::optional<Error> CheckCanManage(const Member& actor);

// Change `target` to `new_role`; `active_admins` counts ACTIVE ADMINs of the organization.
std::optional<Error> CheckChangeRole(const Member& target, Role new_role, int active_admins);

// `actor` removes `target`.
std::optional<Error> CheckRemove(const Member& actor, const Member& target, int active_admins);

// Invitation lifecycle at `now`. Following a revoked or expired link is refused with a 410 code
// (the link is gone for good); an admin acting on a revoked invitation gets a 409.
std::optional<Error> CheckResend(const Invitation& invitation, Timestamp now);
std::optional<Error> CheckRevoke(const Invitation& invitation, Timestamp now);
std::optional<Error> CheckAccept(const Invitation& invitation, Timestamp now);

}  // namespace roster::domain
