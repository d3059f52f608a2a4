-- Mirrors migrations/sqlite/0003_invitation_counters.sql: counters that keep the invitation
-- abuse checks O(1) whatever the configured limits, maintained by triggers. They live apart from
-- organizations so that updating them never waits on the organization lock (FOR UPDATE) that
-- member changes take: an invitation row, then its counters, is the only lock order.
CREATE TABLE invitation_counters (
  org_id  TEXT COLLATE "C" PRIMARY KEY REFERENCES organizations(id),
  pending BIGINT NOT NULL
);

CREATE TABLE invitation_minutes (
  org_id  TEXT COLLATE "C" NOT NULL,
  minute  BIGINT NOT NULL,
  created BIGINT NOT NULL,
  PRIMARY KEY (org_id, minute)
);

INSERT INTO invitation_counters (org_id, pending)
  SELECT org_id, COUNT(*) FROM invitations WHERE status = 'PENDING' GROUP BY org_id;
INSERT INTO invitation_minutes (org_id, minute, created)
  SELECT org_id, created_at / 60000, COUNT(*) FROM invitations GROUP BY org_id, created_at / 60000;

CREATE FUNCTION invitations_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO invitation_counters AS c (org_id, pending)
      VALUES (NEW.org_id, CASE WHEN NEW.status = 'PENDING' THEN 1 ELSE 0 END)
      ON CONFLICT (org_id) DO UPDATE
      SET pending = c.pending + CASE WHEN NEW.status = 'PENDING' THEN 1 ELSE 0 END;
    INSERT INTO invitation_minutes AS m (org_id, minute, created)
      VALUES (NEW.org_id, NEW.created_at / 60000, 1)
      ON CONFLICT (org_id, minute) DO UPDATE SET created = m.created + 1;
    DELETE FROM invitation_minutes
      WHERE org_id = NEW.org_id AND minute < NEW.created_at / 60000 - 120;
  ELSIF TG_OP = 'UPDATE' THEN
    IF (OLD.status = 'PENDING') <> (NEW.status = 'PENDING') THEN
      UPDATE invitation_counters
        SET pending = pending + CASE WHEN NEW.status = 'PENDING' THEN 1 ELSE -1 END
        WHERE org_id = NEW.org_id;
    END IF;
  ELSIF OLD.status = 'PENDING' THEN
    UPDATE invitation_counters SET pending = pending - 1 WHERE org_id = OLD.org_id;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER invitations_count AFTER INSERT OR UPDATE OF status OR DELETE ON invitations
  FOR EACH ROW EXECUTE FUNCTION invitations_count();

CREATE INDEX invitations_pending_expiry ON invitations(org_id, expires_at) WHERE status = 'PENDING';
