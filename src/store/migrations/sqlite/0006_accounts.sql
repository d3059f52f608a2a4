-- Accounts people can keep: verified email addresses, mailed single-use links (email
-- verification, password reset), and sessions their owner can see and end.

-- Accounts that existed before verification count as verified.
ALTER TABLE users ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 1;

-- A session gets an id to show (never its token), and where it was started from.
ALTER TABLE sessions ADD COLUMN id TEXT;
UPDATE sessions SET id = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX sessions_id ON sessions(id);
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN client_address TEXT NOT NULL DEFAULT '';

CREATE TABLE account_links (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id),
  purpose    TEXT NOT NULL CHECK (purpose IN ('VERIFY_EMAIL', 'RESET_PASSWORD')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX account_links_user ON account_links(user_id, purpose);

-- Account mail belongs to no invitation: invitation_id becomes optional. SQLite cannot drop a
-- NOT NULL constraint, so the table is rebuilt with the same columns.
CREATE TABLE outbox_new (
  id              TEXT PRIMARY KEY,
  invitation_id   TEXT REFERENCES invitations(id) DEFERRABLE INITIALLY DEFERRED,
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
INSERT INTO outbox_new (id, invitation_id, recipient, subject, body_text, body_html, link, state,
                        attempts, created_at, next_attempt_at, locked_until, cancelled,
                        last_error, sent_at)
  SELECT id, invitation_id, recipient, subject, body_text, body_html, link, state, attempts,
         created_at, next_attempt_at, locked_until, cancelled, last_error, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX outbox_invitation ON outbox(invitation_id);
