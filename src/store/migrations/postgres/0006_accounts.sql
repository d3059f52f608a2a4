-- Accounts people can keep: verified email addresses, mailed single-use links (email
-- verification, password reset), and sessions their owner can see and end.

-- Accounts that existed before verification count as verified.
ALTER TABLE users ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 1;

-- A session gets an id to show (never its token), and where it was started from.
ALTER TABLE sessions ADD COLUMN id TEXT COLLATE "C";
UPDATE sessions SET id = md5(random()::text || token_hash);
ALTER TABLE sessions ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX sessions_id ON sessions(id);
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN client_address TEXT NOT NULL DEFAULT '';

CREATE TABLE account_links (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  user_id    TEXT COLLATE "C" NOT NULL REFERENCES users(id),
  purpose    TEXT NOT NULL CHECK (purpose IN ('VERIFY_EMAIL', 'RESET_PASSWORD')),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX account_links_user ON account_links(user_id, purpose);

-- Account mail belongs to no invitation.
ALTER TABLE outbox ALTER COLUMN invitation_id DROP NOT NULL;
