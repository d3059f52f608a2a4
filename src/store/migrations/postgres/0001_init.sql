-- Accounts, organizations, members, invitations, the mail outbox and the audit trail.
-- Mirrors migrations/sqlite/0001_init.sql. Times are BIGINT milliseconds since the Unix epoch
-- (UTC). *_key columns hold the lower-cased values that uniqueness and lookups use.
-- Ids and keys use COLLATE "C" so comparisons and ORDER BY are bytewise, like SQLite's BINARY,
-- whatever the database's default collation is (keyset paging depends on it).
CREATE TABLE users (
  id            TEXT COLLATE "C" PRIMARY KEY,
  email         TEXT NOT NULL,
  email_key     TEXT COLLATE "C" NOT NULL CONSTRAINT users_email_key UNIQUE,
  username      TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash   TEXT COLLATE "C" PRIMARY KEY,
  user_id      TEXT COLLATE "C" NOT NULL REFERENCES users(id),
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id         TEXT COLLATE "C" PRIMARY KEY,
  token_hash TEXT COLLATE "C" NOT NULL CONSTRAINT api_tokens_token_hash UNIQUE,
  user_id    TEXT COLLATE "C" NOT NULL REFERENCES users(id),
  name       TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE organizations (
  id         TEXT COLLATE "C" PRIMARY KEY,
  name       TEXT NOT NULL,
  name_key   TEXT COLLATE "C" NOT NULL CONSTRAINT organizations_name_key UNIQUE,
  created_at BIGINT NOT NULL
);

-- A user belongs to at most one organization (user_id is the key).
CREATE TABLE members (
  user_id      TEXT COLLATE "C" CONSTRAINT members_pkey PRIMARY KEY REFERENCES users(id),
  org_id       TEXT COLLATE "C" NOT NULL REFERENCES organizations(id),
  username_key TEXT COLLATE "C" NOT NULL,
  email_key    TEXT COLLATE "C" NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('USER', 'ADMIN')),
  status       TEXT NOT NULL CHECK (status IN ('ACTIVE', 'REMOVED')),
  joined_at    BIGINT NOT NULL,
  removed_at   BIGINT,
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
  id                TEXT COLLATE "C" PRIMARY KEY,
  org_id            TEXT COLLATE "C" NOT NULL REFERENCES organizations(id),
  email             TEXT NOT NULL,
  email_key         TEXT COLLATE "C" NOT NULL,
  username          TEXT NOT NULL,
  username_key      TEXT COLLATE "C" NOT NULL,
  role              TEXT NOT NULL CHECK (role IN ('USER', 'ADMIN')),
  status            TEXT NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED')),
  token_hash        TEXT COLLATE "C" NOT NULL CONSTRAINT invitations_token_hash UNIQUE,
  created_at        BIGINT NOT NULL,
  expires_at        BIGINT NOT NULL,
  invited_by        TEXT COLLATE "C" NOT NULL REFERENCES users(id),
  accepted_at       BIGINT,
  revoked_at        BIGINT,
  latest_message_id TEXT COLLATE "C"
);
CREATE UNIQUE INDEX invitations_pending_email ON invitations(org_id, email_key)
  WHERE status = 'PENDING';
CREATE UNIQUE INDEX invitations_pending_username ON invitations(org_id, username_key)
  WHERE status = 'PENDING';
CREATE INDEX invitations_org_created ON invitations(org_id, created_at, id);

-- Outgoing mail, written in the transaction of the change that sends it (before the invitation
-- row, hence the deferred key). next_attempt_at is NULL once there is nothing more to do; link
-- and bodies are cleared once SENT or cancelled.
CREATE TABLE outbox (
  id              TEXT COLLATE "C" PRIMARY KEY,
  invitation_id   TEXT COLLATE "C" NOT NULL
                    REFERENCES invitations(id) DEFERRABLE INITIALLY DEFERRED,
  recipient       TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body_text       TEXT NOT NULL,
  body_html       TEXT NOT NULL,
  link            TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('QUEUED', 'SENT', 'FAILED', 'DISABLED')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  created_at      BIGINT NOT NULL,
  next_attempt_at BIGINT,
  locked_until    BIGINT NOT NULL DEFAULT 0,
  cancelled       BOOLEAN NOT NULL DEFAULT FALSE,
  last_error      TEXT NOT NULL DEFAULT '',
  sent_at         BIGINT
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX outbox_invitation ON outbox(invitation_id);

CREATE TABLE audit_events (
  seq            BIGSERIAL PRIMARY KEY,
  id             TEXT COLLATE "C" NOT NULL CONSTRAINT audit_events_id UNIQUE,
  org_id         TEXT COLLATE "C" NOT NULL REFERENCES organizations(id),
  at             BIGINT NOT NULL,
  actor_user_id  TEXT NOT NULL,
  actor_username TEXT NOT NULL,
  action         TEXT NOT NULL,
  target_type    TEXT NOT NULL,
  target_id      TEXT NOT NULL,
  target_label   TEXT NOT NULL,
  details        TEXT NOT NULL
);
CREATE INDEX audit_events_org_seq ON audit_events(org_id, seq);
