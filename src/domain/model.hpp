#pragma once
// The domain vocabulary: users, organizations, members, invitations, audit events.
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace roster::domain {

enum class Role { kUser, kAdmin };
enum class MemberStatus { kActive, kRemoved };
// Stored states; EXPIRED is also derived from expires_at when an invitation is read.
enum class InvitationStatus { kPending, kAccepted, kRevoked, kExpired };
// Delivery states of an outbox message. A superseded message keeps its state and is marked
// cancelled apart (outbox.cancelled), so the invitation still shows how its last email went.
enum class DeliveryState { kQueued, kSent, kFailed, kDisabled };

std::string_view ToString(Role role);
std::string_view ToString(MemberStatus status);
std::string_view ToString(InvitationStatus status);
std::string_view ToString(DeliveryState state);
std::optional<Role> ParseRole(std::string_view text);
std::optional<MemberStatus> ParseMemberStatus(std::string_view text);
std::optional<InvitationStatus> ParseInvitationStatus(std::string_view text);
std::optional<DeliveryState> ParseDeliveryState(std::string_view text);

struct User {
  std::string id;
  std::string email;     // as given, domain lower-cased
  std::string username;  // as given
  Timestamp created_at;
  bool email_verified = true;  // false until the signup link is followed (SMTP configured)
};

struct Organization {
  std::string id;
  std::string name;
  Timestamp created_at;
};

struct Member {
  std::string org_id;
  std::string user_id;
  std::string email;
  std::string username;
  Role role = Role::kUser;
  MemberStatus status = MemberStatus::kActive;
  Timestamp joined_at;
  std::optional<Timestamp> removed_at;
  std::optional<std::string> removed_by;

  bool IsActiveAdmin() const { return status == MemberStatus::kActive && role == Role::kAdmin; }
};

struct Invitation {
  std::string id;
  std::string org_id;
  std::string email;
  std::string username;
  Role role = Role::kUser;
  InvitationStatus stored_status = InvitationStatus::kPending;
  Timestamp created_at;
  Timestamp expires_at;
  std::string invited_by_user_id;
  std::string invited_by_username;
  std::optional<Timestamp> accepted_at;
  std::optional<Timestamp> revoked_at;
  std::string token_hash;
  // State of the latest invitation email and, while it is undelivered (DISABLED or FAILED),
  // the link it carries.
  DeliveryState email_delivery = DeliveryState::kQueued;
  std::optional<std::string> pending_link;

  // The status a reader sees at `now`: a PENDING invitation past its expiry is EXPIRED.
  InvitationStatus StatusAt(Timestamp now) const {
    if (stored_status == InvitationStatus::kPending && now >= expires_at) {
      return InvitationStatus::kExpired;
    }
    return stored_status;
  }
};

struct AuditEvent {
  std::string id;
  std::string org_id;
  Timestamp at;
  std::string actor_user_id;
  std::string actor_username;
  std::string action;       // e.g. "member.role_changed"
  std::string target_type;  // organization | member | invitation
  std::string target_id;
  std::string target_label;
  std::string details_json;  // a JSON object, "{}" when there is nothing to add
  std::string client_address;  // where the request came from; "" for the command line
};

}  // namespace roster::domain
