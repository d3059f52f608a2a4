-- The usernames an organization holds: its members' (removed ones included) and its PENDING
-- invitations'. The primary key makes a username unique across both, whatever runs in
-- parallel (PostgreSQL writers of one organization take no common lock). Triggers keep it in
-- the transaction of every write: a PENDING invitation takes its name; when it is revoked or
-- expires the name is freed; when it is accepted the new member keeps the name.
CREATE TABLE org_names (
  org_id       TEXT NOT NULL REFERENCES organizations(id),
  username_key TEXT NOT NULL,
  PRIMARY KEY (org_id, username_key)
) WITHOUT ROWID;

INSERT OR IGNORE INTO org_names (org_id, username_key)
  SELECT org_id, username_key FROM members
  UNION SELECT org_id, username_key FROM invitations WHERE status = 'PENDING';

CREATE TRIGGER org_names_invitation_insert AFTER INSERT ON invitations
  WHEN NEW.status = 'PENDING'
BEGIN
  INSERT INTO org_names (org_id, username_key) VALUES (NEW.org_id, NEW.username_key);
END;

CREATE TRIGGER org_names_invitation_status AFTER UPDATE OF status ON invitations
  WHEN OLD.status <> NEW.status
BEGIN
  INSERT INTO org_names (org_id, username_key)
    SELECT NEW.org_id, NEW.username_key WHERE NEW.status = 'PENDING';
  DELETE FROM org_names WHERE OLD.status = 'PENDING' AND NEW.status IN ('REVOKED', 'EXPIRED')
    AND org_id = NEW.org_id AND username_key = NEW.username_key;
END;

CREATE TRIGGER org_names_invitation_delete AFTER DELETE ON invitations
  WHEN OLD.status = 'PENDING'
BEGIN
  DELETE FROM org_names WHERE org_id = OLD.org_id AND username_key = OLD.username_key;
END;

-- A member takes the name its accepted invitation held (or, founding the organization, a
-- free one): already there or inserted.
CREATE TRIGGER org_names_member_insert AFTER INSERT ON members
BEGIN
  INSERT INTO org_names (org_id, username_key) VALUES (NEW.org_id, NEW.username_key)
    ON CONFLICT (org_id, username_key) DO NOTHING;
END;
