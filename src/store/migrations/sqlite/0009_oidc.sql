-- The OpenID Connect provider: its signing keys (shared by every instance), the organizations'
-- client applications, authorization codes and refresh tokens (only hashes of either).
CREATE TABLE oidc_signing_keys (
  kid         TEXT PRIMARY KEY,
  private_jwk TEXT NOT NULL,
  public_jwk  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  retired_at  INTEGER
);

CREATE TABLE oauth_clients (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organizations(id),
  name          TEXT NOT NULL,
  redirect_uris TEXT NOT NULL,
  post_logout_redirect_uris TEXT NOT NULL DEFAULT '',
  secret_hash   TEXT,
  admins_only   INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);
CREATE INDEX oauth_clients_org ON oauth_clients(org_id);

CREATE TABLE oauth_codes (
  code_hash      TEXT PRIMARY KEY,
  client_id      TEXT NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
  user_id        TEXT NOT NULL REFERENCES users(id),
  org_id         TEXT NOT NULL,
  redirect_uri   TEXT NOT NULL,
  nonce          TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  scope          TEXT NOT NULL,
  auth_time      INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  used           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX oauth_codes_expiry ON oauth_codes(expires_at);

CREATE TABLE oauth_refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  family_id  TEXT NOT NULL,
  client_id  TEXT NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users(id),
  org_id     TEXT NOT NULL,
  scope      TEXT NOT NULL,
  code_hash  TEXT NOT NULL,
  auth_time  INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX oauth_refresh_family ON oauth_refresh_tokens(family_id);
CREATE INDEX oauth_refresh_user ON oauth_refresh_tokens(user_id);
CREATE INDEX oauth_refresh_code ON oauth_refresh_tokens(code_hash);
