-- Where each audited change came from: the client address of the request (behind trusted
-- proxies, the one X-Forwarded-For names); '' for the command line and for older events.
ALTER TABLE audit_events ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
