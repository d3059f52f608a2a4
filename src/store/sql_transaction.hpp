#pragma once
// The app's Transaction port, written once for both databases: each entity file (accounts.cpp,
// organizations.cpp, members.cpp, invitations.cpp, outbox.cpp, audit.cpp) implements its part
// on the Db interface. An adapter derives from it and supplies Run, Script and Commit
// (sqlite/sqlite_store.cpp, postgres/postgres_transaction.cpp).
#include "app/oidc/oidc_store.hpp"
#include "app/ports.hpp"
#include "store/db.hpp"
#include "store/dialect.hpp"

namespace roster::store {

class SqlTransaction : public app::Transaction, public app::OidcTables, public Db {
 public:
  SqlTransaction(const Dialect& dialect, bool read_only)
      : dialect_(dialect), read_only_(read_only) {}

  bool IsPostgres() const { return &dialect_ == &PostgresDialect(); }

  // The value stored under `name`, storing `candidate` first when there is none; commits.
  std::string LoadOrCreateSecret(std::string_view name, const std::string& candidate);

  void InsertUser(const app::UserRecord& user) override;
  std::optional<app::UserRecord> FindUserByEmailKey(std::string_view email_key) override;
  std::optional<app::UserRecord> FindUserById(std::string_view user_id) override;
  void SetEmailVerified(std::string_view user_id) override;
  void SetPasswordHash(std::string_view user_id, std::string_view password_hash) override;
  bool LockUser(std::string_view user_id) override;
  void DeleteUser(std::string_view user_id) override;
  std::optional<app::AccountRecord> FindAccount(std::string_view user_id) override;

  void InsertSession(const app::SessionRecord& session) override;
  std::optional<app::SessionRecord> FindSession(std::string_view token_hash) override;
  void TouchSession(std::string_view token_hash, app::Timestamp at) override;
  void DeleteSession(std::string_view token_hash) override;
  void InsertApiToken(const app::ApiTokenRecord& token) override;
  std::optional<app::ApiTokenRecord> FindApiToken(std::string_view token_hash) override;
  std::optional<app::WithMembership<app::SessionRecord>> FindSessionWithMembership(
      std::string_view token_hash) override;
  std::optional<app::WithMembership<app::ApiTokenRecord>> FindApiTokenWithMembership(
      std::string_view token_hash) override;
  void DeleteCredentialsOfUser(std::string_view user_id) override;
  std::vector<app::SessionRecord> ListSessionsOfUser(std::string_view user_id,
                                                     app::Timestamp now) override;
  bool DeleteSessionById(std::string_view user_id, std::string_view session_id) override;
  void DeleteSessionsOfUser(std::string_view user_id, std::string_view keep_token_hash) override;

  void InsertAccountLink(const app::AccountLinkRecord& link) override;
  std::optional<app::AccountLinkRecord> FindAccountLink(std::string_view token_hash) override;
  void DeleteAccountLinks(std::string_view user_id, app::LinkPurpose purpose) override;

  void InsertOrganization(const app::OrganizationRecord& org) override;
  std::optional<domain::Organization> FindOrganization(std::string_view org_id) override;
  int CountOrganizations() override;
  std::optional<domain::Organization> FindOrganizationByNameKey(
      std::string_view name_key) override;
  std::vector<app::OrganizationSummary> ListOrganizationSummaries() override;
  bool LockOrganization(std::string_view org_id) override;
  bool ShareOrganization(std::string_view org_id) override;

  void InsertMember(const app::MemberRecord& member) override;
  std::optional<domain::Member> FindMember(std::string_view org_id,
                                           std::string_view user_id) override;
  std::optional<domain::Member> FindMembershipOfUser(std::string_view user_id) override;
  int CountActiveAdmins(std::string_view org_id) override;
  bool IsUsernameUsedByMember(std::string_view org_id, std::string_view username_key) override;
  bool UpdateMemberRole(std::string_view org_id, std::string_view user_id,
                        domain::Role role) override;
  bool MarkMemberRemoved(std::string_view org_id, std::string_view user_id, domain::Role role,
                         app::Timestamp at, std::string_view removed_by) override;
  std::vector<domain::Member> ListMembers(const app::MemberQuery& query) override;

  void InsertInvitation(const app::InvitationRecord& invitation) override;
  void UpdateInvitation(const app::InvitationRecord& invitation) override;
  std::optional<app::InvitationRecord> FindInvitation(std::string_view org_id,
                                                      std::string_view invitation_id) override;
  std::optional<app::InvitationRecord> FindInvitationByTokenHash(
      std::string_view token_hash) override;
  void ReleaseExpiredHolders(std::string_view org_id, std::string_view email_key,
                             std::string_view username_key, app::Timestamp now) override;
  bool IsEmailHeldByPendingInvitation(std::string_view org_id, std::string_view email_key) override;
  bool IsUsernameHeldByPendingInvitation(std::string_view org_id,
                                         std::string_view username_key) override;
  bool IsUsernameHeld(std::string_view org_id, std::string_view username_key) override;
  bool LockInvitation(std::string_view invitation_id) override;
  std::vector<domain::Invitation> ListInvitations(const app::InvitationQuery& query) override;
  std::optional<app::Timestamp> InvitationRateLimitReached(std::string_view org_id,
                                                           app::Timestamp since,
                                                           int limit) override;
  bool PendingInvitationCapReached(std::string_view org_id, app::Timestamp now, int cap) override;
  void HoldInvitationLimits(std::string_view org_id, bool exclusive) override;

  void InsertOutboxMessage(const app::OutboxMessage& message) override;
  void CancelOutboxMessagesOf(std::string_view invitation_id) override;
  std::vector<app::OutboxMessage> ClaimDueMessages(app::Timestamp now, app::Timestamp lease_until,
                                                   int limit) override;
  void RecordDelivery(std::string_view message_id, domain::DeliveryState state, int attempts,
                      app::Timestamp next_attempt_at, std::string_view last_error) override;
  std::optional<app::OutboxMessage> FindOutboxMessage(std::string_view message_id) override;
  std::int64_t CountUndeliveredMessages() override;

  void InsertAuditEvent(const domain::AuditEvent& event) override;
  std::vector<app::AuditRow> ListAuditEvents(const app::AuditQuery& query) override;

  app::OidcTables& Oidc() override { return *this; }  // oidc.cpp
  void InsertSigningKey(const app::SigningKeyRecord& key) override;
  std::vector<app::SigningKeyRecord> ListSigningKeys() override;
  void RetireSigningKeys(app::Timestamp at) override;
  void DeleteSigningKeysRetiredBefore(app::Timestamp before) override;
  void InsertClient(const app::ClientRecord& client) override;
  std::optional<app::ClientRecord> FindClient(std::string_view client_id) override;
  std::vector<app::ClientRecord> ListClientsOfOrg(std::string_view org_id) override;
  void UpdateClient(const app::ClientRecord& client) override;
  void DeleteClient(std::string_view client_id) override;
  void InsertAuthCode(const app::AuthCodeRecord& code) override;
  std::optional<app::AuthCodeRecord> FindAuthCode(std::string_view code_hash) override;
  bool MarkAuthCodeUsed(std::string_view code_hash) override;
  void InsertRefreshToken(const app::RefreshTokenRecord& token) override;
  std::optional<app::RefreshTokenRecord> FindRefreshToken(std::string_view token_hash) override;
  bool MarkRefreshTokenUsed(std::string_view token_hash) override;
  void DeleteRefreshFamily(std::string_view family_id) override;
  void DeleteRefreshTokensOfCode(std::string_view code_hash) override;

 protected:
  const Dialect& dialect_;
  const bool read_only_;
  // Creations of the organization that may be in flight unseen by the limit checks, besides
  // this one (HoldInvitationLimits): one per other stripe of its invitation counters.
  int invitations_in_flight_ = 0;
};

}  // namespace roster::store
