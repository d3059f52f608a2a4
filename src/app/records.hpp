#pragma once
// The records the store keeps beside the domain types, and the list queries (keyset
// pagination) of the Transaction port (ports.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/validation.hpp"

namespace roster::app {

using domain::Timestamp;

// ---- records the store keeps beside the domain types ----
struct UserRecord {
  domain::User user;
  std::string email_key;      // lower-cased email, unique
  std::string password_hash;  // argon2id string
};

struct SessionRecord {
  std::string token_hash;
  std::string user_id;
  Timestamp created_at;
  Timestamp last_seen_at;
  Timestamp expires_at;  // absolute expiry
  std::string id;        // shown to its owner; never the token
  std::string user_agent;
  std::string client_address;
};

// A mailed single-use link of an account: verify its email, or set a new password.
enum class LinkPurpose { kVerifyEmail, kResetPassword };

struct AccountLinkRecord {
  std::string token_hash;
  std::string user_id;
  LinkPurpose purpose = LinkPurpose::kVerifyEmail;
  Timestamp created_at;
  Timestamp expires_at;
};

// An organization and its active admins, for `roster admin orgs`.
struct OrganizationSummary {
  domain::Organization organization;
  std::vector<domain::Member> active_admins;
};

struct ApiTokenRecord {
  std::string id;
  std::string token_hash;
  std::string user_id;
  std::string name;
  Timestamp created_at;
};

// A credential with its user's membership (none in personal mode), read in one statement.
template <typename Credential>
struct WithMembership {
  Credential credential;
  std::optional<domain::Member> membership;
};

// An account with its membership and the membership's organization, read in one statement.
struct AccountRecord {
  UserRecord user;
  std::optional<domain::Member> membership;
  std::optional<domain::Organization> organization;
};

struct OrganizationRecord {
  domain::Organization organization;
  std::string name_key;  // unique
};

struct MemberRecord {
  std::string org_id;
  std::string user_id;
  std::string username_key;  // unique within the organization, removed members included
  std::string email_key;
  domain::Role role = domain::Role::kUser;
  Timestamp joined_at;
  std::string email;     // as displayed: copies of the user's, which never change
  std::string username;
};

// The member row of `user` in `org_id`.
inline MemberRecord MemberOf(const UserRecord& user, std::string org_id, domain::Role role,
                             Timestamp joined_at) {
  return MemberRecord{std::move(org_id), user.user.id, domain::UsernameKey(user.user.username),
                      user.email_key,    role,         joined_at,
                      user.user.email,   user.user.username};
}

struct InvitationRecord {
  domain::Invitation invitation;
  std::string email_key;
  std::string username_key;
  std::optional<std::string> latest_message_id;
};

// One outgoing email. `link` and the bodies carry the raw invitation token until the message is
// SENT (or superseded), when the store clears them.
struct OutboxMessage {
  std::string id;
  std::string invitation_id;  // empty for account mail (verification, password reset)
  std::string recipient;
  std::string subject;
  std::string body_text;
  std::string body_html;
  std::string link;
  domain::DeliveryState state = domain::DeliveryState::kQueued;
  int attempts = 0;
  Timestamp created_at;
  Timestamp next_attempt_at;
  std::string last_error;
};

// ---- list queries (keyset pagination) ----
struct MemberCursor {
  std::string username_key;
  std::string user_id;
};

struct MemberQuery {
  std::string org_id;
  std::optional<domain::MemberStatus> status;  // nullopt = ALL
  std::optional<domain::Role> role;
  std::string prefix_key;  // lower-cased prefix of username or email; empty = no filter
  std::optional<MemberCursor> after;
  int limit = 50;  // the store returns at most limit rows
};

struct InvitationCursor {
  std::int64_t created_at_ms = 0;
  std::string id;
};

struct InvitationQuery {
  std::string org_id;
  std::vector<domain::InvitationStatus> statuses;  // empty = all
  Timestamp now;                                   // to derive EXPIRED
  std::optional<InvitationCursor> after;           // newest first
  int limit = 50;
};

struct AuditQuery {
  std::string org_id;
  std::optional<std::int64_t> before_seq;  // newest first
  int limit = 50;
  std::optional<std::string> action;          // e.g. "member.removed"; nullopt = every action
  std::optional<std::string> member_user_id;  // events whose actor or target member is this user
};

struct AuditRow {
  std::int64_t seq = 0;
  domain::AuditEvent event;
};

}  // namespace roster::app
