#include "domain/model.hpp"

namespace roster::domain {

std::string_view ToString(Role role) { return role == Role::kAdmin ? "ADMIN" : "USER"; }

std::string_view ToString(MemberStatus status) {
  return status == MemberStatus::kActive ? "ACTIVE" : "REMOVED";
}

std::string_view ToString(InvitationStatus status) {
  switch (status) {
    case InvitationStatus::kPending: return "PENDING";
    case InvitationStatus::kAccepted: return "ACCEPTED";
    case InvitationStatus::kRevoked: return "REVOKED";
    case InvitationStatus::kExpired: return "EXPIRED";
  }
  return "PENDING";
}

std::string_view ToString(DeliveryState state) {
  switch (state) {
    case DeliveryState::kQueued: return "QUEUED";
    case DeliveryState::kSent: return "SENT";
    case DeliveryState::kFailed: return "FAILED";
    case DeliveryState::kDisabled: return "DISABLED";
  }
  return "QUEUED";
}

std::optional<Role> ParseRole(std::string_view text) {
  if (text == "USER") return Role::kUser;
  if (text == "ADMIN") return Role::kAdmin;
  return std::nullopt;
}

std::optional<MemberStatus> ParseMemberStatus(std::string_view text) {
  if (text == "ACTIVE") return MemberStatus::kActive;
  if (text == "REMOVED") return MemberStatus::kRemoved;
  return std::nullopt;
}

std::optional<InvitationStatus> ParseInvitationStatus(std::string_view text) {
  if (text == "PENDING") return InvitationStatus::kPending;
  if (text == "ACCEPTED") return InvitationStatus::kAccepted;
  if (text == "REVOKED") return InvitationStatus::kRevoked;
  if (text == "EXPIRED") return InvitationStatus::kExpired;
  return std::nullopt;
}

std::optional<DeliveryState> ParseDeliveryState(std::string_view text) {
  if (text == "QUEUED") return DeliveryState::kQueued;
  if (text == "SENT") return DeliveryState::kSent;
  if (text == "FAILED") return DeliveryState::kFailed;
  if (text == "DISABLED") return DeliveryState::kDisabled;
  return std::nullopt;
}

}  // namespace roster::domain
