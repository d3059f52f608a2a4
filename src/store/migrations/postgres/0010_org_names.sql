-- Mirrors migrations/sqlite/0010_org_names.sql: the usernames an organization holds, its
-- members' (removed ones included) and its PENDING invitations'. The primary key makes a
-- username unique across both while writers of one organization run in parallel (they take no
-- organization lock). Triggers keep it in the transaction of every write: a PENDING invitation
-- takes its name; when it is revoked or expires the name is freed; when it is accepted the new
-- member keeps the name.
CREATE TABLE org_names (
  org_id       TEXT COLLATE "C" NOT NULL REFERENCES organizations(id),
  username_key TEXT COLLATE "C" NOT NULL,
  CONSTRAINT org_names_pkey PRIMARY KEY (org_id, username_key)
);

INSERT INTO org_names (org_id, username_key)
  SELECT org_id, username_key FROM members
  UNION SELECT org_id, username_key FROM invitations WHERE status = 'PENDING'
  ON CONFLICT DO NOTHING;

CREATE FUNCTION org_names_invitation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status = 'PENDING' THEN
      INSERT INTO org_names (org_id, username_key) VALUES (NEW.org_id, NEW.username_key);
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    IF OLD.status <> 'PENDING' AND NEW.status = 'PENDING' THEN
      INSERT INTO org_names (org_id, username_key) VALUES (NEW.org_id, NEW.username_key);
    ELSIF OLD.status = 'PENDING' AND NEW.status IN ('REVOKED', 'EXPIRED') THEN
      DELETE FROM org_names WHERE org_id = NEW.org_id AND username_key = NEW.username_key;
    END IF;
  ELSIF OLD.status = 'PENDING' THEN
    DELETE FROM org_names WHERE org_id = OLD.org_id AND username_key = OLD.username_key;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER org_names_invitation AFTER INSERT OR UPDATE OF status OR DELETE ON invitations
  FOR EACH ROW EXECUTE FUNCTION org_names_invitation();

-- A member takes the name its accepted invitation held (or, founding the organization, a
-- free one): already there or inserted.
CREATE FUNCTION org_names_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO org_names (org_id, username_key) VALUES (NEW.org_id, NEW.username_key)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER org_names_member AFTER INSERT ON members
  FOR EACH ROW EXECUTE FUNCTION org_names_member();
