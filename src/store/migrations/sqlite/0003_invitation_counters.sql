-- Counters that keep the invitation abuse checks O(1) whatever the configured limits (the exact
-- queries then run only when an organization is at or near a limit). Triggers maintain them,
-- so every write path (API, seed, expiry) keeps them right in the same transaction.

-- Invitations with status PENDING per organization, expired-but-not-yet-released ones included:
-- an upper bound of the pending, unexpired count.
CREATE TABLE invitation_counters (
  org_id  TEXT PRIMARY KEY REFERENCES organizations(id),
  pending INTEGER NOT NULL
) WITHOUT ROWID;

-- Invitations created per organization and minute (created_at / 60000), kept two hours.
CREATE TABLE invitation_minutes (
  org_id  TEXT NOT NULL,
  minute  INTEGER NOT NULL,
  created INTEGER NOT NULL,
  PRIMARY KEY (org_id, minute)
) WITHOUT ROWID;

INSERT INTO invitation_counters (org_id, pending)
  SELECT org_id, COUNT(*) FROM invitations WHERE status = 'PENDING' GROUP BY org_id;
INSERT INTO invitation_minutes (org_id, minute, created)
  SELECT org_id, created_at / 60000, COUNT(*) FROM invitations GROUP BY org_id, created_at / 60000;

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

-- The exact pending count (near the cap) reads this index alone.
CREATE INDEX invitations_pending_expiry ON invitations(org_id, expires_at) WHERE status = 'PENDING';
