-- The OpenID Connect provider: its signing keys (shared by every instance), the organizations'
-- client applications, authorization codes and refresh tokens (only hashes of either).
CREATE TABLE oidc_signing_keys (
  kid         TEXT COLLATE "C" PRIMARY KEY,
  private_jwk TEXT NOT NULL,
  public_jwk  TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  retired_at  BIGINT
);

CREATE TABLE oauth_clients (
  id            TEXT COLLATE "C" PRIMARY KEY,
  org_id        TEXT COLLATE "C" NOT NULL REFERENCES organizations(id),
  name          TEXT NOT NULL,
  redirect_uris TEXT NOT NULL,
  post_logout_redirect_uris TEXT NOT NULL DEFAULT '',
  secret_hash   TEXT,
  admins_only   BIGINT NOT NULL DEFAULT 0,
  created_at    BIGINT NOT NULL
);
CREATE INDEX oauth_clients_org ON oauth_clients(org_id);

CREATE TABLE oauth_codes (
  code_hash      TEXT COLLATE "C" PRIMARY KEY,
  client_id      TEXT COLLATE "C" NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
  user_id        TEXT COLLATE "C" NOT NULL REFERENCES users(id),
  org_id         TEXT COLLATE "C" NOT NULL,
  redirect_uri   TEXT NOT NULL,
  nonce          TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  scope          TEXT NOT NULL,
  auth_time      BIGINT NOT NULL,
  expires_at     BIGINT NOT NULL,
  used           BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX oauth_codes_expiry ON oauth_codes(expires_at);

CREATE TABLE oauth_refresh_tokens (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  family_id  TEXT COLLATE "C" NOT NULL,
  client_id  TEXT COLLATE "C" NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
  user_id    TEXT COLLATE "C" NOT NULL REFERENCES users(id),
  org_id     TEXT COLLATE "C" NOT NULL,
  scope      TEXT NOT NULL,
  code_hash  TEXT COLLATE "C" NOT NULL,
  auth_time  BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used       BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX oauth_refresh_family ON oauth_refresh_tokens(family_id);
CREATE INDEX oauth_refresh_user ON oauth_refresh_tokens(user_id);
CREATE INDEX oauth_refresh_code ON oauth_refresh_tokens(code_hash);
