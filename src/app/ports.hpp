#pragma once
// Ports that the application layer owns and the outer layers implement: the Store (with its
// transactions), the clock, randomness, password hashing and the mail wake-up.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/records.hpp"
#include "domain/model.hpp"
#include "domain/validation.hpp"

namespace roster::app {

class OidcTables;  // app/oidc/oidc_store.hpp

using domain::Timestamp;

// Thrown by a shared hold's limit check (Transaction::HoldInvitationLimits) when the creations
// in flight could decide the limit: the transaction is rolled back and run again exclusive.
struct NearInvitationLimit {};

// A unit of work. Reads and writes go through it; nothing is visible to others before Commit().
// Destroying it without Commit() rolls back. A write transaction holds the row locks it takes
// (LockOrganization, LockInvitation, LockUser: PostgreSQL) or the database from its start (SQLite).
// Unique-index violations are thrown as domain::Error with the matching conflict code.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual void Commit() = 0;

  // users
  virtual void InsertUser(const UserRecord& user) = 0;
  virtual std::optional<UserRecord> FindUserByEmailKey(std::string_view email_key) = 0;
  virtual std::optional<UserRecord> FindUserById(std::string_view user_id) = 0;
  virtual void SetEmailVerified(std::string_view user_id) = 0;
  virtual void SetPasswordHash(std::string_view user_id, std::string_view password_hash) = 0;
  // Serializes changes to one account (an unverified account's takeover against its login):
  // SELECT ... FOR UPDATE on PostgreSQL. False when the account does not exist.
  virtual bool LockUser(std::string_view user_id) = 0;
  // Deletes an account with its sessions, API tokens and links (an unverified account whose
  // address is taken over). Never called for a member of an organization.
  virtual void DeleteUser(std::string_view user_id) = 0;
  virtual std::optional<AccountRecord> FindAccount(std::string_view user_id) = 0;

  // sessions and API tokens
  virtual void InsertSession(const SessionRecord& session) = 0;
  virtual std::optional<SessionRecord> FindSession(std::string_view token_hash) = 0;
  virtual void TouchSession(std::string_view token_hash, Timestamp at) = 0;
  virtual void DeleteSession(std::string_view token_hash) = 0;
  virtual void InsertApiToken(const ApiTokenRecord& token) = 0;
  virtual std::optional<ApiTokenRecord> FindApiToken(std::string_view token_hash) = 0;
  // The same with the user's membership: authentication and the access check in one read.
  virtual std::optional<WithMembership<SessionRecord>> FindSessionWithMembership(
      std::string_view token_hash) = 0;
  virtual std::optional<WithMembership<ApiTokenRecord>> FindApiTokenWithMembership(
      std::string_view token_hash) = 0;
  // Revokes every session and API token of the user.
  virtual void DeleteCredentialsOfUser(std::string_view user_id) = 0;
  // The user's unexpired sessions at `now`, newest first.
  virtual std::vector<SessionRecord> ListSessionsOfUser(std::string_view user_id,
                                                        Timestamp now) = 0;
  // False when the user has no session with that id.
  virtual bool DeleteSessionById(std::string_view user_id, std::string_view session_id) = 0;
  // Ends every session of the user except the one whose hash is `keep_token_hash` (if any).
  virtual void DeleteSessionsOfUser(std::string_view user_id,
                                    std::string_view keep_token_hash) = 0;

  // account links (email verification, password reset)
  virtual void InsertAccountLink(const AccountLinkRecord& link) = 0;
  virtual std::optional<AccountLinkRecord> FindAccountLink(std::string_view token_hash) = 0;
  virtual void DeleteAccountLinks(std::string_view user_id, LinkPurpose purpose) = 0;

  // organizations
  virtual void InsertOrganization(const OrganizationRecord& org) = 0;
  virtual std::optional<domain::Organization> FindOrganization(std::string_view org_id) = 0;
  virtual int CountOrganizations() = 0;
  virtual std::optional<domain::Organization> FindOrganizationByNameKey(
      std::string_view name_key) = 0;
  // Every organization, by name, with its active admins.
  virtual std::vector<OrganizationSummary> ListOrganizationSummaries() = 0;
  // Serializes guardrail decisions on one organization (SELECT ... FOR UPDATE); false if absent.
  virtual bool LockOrganization(std::string_view org_id) = 0;
  // Waits for the guardrail decisions in progress on the organization and keeps new ones out
  // until the commit (FOR KEY SHARE on PostgreSQL); writers sharing it do not wait for each
  // other. Never followed by LockOrganization in one transaction (two sharers would deadlock).
  virtual bool ShareOrganization(std::string_view org_id) = 0;

  // members (a user is a member of at most one organization)
  virtual void InsertMember(const MemberRecord& member) = 0;
  virtual std::optional<domain::Member> FindMember(std::string_view org_id,
                                                   std::string_view user_id) = 0;
  virtual std::optional<domain::Member> FindMembershipOfUser(std::string_view user_id) = 0;
  virtual int CountActiveAdmins(std::string_view org_id) = 0;
  virtual bool IsUsernameUsedByMember(std::string_view org_id, std::string_view username_key) = 0;
  // Gives an ACTIVE member `role`; false when the member is not ACTIVE or already has it.
  virtual bool UpdateMemberRole(std::string_view org_id, std::string_view user_id,
                                domain::Role role) = 0;
  // Removes an ACTIVE member whose role is `role`; false when the member changed since it was
  // read (no longer ACTIVE or another role).
  virtual bool MarkMemberRemoved(std::string_view org_id, std::string_view user_id,
                                 domain::Role role, Timestamp at,
                                 std::string_view removed_by) = 0;
  virtual std::vector<domain::Member> ListMembers(const MemberQuery& query) = 0;

  // invitations
  virtual void InsertInvitation(const InvitationRecord& invitation) = 0;
  // Writes status, token_hash, expires_at, accepted_at, revoked_at and latest_message_id.
  virtual void UpdateInvitation(const InvitationRecord& invitation) = 0;
  virtual std::optional<InvitationRecord> FindInvitation(std::string_view org_id,
                                                         std::string_view invitation_id) = 0;
  virtual std::optional<InvitationRecord> FindInvitationByTokenHash(
      std::string_view token_hash) = 0;
  // Stored-PENDING invitations of the organization that hold `email_key` or `username_key` and
  // are past their expiry become EXPIRED, so they release what they held.
  virtual void ReleaseExpiredHolders(std::string_view org_id, std::string_view email_key,
                                     std::string_view username_key, Timestamp now) = 0;
  virtual bool IsEmailHeldByPendingInvitation(std::string_view org_id,
                                              std::string_view email_key) = 0;
  // True when a member (removed ones included) or a PENDING invitation holds the username.
  virtual bool IsUsernameHeld(std::string_view org_id, std::string_view username_key) = 0;
  // Serializes the changes of one invitation (accept, resend, revoke, expiry) without holding
  // its organization: SELECT ... FOR UPDATE on PostgreSQL. False when it does not exist.
  virtual bool LockInvitation(std::string_view invitation_id) = 0;
  virtual bool IsUsernameHeldByPendingInvitation(std::string_view org_id,
                                                 std::string_view username_key) = 0;
  virtual std::vector<domain::Invitation> ListInvitations(const InvitationQuery& query) = 0;
  // Before the abuse limits of a creation: holds the organization's invitation limits until the
  // commit. Shared, creations of one organization run side by side and the limits are answered
  // for all of them at once; the checks below throw NearInvitationLimit when the creations in
  // flight could decide one, and the creation is run again exclusive, alone in its organization.
  // A database with a single writer needs nothing (SQLite).
  virtual void HoldInvitationLimits(std::string_view /*org_id*/, bool /*exclusive*/) {}
  // Abuse limits, answered from counters in O(1) unless the organization is near a limit.
  // When `limit` or more invitations of the organization were created after `since`: the
  // creation time of the oldest of the `limit` most recent ones (the limit frees up a window
  // after it); otherwise nullopt.
  virtual std::optional<Timestamp> InvitationRateLimitReached(std::string_view org_id,
                                                              Timestamp since, int limit) = 0;
  // True when the organization has `cap` or more PENDING invitations not yet expired at `now`.
  virtual bool PendingInvitationCapReached(std::string_view org_id, Timestamp now, int cap) = 0;

  // outbox
  virtual void InsertOutboxMessage(const OutboxMessage& message) = 0;
  // Marks every unsent message of the invitation cancelled (it keeps its delivery state, is never
  // claimed again) and clears its token-bearing fields.
  virtual void CancelOutboxMessagesOf(std::string_view invitation_id) = 0;
  // Claims up to `limit` QUEUED or FAILED messages due at `now` for `lease` (other workers skip
  // them until then: FOR UPDATE SKIP LOCKED on PostgreSQL).
  virtual std::vector<OutboxMessage> ClaimDueMessages(Timestamp now, Timestamp lease_until,
                                                      int limit) = 0;
  // Records a delivery attempt. SENT clears the link and bodies; DISABLED and FAILED keep them.
  virtual void RecordDelivery(std::string_view message_id, domain::DeliveryState state,
                              int attempts, Timestamp next_attempt_at,
                              std::string_view last_error) = 0;
  virtual std::optional<OutboxMessage> FindOutboxMessage(std::string_view message_id) = 0;
  // Messages still to be attempted (queued, or failed with a retry ahead): the outbox depth.
  virtual std::int64_t CountUndeliveredMessages() = 0;

  // audit
  virtual void InsertAuditEvent(const domain::AuditEvent& event) = 0;
  virtual std::vector<AuditRow> ListAuditEvents(const AuditQuery& query) = 0;

  // the OpenID Connect provider's tables (app/oidc/oidc_store.hpp)
  virtual OidcTables& Oidc() = 0;
};

enum class TxMode { kRead, kWrite };

class Store {
 public:
  virtual ~Store() = default;
  virtual std::unique_ptr<Transaction> Begin(TxMode mode) = 0;
  // Throws when the database does not answer (for /readyz).
  virtual void Ping() = 0;
  // The value stored under `name`, storing `candidate` first when there is none. Every instance
  // on this database gets the same value (e.g. the key that signs pagination cursors).
  virtual std::string LoadOrCreateSecret(std::string_view name, const std::string& candidate) = 0;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class Random {
 public:
  virtual ~Random() = default;
  virtual std::string Bytes(std::size_t count) = 0;
};

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual std::string Hash(std::string_view password) = 0;
  virtual bool Verify(std::string_view hash, std::string_view password) = 0;
};

// Wakes the mail delivery worker after a commit that queued a message.
class MailSignal {
 public:
  virtual ~MailSignal() = default;
  virtual void MessageQueued() = 0;
};

}  // namespace roster::app
