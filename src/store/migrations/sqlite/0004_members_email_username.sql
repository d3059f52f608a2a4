-- A members search reads the email-prefix range from this index alone: it carries the
-- username_key that orders the result, so no row is read before the first page is chosen.
CREATE INDEX members_org_email_username ON members(org_id, email_key, username_key);
DROP INDEX members_org_email;
