#pragma once
// One PostgreSQL transaction implementing the app's Transaction port.
#include <memory>
#include <string>
#include <vector>

#include "app/ports.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/postgres_store.hpp"

namespace roster::store {

// A statement with its numbered ($1, $2, ...) text parameters.
struct PgStatement {
  std::string sql;
  std::vector<pg::Param> params;
  // Appends a parameter and returns its placeholder.
  std::string Arg(pg::Param value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  }
};

// The users-list query ListMembers runs (exposed for the query-plan tests).
PgStatement BuildMemberListQuery(const app::MemberQuery& query);

class PostgresTransaction final : public app::Transaction {
 public:
  // Takes over `connection` from the store's pool and gives it back on destruction. Nothing is
  // sent yet: a write transaction sends BEGIN with its first statement and rolls back unless
  // committed; a read transaction runs its statements in autocommit (see Send).
  PostgresTransaction(PostgresStore& store, std::unique_ptr<pg::Connection> connection,
                      app::TxMode mode);
  ~PostgresTransaction() override;
  void Commit() override;

  void InsertUser(const app::UserRecord& user) override;
  std::optional<app::UserRecord> FindUserByEmailKey(std::string_view email_key) override;
  std::optional<app::UserRecord> FindUserById(std::string_view user_id) override;

  void InsertSession(const app::SessionRecord& session) override;
  std::optional<app::SessionRecord> FindSession(std::string_view token_hash) override;
  void TouchSession(std::string_view token_hash, app::Timestamp at) override;
  void DeleteSession(std::string_view token_hash) override;
  void InsertApiToken(const app::ApiTokenRecord& token) override;
  std::optional<app::ApiTokenRecord> FindApiToken(std::string_view token_hash) override;
  void DeleteCredentialsOfUser(std::string_view user_id) override;

  void InsertOrganization(const app::OrganizationRecord& org) override;
  std::optional<domain::Organization> FindOrganization(std::string_view org_id) override;
  int CountOrganizations() override;
  bool LockOrganization(std::string_view org_id) override;

  void InsertMember(const app::MemberRecord& member) override;
  std::optional<domain::Member> FindMember(std::string_view org_id,
                                           std::string_view user_id) override;
  std::optional<domain::Member> FindMembershipOfUser(std::string_view user_id) override;
  int CountActiveAdmins(std::string_view org_id) override;
  bool IsUsernameUsedByMember(std::string_view org_id, std::string_view username_key) override;
  void UpdateMemberRole(std::string_view org_id, std::string_view user_id,
                        domain::Role role) override;
  void MarkMemberRemoved(std::string_view org_id, std::string_view user_id, app::Timestamp at,
                         std::string_view removed_by) override;
  std::vector<domain::Member> ListMembers(const app::MemberQuery& query) override;

  void InsertInvitation(const app::InvitationRecord& invitation) override;
  void UpdateInvitation(const app::InvitationRecord& invitation) override;
  std::optional<app::InvitationRecord> FindInvitation(std::string_view org_id,
                                                      std::string_view invitation_id) override;
  std::optional<app::InvitationRecord> FindInvitationByTokenHash(
      std::string_view token_hash) override;
  void ReleaseExpiredHolders(std::string_view org_id, std::string_view email_key,
                             std::string_view username_key, app::Timestamp now) override;
  bool IsEmailHeldByPendingInvitation(std::string_view org_id,
                                      std::string_view email_key) override;
  bool IsUsernameHeldByPendingInvitation(std::string_view org_id,
                                         std::string_view username_key) override;
  std::vector<domain::Invitation> ListInvitations(const app::InvitationQuery& query) override;
  std::optional<app::Timestamp> InvitationRateLimitReached(std::string_view org_id,
                                                           app::Timestamp since,
                                                           int limit) override;
  bool PendingInvitationCapReached(std::string_view org_id, app::Timestamp now,
                                   int cap) override;

  void InsertOutboxMessage(const app::OutboxMessage& message) override;
  void CancelOutboxMessagesOf(std::string_view invitation_id) override;
  std::vector<app::OutboxMessage> ClaimDueMessages(app::Timestamp now, app::Timestamp lease_until,
                                                   int limit) override;
  void RecordDelivery(std::string_view message_id, domain::DeliveryState state, int attempts,
                      app::Timestamp next_attempt_at, std::string_view last_error) override;
  std::optional<app::OutboxMessage> FindOutboxMessage(std::string_view message_id) override;

  void InsertAuditEvent(const domain::AuditEvent& event) override;
  std::vector<app::AuditRow> ListAuditEvents(const app::AuditQuery& query) override;

 private:
  // A statement that only reads (a plain SELECT): allowed in both modes.
  pg::Result ReadQuery(std::string_view sql, const std::vector<pg::Param>& params);
  template <typename... Args>
  pg::Result Read(std::string_view sql, const Args&... args) {
    return ReadQuery(sql, std::vector<pg::Param>{pg::ToParam(args)...});
  }
  // A statement that writes or locks: refused in a read transaction, as READ ONLY did.
  pg::Result WriteQuery(std::string_view sql, const std::vector<pg::Param>& params);
  template <typename... Args>
  pg::Result Write(std::string_view sql, const Args&... args) {
    return WriteQuery(sql, std::vector<pg::Param>{pg::ToParam(args)...});
  }
  // Throws the error PostgreSQL gives a write in a READ ONLY transaction when this one reads.
  void RefuseIfReadOnly(std::string_view sql) const;
  // Runs a write that a unique index may refuse inside a savepoint, so that, as on SQLite, a
  // refused statement leaves the transaction usable. Rethrows the pg::PgError.
  void RunUnique(std::string_view sql, const std::vector<pg::Param>& params);
  // Sends `sql` (between SAVEPOINT and RELEASE when `unique`), preceded by BEGIN when it opens a
  // write transaction; retries the first statement on another connection when the pooled one
  // turns out to have been closed by the server.
  pg::Result Send(std::string_view sql, const std::vector<pg::Param>& params, bool unique);
  std::optional<app::InvitationRecord> FindInvitationWhere(const std::string& where,
                                                           const std::vector<pg::Param>& params);

  PostgresStore& store_;
  std::unique_ptr<pg::Connection> db_;
  bool read_only_;
  bool sent_ = false;  // a statement has been sent (for a write transaction: BEGIN too)
  bool done_ = false;
};

}  // namespace roster::store
