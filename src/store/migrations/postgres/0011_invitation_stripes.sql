-- The invitation counters of 0003 in stripes, so that creations of one organization commit in
-- parallel: a transaction writes only the stripe of its transaction id (txid % 16), and a
-- stripe row waits for the one creation in flight on it, so at most 15 others are in flight
-- unseen by a creation's limit checks. Sums over the stripes are the counts of 0003. The
-- creations of an organization hold its advisory lock shared; far from a limit their checks
-- count the 15 in (store/invitations.cpp), near it a creation runs again holding it exclusive,
-- alone, and counts exactly. Written idempotent: replaying it changes nothing.
ALTER TABLE invitation_counters ADD COLUMN IF NOT EXISTS stripe INT NOT NULL DEFAULT 0;
ALTER TABLE invitation_counters DROP CONSTRAINT IF EXISTS invitation_counters_pkey;
ALTER TABLE invitation_counters ADD PRIMARY KEY (org_id, stripe);

ALTER TABLE invitation_minutes ADD COLUMN IF NOT EXISTS stripe INT NOT NULL DEFAULT 0;
ALTER TABLE invitation_minutes DROP CONSTRAINT IF EXISTS invitation_minutes_pkey;
ALTER TABLE invitation_minutes ADD PRIMARY KEY (org_id, minute, stripe);

CREATE OR REPLACE FUNCTION invitations_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s INT := (txid_current() % 16)::INT;
  org TEXT;
  delta INT := 0;
BEGIN
  IF TG_OP = 'DELETE' THEN
    org := OLD.org_id;
    IF OLD.status = 'PENDING' THEN delta := -1; END IF;
  ELSE
    org := NEW.org_id;
    IF TG_OP = 'INSERT' THEN
      IF NEW.status = 'PENDING' THEN delta := 1; END IF;
    ELSIF (OLD.status = 'PENDING') <> (NEW.status = 'PENDING') THEN
      delta := CASE WHEN NEW.status = 'PENDING' THEN 1 ELSE -1 END;
    END IF;
  END IF;
  -- The counter first, then the minute: one lock order for every transaction on a stripe.
  IF TG_OP = 'INSERT' OR delta <> 0 THEN
    INSERT INTO invitation_counters AS c (org_id, stripe, pending) VALUES (org, s, delta)
      ON CONFLICT (org_id, stripe) DO UPDATE SET pending = c.pending + delta;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO invitation_minutes AS m (org_id, minute, stripe, created)
      VALUES (org, NEW.created_at / 60000, s, 1)
      ON CONFLICT (org_id, minute, stripe) DO UPDATE SET created = m.created + 1;
    DELETE FROM invitation_minutes
      WHERE org_id = org AND stripe = s AND minute < NEW.created_at / 60000 - 120;
  END IF;
  RETURN NULL;
END;
$$;
