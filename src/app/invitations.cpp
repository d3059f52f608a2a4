#include "app/invitations.hpp"

#include "app/access.hpp"
#include "app/invitation_email.hpp"
#include "app/security.hpp"
#include "domain/rules.hpp"
#include "domain/validation.hpp"

namespace roster::app {

using domain::DeliveryState;
using domain::Error;
using domain::ErrorCode;
using domain::FieldError;
using domain::InvitationStatus;

namespace {

InvitationRecord RequireInvitation(Transaction& tx, const std::string& org_id,
                                   const std::string& invitation_id) {
  auto record = tx.FindInvitation(org_id, invitation_id);
  if (!record) throw Error(ErrorCode::kNotFound, "No such invitation in this organization.");
  return *record;
}

// The invitation, read after its row lock: what it says cannot change before the commit.
InvitationRecord LockedInvitation(Transaction& tx, const std::string& org_id,
                                  const std::string& invitation_id) {
  tx.LockInvitation(invitation_id);
  return RequireInvitation(tx, org_id, invitation_id);
}

InvitationRecord RequireInvitationByToken(Transaction& tx, const std::string& token) {
  // Tokens are 43 characters; anything far longer is not ours and is not hashed.
  std::optional<InvitationRecord> record;
  if (!token.empty() && token.size() <= 128) record = tx.FindInvitationByTokenHash(HashToken(token));
  if (!record) {
    throw Error(ErrorCode::kNotFound,
                "This invitation link is not valid. It may have been replaced by a newer one.");
  }
  return *record;
}

}  // namespace

InvitationView Invitations::View(const domain::Invitation& invitation) const {
  InvitationView view{invitation, invitation.StatusAt(ctx_.clock.Now()), std::nullopt};
  const bool undelivered = invitation.email_delivery == DeliveryState::kDisabled ||
                           invitation.email_delivery == DeliveryState::kFailed;
  if (view.status == InvitationStatus::kPending && undelivered && invitation.pending_link) {
    view.invite_url = invitation.pending_link;
  }
  return view;
}

void Invitations::CheckConflicts(Transaction& tx, const std::string& org_id,
                                 const std::string& email_key, const std::string& username_key) {
  if (auto user = tx.FindUserByEmailKey(email_key); user && user->user.email_verified) {
    throw domain::Conflict(ErrorCode::kEmailRegistered);
  }
  if (tx.IsEmailHeldByPendingInvitation(org_id, email_key)) {
    throw domain::Conflict(ErrorCode::kEmailInvited);
  }
  if (tx.IsUsernameHeld(org_id, username_key)) throw domain::Conflict(ErrorCode::kUsernameTaken);
}

void Invitations::IssueToken(Transaction& tx, InvitationRecord& record,
                             const std::string& org_name, Timestamp now) {
  auto& inv = record.invitation;
  const std::string token = NewToken(ctx_.random);
  const std::string link = ctx_.settings.public_url + "/invite/" + token;
  inv.token_hash = HashToken(token);
  inv.expires_at = now + ctx_.settings.invitation_ttl;
  inv.stored_status = InvitationStatus::kPending;

  const auto email =
      ComposeInvitationEmail(org_name, inv.invited_by_username, inv.role, link, inv.expires_at);
  OutboxMessage message;
  message.id = NewId(ctx_.random, now);
  message.invitation_id = inv.id;
  message.recipient = inv.email;
  message.subject = email.subject;
  message.body_text = email.text;
  message.body_html = email.html;
  message.link = link;
  // Without SMTP the message is only logged; its link stays visible to admins (invite_url).
  message.state = ctx_.settings.mail_enabled ? DeliveryState::kQueued : DeliveryState::kDisabled;
  message.created_at = now;
  message.next_attempt_at = now;
  if (record.latest_message_id) {
    tx.CancelOutboxMessagesOf(inv.id);  // an older link must never be mailed after this one
  }
  tx.InsertOutboxMessage(message);
  record.latest_message_id = message.id;
  inv.email_delivery = message.state;
  inv.pending_link = link;
}

InvitationView Invitations::Create(const domain::Member& admin, const InviteInput& input,
                                   const std::string& client_address) {
  const std::string& org_id = admin.org_id;
  std::vector<FieldError> errors;
  if (auto e = domain::ValidateEmail(input.email)) errors.push_back(*e);
  if (auto e = domain::ValidateUsername(input.username)) errors.push_back(*e);
  const auto role = domain::ParseRole(input.role);
  if (!role) errors.push_back({"role", "invalid", "Role must be USER or ADMIN"});
  if (!errors.empty()) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.", std::move(errors));
  }
  InvitationRecord record;
  auto& inv = record.invitation;
  inv.id = NewId(ctx_.random, ctx_.clock.Now());
  inv.org_id = org_id;
  inv.email = domain::NormalizeEmail(input.email);
  inv.username = input.username;
  inv.role = *role;
  record.email_key = domain::EmailKey(input.email);
  record.username_key = domain::UsernameKey(input.username);

  CheckInvitationMail(org_id, record.email_key);
  try {
    InsertNew(admin, record, client_address, false);
  } catch (const NearInvitationLimit&) {
    InsertNew(admin, record, client_address, true);  // alone: the limits are decided exactly
  }
  RecordInvitationMail(org_id, inv.created_at);
  if (ctx_.mail_signal) ctx_.mail_signal->MessageQueued();
  return View(inv);
}

void Invitations::InsertNew(const domain::Member& admin, InvitationRecord& record,
                            const std::string& client_address, bool exclusive) {
  const std::string& org_id = admin.org_id;
  auto& inv = record.invitation;
  record.latest_message_id.reset();  // a rolled-back attempt's message was never written
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto actor = RequireAdminSharing(*tx, admin);
  tx->HoldInvitationLimits(org_id, exclusive);
  inv.created_at = ctx_.clock.Now();  // read once, after the waits: expires_at = created_at + TTL
  CheckAbuseLimits(*tx, org_id, inv.created_at, false);
  tx->ReleaseExpiredHolders(org_id, record.email_key, record.username_key, inv.created_at);
  CheckConflicts(*tx, org_id, record.email_key, record.username_key);
  inv.invited_by_user_id = actor.user_id;
  inv.invited_by_username = actor.username;
  const auto org = tx->FindOrganization(org_id);
  IssueToken(*tx, record, org->name, inv.created_at);
  RecordAudit(*tx, ctx_, actor, client_address, "invitation.created", "invitation", inv.id, inv.email,
              std::string("{\"username\":\"") + inv.username + "\",\"role\":\"" +
                  std::string(ToString(inv.role)) + "\"}");
  // Unique indexes back the conflict checks above (org_names: members' and pending usernames).
  // Checking the limits again after the insert keeps them exact: the insert's counter stripe
  // waits for the creation in flight on it, so at most the other stripes' creations are unseen
  // and a shared hold counts them in (HoldInvitationLimits); an exclusive hold runs alone.
  tx->InsertInvitation(record);
  CheckAbuseLimits(*tx, org_id, inv.created_at, true);
  tx->Commit();
}

Page<InvitationView> Invitations::List(const domain::Member& admin,
                                       const InvitationListRequest& request) {
  CheckLimit(request.limit);
  InvitationQuery query{admin.org_id, request.statuses, ctx_.clock.Now(), std::nullopt,
                        request.limit + 1};
  if (!request.cursor.empty()) query.after = ctx_.cursors.DecodeInvitation(request.cursor);
  auto tx = ctx_.store.Begin(TxMode::kRead);
  auto rows = tx->ListInvitations(query);
  Page<InvitationView> page;
  const bool more = static_cast<int>(rows.size()) > request.limit;
  if (more) rows.resize(request.limit);
  for (const auto& inv : rows) page.items.push_back(View(inv));
  if (more) {
    const auto& last = rows.back();
    page.next_cursor = ctx_.cursors.Encode(InvitationCursor{domain::ToMillis(last.created_at), last.id});
  }
  return page;
}

InvitationView Invitations::Resend(const domain::Member& admin, const std::string& invitation_id,
                                   const std::string& client_address) {
  const std::string& org_id = admin.org_id;
  {  // Refusals and the recipient first: only a resend that can happen counts against limits.
    auto tx = ctx_.store.Begin(TxMode::kRead);
    const auto found = RequireInvitation(*tx, org_id, invitation_id);
    if (auto refusal = domain::CheckResend(found.invitation, ctx_.clock.Now())) throw *refusal;
    tx.reset();
    TakeResendBudget(org_id, invitation_id, found.email_key);
  }
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto actor = RequireAdminSharing(*tx, admin);
  auto record = LockedInvitation(*tx, org_id, invitation_id);
  const auto now = ctx_.clock.Now();
  if (auto refusal = domain::CheckResend(record.invitation, now)) throw *refusal;
  if (record.invitation.StatusAt(now) == InvitationStatus::kExpired) {
    // An expired invitation holds nothing: release it, then it must win its email and username
    // back like a new invitation would.
    tx->ReleaseExpiredHolders(org_id, record.email_key, record.username_key, now);
    CheckConflicts(*tx, org_id, record.email_key, record.username_key);
  }
  IssueToken(*tx, record, tx->FindOrganization(org_id)->name, now);
  tx->UpdateInvitation(record);
  RecordAudit(*tx, ctx_, actor, client_address, "invitation.resent", "invitation", invitation_id,
              record.invitation.email);
  tx->Commit();
  if (ctx_.mail_signal) ctx_.mail_signal->MessageQueued();
  return View(record.invitation);
}

InvitationView Invitations::Revoke(const domain::Member& admin, const std::string& invitation_id,
                                   const std::string& client_address) {
  const std::string& org_id = admin.org_id;
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto actor = RequireAdminSharing(*tx, admin);
  auto record = LockedInvitation(*tx, org_id, invitation_id);
  const auto now = ctx_.clock.Now();
  if (auto refusal = domain::CheckRevoke(record.invitation, now)) throw *refusal;
  if (record.invitation.stored_status == InvitationStatus::kRevoked) {
    return View(record.invitation);  // idempotent: nothing changes, nothing is audited
  }
  record.invitation.stored_status = InvitationStatus::kRevoked;
  record.invitation.revoked_at = now;
  tx->UpdateInvitation(record);
  tx->CancelOutboxMessagesOf(invitation_id);
  RecordAudit(*tx, ctx_, actor, client_address, "invitation.revoked", "invitation", invitation_id,
              record.invitation.email);
  auto updated = tx->FindInvitation(org_id, invitation_id);
  tx->Commit();
  return View(updated->invitation);
}

InvitationOffer Invitations::Lookup(const std::string& token) {
  auto tx = ctx_.store.Begin(TxMode::kRead);
  const auto record = RequireInvitationByToken(*tx, token);
  const auto& inv = record.invitation;
  const auto org = tx->FindOrganization(inv.org_id);
  return InvitationOffer{org ? org->name : std::string(), inv.email, inv.username, inv.role,
                         inv.StatusAt(ctx_.clock.Now()), inv.expires_at};
}

SessionStart Invitations::Accept(const std::string& token, const std::string& password,
                                 const ClientInfo& client) {
  if (auto e = domain::ValidatePassword(password)) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.", {*e});
  }
  {  // Fail fast, before the slow hash, when the link cannot be accepted anyway.
    auto tx = ctx_.store.Begin(TxMode::kRead);
    const auto record = RequireInvitationByToken(*tx, token);
    if (auto refusal = domain::CheckAccept(record.invitation, ctx_.clock.Now())) throw *refusal;
  }
  const std::string hash = ctx_.hasher.Hash(password);

  auto tx = ctx_.store.Begin(TxMode::kWrite);
  auto record = RequireInvitationByToken(*tx, token);
  tx->LockInvitation(record.invitation.id);  // one acceptance; no revoke or resend in between
  record = RequireInvitationByToken(*tx, token);  // re-read under the lock
  auto& inv = record.invitation;
  const auto now = ctx_.clock.Now();
  if (auto refusal = domain::CheckAccept(inv, now)) throw *refusal;
  ReleaseUnverifiedHolder(*tx, record.email_key);  // the mailed link proves the address
  // The pending invitation holds its username (org_names): no member can have taken it.
  UserRecord user{domain::User{NewId(ctx_.random), inv.email, inv.username, now, true},
                  record.email_key, hash};
  tx->InsertUser(user);
  tx->InsertMember(MemberOf(user, inv.org_id, inv.role, now));
  inv.stored_status = InvitationStatus::kAccepted;
  inv.accepted_at = now;
  tx->UpdateInvitation(record);
  tx->CancelOutboxMessagesOf(inv.id);  // the token has done its job
  const auto member = tx->FindMember(inv.org_id, user.user.id);
  RecordAudit(*tx, ctx_, *member, client.address, "invitation.accepted", "invitation", inv.id, inv.email,
              std::string("{\"role\":\"") + std::string(ToString(inv.role)) + "\"}");
  auto start = StartSession(ctx_, *tx, user.user.id, client);
  tx->Commit();
  return start;
}

}  // namespace roster::app
