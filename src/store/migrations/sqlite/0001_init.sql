-- Accounts, organizations, members, invitations, the mail outbox and the audit trail.
-- Times are milliseconds since the Unix epoch (UTC). *_key columns hold the lower-cased values
-- that uniqueness and lookups use.
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL,
  email_key     TEXT NOT NULL UNIQUE,
  username      TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id),
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id         TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    TEXT NOT NULL REFERENCES users(id),
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE organizations (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

-- A user belongs to at most one organization (user_id is the key).
CREATE TABLE members (
  user_id      TEXT PRIMARY KEY REFERENCES users(id),
  org_id       TEXT NOT NULL REFERENCES organizations(id),
  username_key TEXT NOT NULL,
  email_key    TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('USER', 'ADMIN')),
  status       TEXT NOT NULL CHECK (status IN ('ACTIVE', 'REMOVED')),
  joined_at    INTEGER NOT NULL,
  removed_at   INTEGER,
  removed_by   TEXT
);
-- Usernames are unique in an organization, removed members included; the index also orders
-- the users list (keyset by username_key).
CREATE UNIQUE INDEX members_org_username ON members(org_id, username_key);
CREATE INDEX members_org_status_username ON members(org_id, status, username_key);
CREATE INDEX members_org_role_username ON members(org_id, role, username_key);
CREATE INDEX members_org_status_role_username ON members(org_id, status, role, username_key);
CREATE INDEX members_org_email ON members(org_id, email_key);

-- status is the stored state (PENDING, ACCEPTED, REVOKED, EXPIRED); a PENDING row past
-- expires_at reads as EXPIRED and is turned into EXPIRED when it must release its slots.
CREATE TABLE invitations (
  id                TEXT PRIMARY KEY,
  org_id            TEXT NOT NULL REFERENCES organizations(id),
  email             TEXT NOT NULL,
  email_key         TEXT NOT NULL,
  username          TEXT NOT NULL,
  username_key      TEXT NOT NULL,
  role              TEXT NOT NULL CHECK (role IN ('USER', 'ADMIN')),
  status            TEXT NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED')),
  token_hash        TEXT NOT NULL UNIQUE,
  created_at        INTEGER NOT NULL,
  expires_at        INTEGER NOT NULL,
  invited_by        TEXT NOT NULL REFERENCES users(id),
  accepted_at       INTEGER,
  revoked_at        INTEGER,
  latest_message_id TEXT
);
CREATE UNIQUE INDEX invitations_pending_email ON invitations(org_id, email_key)
  WHERE status = 'PENDING';
CREATE UNIQUE INDEX invitations_pending_username ON invitations(org_id, username_key)
  WHERE status = 'PENDING';
CREATE INDEX invitations_org_created ON invitations(org_id, created_at, id);

-- Outgoing mail, written in the transaction of the change that sends it. next_attempt_at is
-- NULL once there is nothing more to do; link and bodies are cleared once SENT or cancelled.
CREATE TABLE outbox (
  id              TEXT PRIMARY KEY,
  invitation_id   TEXT NOT NULL REFERENCES invitations(id) DEFERRABLE INITIALLY DEFERRED,
  recipient       TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body_text       TEXT NOT NULL,
  body_html       TEXT NOT NULL,
  link            TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('QUEUED', 'SENT', 'FAILED', 'DISABLED')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  next_attempt_at INTEGER,
  locked_until    INTEGER NOT NULL DEFAULT 0,
  cancelled       INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT '',
  sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX outbox_invitation ON outbox(invitation_id);

CREATE TABLE audit_events (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  id             TEXT NOT NULL UNIQUE,
  org_id         TEXT NOT NULL REFERENCES organizations(id),
  at             INTEGER NOT NULL,
  actor_user_id  TEXT NOT NULL,
  actor_username TEXT NOT NULL,
  action         TEXT NOT NULL,
  target_type    TEXT NOT NULL,
  target_id      TEXT NOT NULL,
  target_label   TEXT NOT NULL,
  details        TEXT NOT NULL
);
CREATE INDEX audit_events_org_seq ON audit_events(org_id, seq);
