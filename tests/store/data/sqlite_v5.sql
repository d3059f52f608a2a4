PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
INSERT INTO schema_migrations VALUES(1,'0001_init',1796284539289);
INSERT INTO schema_migrations VALUES(2,'0002_server_secrets',1796284539289);
INSERT INTO schema_migrations VALUES(3,'0003_invitation_counters',1796284539314);
INSERT INTO schema_migrations VALUES(4,'0004_members_email_username',1796284539314);
INSERT INTO schema_migrations VALUES(5,'0005_members_display',1796284539315);
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL,
  email_key     TEXT NOT NULL UNIQUE,
  username      TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);
INSERT INTO users VALUES('94645e2b41b35b1d5fb23cc30b20534c','Ann@example.org','ann@example.org','Ann','$argon2id$v=19$m=65536,t=2,p=1$m/5mIw+UnQhng7XIMbmCOA$34gk3TrrDoTIGayHKFeYTll5Csx6jlSGm59BAIWnpxI',1796284539989);
INSERT INTO users VALUES('29471305b8ef75bbc6d0f0a83d3a6f92','bob@example.org','bob@example.org','bob','$argon2id$v=19$m=65536,t=2,p=1$agvLihtmT/i7tt10UxOj/Q$Ml0bsuc/hgY8xbOdt9Tf/RGgIuJT2KDRB3PWFF13LPM',1796284541003);
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id),
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO sessions VALUES('5a090e916551aa4d7766162e872ff473827ce91d5dc81245e42cd2854de753f5','29471305b8ef75bbc6d0f0a83d3a6f92',1796284541003,1796284541003,1798876541003);
INSERT INTO sessions VALUES('faf9c9aa4618710f043e5dee67e122e07adcff29d2e8a1df1df1595c3709ac98','94645e2b41b35b1d5fb23cc30b20534c',1796284539989,1796284539989,1798876539989);
CREATE TABLE api_tokens (
  id         TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    TEXT NOT NULL REFERENCES users(id),
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
INSERT INTO api_tokens VALUES('203df66dab116064276890669fd8083d','5c50154fc6e80fd313e4134db3cfce1cfd0b5e1ab14e6852a374963fd1b8de9a','94645e2b41b35b1d5fb23cc30b20534c','ci',1796284541307);
CREATE TABLE organizations (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
INSERT INTO organizations VALUES('0b6e10b8c6a07c89e8dfbf279b3d2a9c','Acme','acme',1796284540127);
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
, email TEXT NOT NULL DEFAULT '', username TEXT NOT NULL DEFAULT '');
INSERT INTO members VALUES('94645e2b41b35b1d5fb23cc30b20534c','0b6e10b8c6a07c89e8dfbf279b3d2a9c','ann','ann@example.org','ADMIN','ACTIVE',1796284540127,NULL,NULL,'Ann@example.org','Ann');
INSERT INTO members VALUES('29471305b8ef75bbc6d0f0a83d3a6f92','0b6e10b8c6a07c89e8dfbf279b3d2a9c','bob','bob@example.org','ADMIN','ACTIVE',1796284541003,NULL,NULL,'bob@example.org','bob');
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
INSERT INTO invitations VALUES('01a23ae6e537f1c920db97f1e65a8ed5','0b6e10b8c6a07c89e8dfbf279b3d2a9c','bob@example.org','bob@example.org','bob','bob','USER','ACCEPTED','01121b72769a6874083fe5e326a74ac1ebe81825d975395c19265ec80dbd1a01',1796284540215,1796889340215,'94645e2b41b35b1d5fb23cc30b20534c',1796284541003,NULL,'01a23ae6e537cda11274ffcf11a0baf8');
INSERT INTO invitations VALUES('01a23ae6e5ce45ee90cbe7fc33c63251','0b6e10b8c6a07c89e8dfbf279b3d2a9c','carol@example.org','carol@example.org','carol','carol','ADMIN','REVOKED','2220dc044560fb220dd2d2ae34443a6b5d08ae5355248ac0424cd6831018edb9',1796284540366,1796889340366,'94645e2b41b35b1d5fb23cc30b20534c',NULL,1796284540490,'01a23ae6e5cedc2eeb387e4040dee2cb');
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
INSERT INTO outbox VALUES('01a23ae6e537cda11274ffcf11a0baf8','01a23ae6e537f1c920db97f1e65a8ed5','bob@example.org','Ann invited you to join Acme on Roster','','','','DISABLED',1,1796284540215,NULL,0,1,'',NULL);
INSERT INTO outbox VALUES('01a23ae6e5cedc2eeb387e4040dee2cb','01a23ae6e5ce45ee90cbe7fc33c63251','carol@example.org','Ann invited you to join Acme on Roster','','','','DISABLED',1,1796284540366,NULL,0,1,'',NULL);
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
INSERT INTO audit_events VALUES(1,'01a23ae6e4e035e207572ab46d6a8cd3','0b6e10b8c6a07c89e8dfbf279b3d2a9c',1796284540128,'94645e2b41b35b1d5fb23cc30b20534c','Ann','organization.activated','organization','0b6e10b8c6a07c89e8dfbf279b3d2a9c','Acme','{}');
INSERT INTO audit_events VALUES(2,'01a23ae6e538f7be2930206037c16bbc','0b6e10b8c6a07c89e8dfbf279b3d2a9c',1796284540216,'94645e2b41b35b1d5fb23cc30b20534c','Ann','invitation.created','invitation','01a23ae6e537f1c920db97f1e65a8ed5','bob@example.org','{"username":"bob","role":"USER"}');
INSERT INTO audit_events VALUES(3,'01a23ae6e5ceff99484cace13f70db08','0b6e10b8c6a07c89e8dfbf279b3d2a9c',1796284540366,'94645e2b41b35b1d5fb23cc30b20534c','Ann','invitation.created','invitation','01a23ae6e5ce45ee90cbe7fc33c63251','carol@example.org','{"username":"carol","role":"ADMIN"}');
INSERT INTO audit_events VALUES(4,'01a23ae6e64b13a67e8a9d0bd32b6367','0b6e10b8c6a07c89e8dfbf279b3d2a9c',1796284540491,'94645e2b41b35b1d5fb23cc30b20534c','Ann','invitation.revoked','invitation','01a23ae6e5ce45ee90cbe7fc33c63251','carol@example.org','{}');
INSERT INTO audit_events VALUES(5,'01a23ae6e84b3ca1bc519e52f4ab9ad2','0b6e10b8c6a07c89e8dfbf279b3d2a9c',1796284541003,'29471305b8ef75bbc6d0f0a83d3a6f92','bob','invitation.accepted','invitation','01a23ae6e537f1c920db97f1e65a8ed5','bob@example.org','{"role":"USER"}');
INSERT INTO audit_events VALUES(6,'01a23ae6e943bf2f991c7019c088f556','0b6e10b8c6a07c89e8dfbf279b3d2a9c',1796284541251,'94645e2b41b35b1d5fb23cc30b20534c','Ann','member.role_changed','member','29471305b8ef75bbc6d0f0a83d3a6f92','bob','{"from":"USER","to":"ADMIN"}');
CREATE TABLE server_secrets (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO server_secrets VALUES('cursor_key','Thp6m-8gCl_IIWWPknCLwYg9WmkwYAlU3fU5o-ba2y8');
CREATE TABLE invitation_counters (
  org_id  TEXT PRIMARY KEY REFERENCES organizations(id),
  pending INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO invitation_counters VALUES('0b6e10b8c6a07c89e8dfbf279b3d2a9c',0);
CREATE TABLE invitation_minutes (
  org_id  TEXT NOT NULL,
  minute  INTEGER NOT NULL,
  created INTEGER NOT NULL,
  PRIMARY KEY (org_id, minute)
) WITHOUT ROWID;
INSERT INTO invitation_minutes VALUES('0b6e10b8c6a07c89e8dfbf279b3d2a9c',29938075,2);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('audit_events',6);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
CREATE UNIQUE INDEX members_org_username ON members(org_id, username_key);
CREATE INDEX members_org_status_username ON members(org_id, status, username_key);
CREATE INDEX members_org_role_username ON members(org_id, role, username_key);
CREATE INDEX members_org_status_role_username ON members(org_id, status, role, username_key);
CREATE UNIQUE INDEX invitations_pending_email ON invitations(org_id, email_key)
  WHERE status = 'PENDING';
CREATE UNIQUE INDEX invitations_pending_username ON invitations(org_id, username_key)
  WHERE status = 'PENDING';
CREATE INDEX invitations_org_created ON invitations(org_id, created_at, id);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX outbox_invitation ON outbox(invitation_id);
CREATE INDEX audit_events_org_seq ON audit_events(org_id, seq);
CREATE TRIGGER invitations_count_insert AFTER INSERT ON invitations
BEGIN
  INSERT INTO invitation_counters (org_id, pending) VALUES (NEW.org_id, NEW.status = 'PENDING')
    ON CONFLICT (org_id) DO UPDATE SET pending = pending + (NEW.status = 'PENDING');
  INSERT INTO invitation_minutes (org_id, minute, created)
    VALUES (NEW.org_id, NEW.created_at / 60000, 1)
    ON CONFLICT (org_id, minute) DO UPDATE SET created = created + 1;
  DELETE FROM invitation_minutes
    WHERE org_id = NEW.org_id AND minute < NEW.created_at / 60000 - 120;
END;
CREATE TRIGGER invitations_count_status AFTER UPDATE OF status ON invitations
  WHEN (OLD.status = 'PENDING') <> (NEW.status = 'PENDING')
BEGIN
  UPDATE invitation_counters
    SET pending = pending + (CASE WHEN NEW.status = 'PENDING' THEN 1 ELSE -1 END)
    WHERE org_id = NEW.org_id;
END;
CREATE TRIGGER invitations_count_delete AFTER DELETE ON invitations WHEN OLD.status = 'PENDING'
BEGIN
  UPDATE invitation_counters SET pending = pending - 1 WHERE org_id = OLD.org_id;
END;
CREATE INDEX invitations_pending_expiry ON invitations(org_id, expires_at) WHERE status = 'PENDING';
CREATE INDEX members_org_email_username ON members(org_id, email_key, username_key);
COMMIT;
