#include "fake_store.hpp"

#include <algorithm>

namespace roster::mail::testing {
namespace {

[[noreturn]] void NotFaked() { throw std::logic_error("FakeStore implements only the outbox"); }

}  // namespace

class FakeTransaction : public app::Transaction {
 public:
  explicit FakeTransaction(FakeStore& store)
      : store_(store), lock_(store.mutex_), outbox_(store.outbox_), cancelled_(store.cancelled_) {}

  void Commit() override {
    store_.outbox_ = outbox_;
    store_.cancelled_ = cancelled_;
  }

  void InsertOutboxMessage(const app::OutboxMessage& m) override { outbox_[m.id] = m; }
  void CancelOutboxMessagesOf(std::string_view invitation_id) override {
    for (auto& [id, m] : outbox_) {
      if (m.invitation_id != invitation_id || m.state == domain::DeliveryState::kSent) continue;
      cancelled_.insert(id);
      m.link.clear();
      m.body_text.clear();
      m.body_html.clear();
    }
  }
  std::vector<app::OutboxMessage> ClaimDueMessages(app::Timestamp now, app::Timestamp lease_until,
                                                   int limit) override {
    std::vector<app::OutboxMessage*> due;
    for (auto& [id, m] : outbox_) {
      const bool open =
          m.state == domain::DeliveryState::kQueued || m.state == domain::DeliveryState::kFailed;
      if (open && !cancelled_.contains(m.id) && m.next_attempt_at <= now) due.push_back(&m);
    }
    std::sort(due.begin(), due.end(),
              [](auto* a, auto* b) { return a->next_attempt_at < b->next_attempt_at; });
    std::vector<app::OutboxMessage> claimed;
    for (auto* m : due) {
      if (static_cast<int>(claimed.size()) >= limit) break;
      claimed.push_back(*m);
      m->next_attempt_at = lease_until;
    }
    return claimed;
  }
  void RecordDelivery(std::string_view id, domain::DeliveryState state, int attempts,
                      app::Timestamp next, std::string_view error) override {
    auto& m = outbox_.at(std::string(id));
    m.state = state;
    m.attempts = attempts;
    m.next_attempt_at = next;
    m.last_error = std::string(error);
    if (state == domain::DeliveryState::kSent) {
      m.link.clear();
      m.body_text.clear();
      m.body_html.clear();
    }
  }
  std::optional<app::OutboxMessage> FindOutboxMessage(std::string_view id) override {
    const auto it = outbox_.find(std::string(id));
    if (it == outbox_.end()) return std::nullopt;
    return it->second;
  }
  std::int64_t CountUndeliveredMessages() override {
    return std::count_if(outbox_.begin(), outbox_.end(), [](const auto& entry) {
      const auto state = entry.second.state;
      return state == domain::DeliveryState::kQueued || state == domain::DeliveryState::kFailed;
    });
  }

  // Everything else is outside the mail worker's use.
  void InsertUser(const app::UserRecord&) override { NotFaked(); }
  std::optional<app::UserRecord> FindUserByEmailKey(std::string_view) override { NotFaked(); }
  std::optional<app::UserRecord> FindUserById(std::string_view) override { NotFaked(); }
  void InsertSession(const app::SessionRecord&) override { NotFaked(); }
  std::optional<app::SessionRecord> FindSession(std::string_view) override { NotFaked(); }
  void TouchSession(std::string_view, app::Timestamp) override { NotFaked(); }
  void DeleteSession(std::string_view) override { NotFaked(); }
  void InsertApiToken(const app::ApiTokenRecord&) override { NotFaked(); }
  std::optional<app::ApiTokenRecord> FindApiToken(std::string_view) override { NotFaked(); }
  std::optional<app::WithMembership<app::SessionRecord>> FindSessionWithMembership(
      std::string_view) override {
    NotFaked();
  }
  std::optional<app::WithMembership<app::ApiTokenRecord>> FindApiTokenWithMembership(
      std::string_view) override {
    NotFaked();
  }
  std::optional<app::AccountRecord> FindAccount(std::string_view) override { NotFaked(); }
  void DeleteCredentialsOfUser(std::string_view) override { NotFaked(); }
  void SetEmailVerified(std::string_view) override { NotFaked(); }
  void SetPasswordHash(std::string_view, std::string_view) override { NotFaked(); }
  bool LockUser(std::string_view) override { NotFaked(); }
  void DeleteUser(std::string_view) override { NotFaked(); }
  std::vector<app::SessionRecord> ListSessionsOfUser(std::string_view, app::Timestamp) override {
    NotFaked();
  }
  bool DeleteSessionById(std::string_view, std::string_view) override { NotFaked(); }
  void DeleteSessionsOfUser(std::string_view, std::string_view) override { NotFaked(); }
  void InsertAccountLink(const app::AccountLinkRecord&) override { NotFaked(); }
  std::optional<app::AccountLinkRecord> FindAccountLink(std::string_view) override { NotFaked(); }
  void DeleteAccountLinks(std::string_view, app::LinkPurpose) override { NotFaked(); }
  std::optional<domain::Organization> FindOrganizationByNameKey(std::string_view) override {
    NotFaked();
  }
  std::vector<app::OrganizationSummary> ListOrganizationSummaries() override { NotFaked(); }
  void InsertOrganization(const app::OrganizationRecord&) override { NotFaked(); }
  std::optional<domain::Organization> FindOrganization(std::string_view) override { NotFaked(); }
  bool LockOrganization(std::string_view) override { NotFaked(); }
  bool ShareOrganization(std::string_view) override { NotFaked(); }
  void InsertMember(const app::MemberRecord&) override { NotFaked(); }
  std::optional<domain::Member> FindMember(std::string_view, std::string_view) override {
    NotFaked();
  }
  std::optional<domain::Member> FindMembershipOfUser(std::string_view) override { NotFaked(); }
  int CountActiveAdmins(std::string_view) override { NotFaked(); }
  bool IsUsernameUsedByMember(std::string_view, std::string_view) override { NotFaked(); }
  bool UpdateMemberRole(std::string_view, std::string_view, domain::Role) override { NotFaked(); }
  bool MarkMemberRemoved(std::string_view, std::string_view, domain::Role, app::Timestamp,
                         std::string_view) override {
    NotFaked();
  }
  std::vector<domain::Member> ListMembers(const app::MemberQuery&) override { NotFaked(); }
  void InsertInvitation(const app::InvitationRecord&) override { NotFaked(); }
  void UpdateInvitation(const app::InvitationRecord&) override { NotFaked(); }
  std::optional<app::InvitationRecord> FindInvitation(std::string_view, std::string_view) override {
    NotFaked();
  }
  std::optional<app::InvitationRecord> FindInvitationByTokenHash(std::string_view) override {
    NotFaked();
  }
  void ReleaseExpiredHolders(std::string_view, std::string_view, std::string_view,
                             app::Timestamp) override {
    NotFaked();
  }
  bool IsEmailHeldByPendingInvitation(std::string_view, std::string_view) override { NotFaked(); }
  bool IsUsernameHeldByPendingInvitation(std::string_view, std::string_view) override {
    NotFaked();
  }
  bool IsUsernameHeld(std::string_view, std::string_view) override { NotFaked(); }
  bool LockInvitation(std::string_view) override { NotFaked(); }
  std::vector<domain::Invitation> ListInvitations(const app::InvitationQuery&) override {
    NotFaked();
  }
  std::optional<app::Timestamp> InvitationRateLimitReached(std::string_view, app::Timestamp,
                                                           int) override {
    NotFaked();
  }
  bool PendingInvitationCapReached(std::string_view, app::Timestamp, int) override { NotFaked(); }
  int CountOrganizations() override { NotFaked(); }
  void InsertAuditEvent(const domain::AuditEvent&) override { NotFaked(); }
  std::vector<app::AuditRow> ListAuditEvents(const app::AuditQuery&) override { NotFaked(); }
  app::OidcTables& Oidc() override { NotFaked(); }

 private:
  FakeStore& store_;
  std::unique_lock<std::mutex> lock_;
  std::map<std::string, app::OutboxMessage> outbox_;  // working copies until Commit()
  std::set<std::string> cancelled_;
};

std::unique_ptr<app::Transaction> FakeStore::Begin(app::TxMode) {
  ++begin_count;
  if (fail_begin) throw std::runtime_error("database is unavailable (fake)");
  return std::make_unique<FakeTransaction>(*this);
}

void FakeStore::Put(const app::OutboxMessage& message) {
  std::lock_guard lock(mutex_);
  outbox_[message.id] = message;
}

bool FakeStore::Cancelled(const std::string& id) {
  std::lock_guard lock(mutex_);
  return cancelled_.contains(id);
}

app::OutboxMessage FakeStore::Get(const std::string& id) {
  std::lock_guard lock(mutex_);
  return outbox_.at(id);
}

}  // namespace roster::mail::testing
