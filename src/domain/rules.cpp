#include "domain/rules.hpp"

namespace roster::domain {

std::optional<Error> CheckCanManage(const Member& actor) {
  if (!actor.IsActiveAdmin()) {
    return Error(ErrorCode::kAdminRequired, "Only an active ADMIN of the organization can do this.");
  }
  return std::nullopt;
}

std::optional<Error> CheckChangeRole(const Member& target, Role new_role, int active_admins) {
  if (target.status == MemberStatus::kRemoved) {
    return Error(ErrorCode::kMemberRemoved, "Removed users cannot be modified.");
  }
  if (target.role == Role::kAdmin && new_role != Role::kAdmin && active_admins <= 1) {
    return Error(ErrorCode::kLastAdmin, "The organization must keep at least one active admin.");
  }
  return std::nullopt;
}

std::optional<Error> CheckRemove(const Member& actor, const Member& target, int active_admins) {
  if (target.status == MemberStatus::kRemoved) {
    return Error(ErrorCode::kMemberRemoved, "This user is already removed.");
  }
  if (actor.user_id == target.user_id) {
    return Error(ErrorCode::kCannotRemoveSelf, "Admins cannot remove themselves.");
  }
  if (target.IsActiveAdmin() && active_admins <= 1) {
    return Error(ErrorCode::kLastAdmin, "The last active admin cannot be removed.");
  }
  return std::nullopt;
}

std::optional<Error> CheckResend(const Invitation& invitation, Timestamp now) {
  switch (invitation.StatusAt(now)) {
    case InvitationStatus::kAccepted:
      return Error(ErrorCode::kInvitationAccepted, "This invitation was already accepted.");
    case InvitationStatus::kRevoked:
      return Error(ErrorCode::kInvitationRevoked, "This invitation was revoked.");
    case InvitationStatus::kPending:
    case InvitationStatus::kExpired:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Error> CheckRevoke(const Invitation& invitation, Timestamp now) {
  if (invitation.StatusAt(now) == InvitationStatus::kAccepted) {
    return Error(ErrorCode::kInvitationAccepted, "Accepted invitations cannot be revoked.");
  }
  return std::nullopt;
}

std::optional<Error> CheckAccept(const Invitation& invitation, Timestamp now) {
  switch (invitation.StatusAt(now)) {
    case InvitationStatus::kAccepted:
      return Error(ErrorCode::kInvitationAccepted, "This invitation was already accepted.");
    case InvitationStatus::kRevoked:
      return Error(ErrorCode::kInvitationLinkRevoked, "This invitation was revoked.");
    case InvitationStatus::kExpired:
      return Error(ErrorCode::kInvitationExpired,
                   "This invitation has expired. Ask an admin to resend it.");
    case InvitationStatus::kPending:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace roster::domain
