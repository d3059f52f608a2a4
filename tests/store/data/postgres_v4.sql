--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: invitations_count(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.invitations_count() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: api_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_tokens (
    id text NOT NULL COLLATE pg_catalog."C",
    token_hash text NOT NULL COLLATE pg_catalog."C",
    user_id text NOT NULL COLLATE pg_catalog."C",
    name text NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: audit_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_events (
    seq bigint NOT NULL,
    id text NOT NULL COLLATE pg_catalog."C",
    org_id text NOT NULL COLLATE pg_catalog."C",
    at bigint NOT NULL,
    actor_user_id text NOT NULL,
    actor_username text NOT NULL,
    action text NOT NULL,
    target_type text NOT NULL,
    target_id text NOT NULL,
    target_label text NOT NULL,
    details text NOT NULL
);


--
-- Name: audit_events_seq_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_events_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_events_seq_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_events_seq_seq OWNED BY public.audit_events.seq;


--
-- Name: invitation_counters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.invitation_counters (
    org_id text NOT NULL COLLATE pg_catalog."C",
    pending bigint NOT NULL
);


--
-- Name: invitation_minutes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.invitation_minutes (
    org_id text NOT NULL COLLATE pg_catalog."C",
    minute bigint NOT NULL,
    created bigint NOT NULL
);


--
-- Name: invitations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.invitations (
    id text NOT NULL COLLATE pg_catalog."C",
    org_id text NOT NULL COLLATE pg_catalog."C",
    email text NOT NULL,
    email_key text NOT NULL COLLATE pg_catalog."C",
    username text NOT NULL,
    username_key text NOT NULL COLLATE pg_catalog."C",
    role text NOT NULL,
    status text NOT NULL,
    token_hash text NOT NULL COLLATE pg_catalog."C",
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    invited_by text NOT NULL COLLATE pg_catalog."C",
    accepted_at bigint,
    revoked_at bigint,
    latest_message_id text COLLATE pg_catalog."C",
    CONSTRAINT invitations_role_check CHECK ((role = ANY (ARRAY['USER'::text, 'ADMIN'::text]))),
    CONSTRAINT invitations_status_check CHECK ((status = ANY (ARRAY['PENDING'::text, 'ACCEPTED'::text, 'REVOKED'::text, 'EXPIRED'::text])))
);


--
-- Name: members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.members (
    user_id text NOT NULL COLLATE pg_catalog."C",
    org_id text NOT NULL COLLATE pg_catalog."C",
    username_key text NOT NULL COLLATE pg_catalog."C",
    email_key text NOT NULL COLLATE pg_catalog."C",
    role text NOT NULL,
    status text NOT NULL,
    joined_at bigint NOT NULL,
    removed_at bigint,
    removed_by text,
    email text DEFAULT ''::text NOT NULL,
    username text DEFAULT ''::text NOT NULL,
    CONSTRAINT members_role_check CHECK ((role = ANY (ARRAY['USER'::text, 'ADMIN'::text]))),
    CONSTRAINT members_status_check CHECK ((status = ANY (ARRAY['ACTIVE'::text, 'REMOVED'::text])))
);


--
-- Name: organizations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.organizations (
    id text NOT NULL COLLATE pg_catalog."C",
    name text NOT NULL,
    name_key text NOT NULL COLLATE pg_catalog."C",
    created_at bigint NOT NULL
);


--
-- Name: outbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox (
    id text NOT NULL COLLATE pg_catalog."C",
    invitation_id text NOT NULL COLLATE pg_catalog."C",
    recipient text NOT NULL,
    subject text NOT NULL,
    body_text text NOT NULL,
    body_html text NOT NULL,
    link text NOT NULL,
    state text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    created_at bigint NOT NULL,
    next_attempt_at bigint,
    locked_until bigint DEFAULT 0 NOT NULL,
    cancelled boolean DEFAULT false NOT NULL,
    last_error text DEFAULT ''::text NOT NULL,
    sent_at bigint,
    CONSTRAINT outbox_state_check CHECK ((state = ANY (ARRAY['QUEUED'::text, 'SENT'::text, 'FAILED'::text, 'DISABLED'::text])))
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at bigint NOT NULL
);


--
-- Name: server_secrets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.server_secrets (
    name text NOT NULL,
    value text NOT NULL
);


--
-- Name: sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sessions (
    token_hash text NOT NULL COLLATE pg_catalog."C",
    user_id text NOT NULL COLLATE pg_catalog."C",
    created_at bigint NOT NULL,
    last_seen_at bigint NOT NULL,
    expires_at bigint NOT NULL
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id text NOT NULL COLLATE pg_catalog."C",
    email text NOT NULL,
    email_key text NOT NULL COLLATE pg_catalog."C",
    username text NOT NULL,
    password_hash text NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: audit_events seq; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events ALTER COLUMN seq SET DEFAULT nextval('public.audit_events_seq_seq'::regclass);


--
-- Data for Name: api_tokens; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.api_tokens VALUES ('6eb19f22522d175e3e04728e1857250c', '100817b76a3c4b32bfd311a886ad29bca4ef76fa4a827d4aa1934569f04ca55d', '50f329a7704d6f5c6e197c390db317ec', 'ci', 1796284543978);


--
-- Data for Name: audit_events; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit_events VALUES (1, '01a23ae6ee2be1d455fd80607be0e478', '4102b2efcf4bdaefdaacbe8d3fb4a952', 1796284542507, '50f329a7704d6f5c6e197c390db317ec', 'Ann', 'organization.activated', 'organization', '4102b2efcf4bdaefdaacbe8d3fb4a952', 'Acme', '{}');
INSERT INTO public.audit_events VALUES (2, '01a23ae6ee90198e21e649ba3ba76c74', '4102b2efcf4bdaefdaacbe8d3fb4a952', 1796284542608, '50f329a7704d6f5c6e197c390db317ec', 'Ann', 'invitation.created', 'invitation', '01a23ae6ee4f2553d6fb37149ebd1c7f', 'bob@example.org', '{"username":"bob","role":"USER"}');
INSERT INTO public.audit_events VALUES (3, '01a23ae6ef746f211a521f9429287a7d', '4102b2efcf4bdaefdaacbe8d3fb4a952', 1796284542836, '50f329a7704d6f5c6e197c390db317ec', 'Ann', 'invitation.created', 'invitation', '01a23ae6ef32bc815134d428ab315a69', 'carol@example.org', '{"username":"carol","role":"ADMIN"}');
INSERT INTO public.audit_events VALUES (4, '01a23ae6efce16e383938b38f35cb398', '4102b2efcf4bdaefdaacbe8d3fb4a952', 1796284542926, '50f329a7704d6f5c6e197c390db317ec', 'Ann', 'invitation.revoked', 'invitation', '01a23ae6ef32bc815134d428ab315a69', 'carol@example.org', '{}');
INSERT INTO public.audit_events VALUES (5, '01a23ae6f22762c71c4500e126907cce', '4102b2efcf4bdaefdaacbe8d3fb4a952', 1796284543527, '67002eb7ccbc16bd971ce9f2db0ef8ab', 'bob', 'invitation.accepted', 'invitation', '01a23ae6ee4f2553d6fb37149ebd1c7f', 'bob@example.org', '{"role":"USER"}');
INSERT INTO public.audit_events VALUES (6, '01a23ae6f38a4407c331cd96559db92e', '4102b2efcf4bdaefdaacbe8d3fb4a952', 1796284543882, '50f329a7704d6f5c6e197c390db317ec', 'Ann', 'member.role_changed', 'member', '67002eb7ccbc16bd971ce9f2db0ef8ab', 'bob', '{"from":"USER","to":"ADMIN"}');


--
-- Data for Name: invitation_counters; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.invitation_counters VALUES ('4102b2efcf4bdaefdaacbe8d3fb4a952', 0);


--
-- Data for Name: invitation_minutes; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.invitation_minutes VALUES ('4102b2efcf4bdaefdaacbe8d3fb4a952', 29938075, 2);


--
-- Data for Name: invitations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.invitations VALUES ('01a23ae6ef32bc815134d428ab315a69', '4102b2efcf4bdaefdaacbe8d3fb4a952', 'carol@example.org', 'carol@example.org', 'carol', 'carol', 'ADMIN', 'REVOKED', '4fd1d832b7a10e3a7750cbfabac1f8fe0a92d0e10848a031573ef2b217cbb186', 1796284542782, 1796889342782, '50f329a7704d6f5c6e197c390db317ec', NULL, 1796284542912, '01a23ae6ef3e8cd5a055be77a84a78e6');
INSERT INTO public.invitations VALUES ('01a23ae6ee4f2553d6fb37149ebd1c7f', '4102b2efcf4bdaefdaacbe8d3fb4a952', 'bob@example.org', 'bob@example.org', 'bob', 'bob', 'USER', 'ACCEPTED', 'e1fa072d97ddc766b26b8892bb037a7f7b8214d920649b915bfa6f9368e527ae', 1796284542562, 1796889342562, '50f329a7704d6f5c6e197c390db317ec', 1796284543507, NULL, '01a23ae6ee624ae814d73ed2816f055c');


--
-- Data for Name: members; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.members VALUES ('50f329a7704d6f5c6e197c390db317ec', '4102b2efcf4bdaefdaacbe8d3fb4a952', 'ann', 'ann@example.org', 'ADMIN', 'ACTIVE', 1796284542503, NULL, NULL, 'Ann@example.org', 'Ann');
INSERT INTO public.members VALUES ('67002eb7ccbc16bd971ce9f2db0ef8ab', '4102b2efcf4bdaefdaacbe8d3fb4a952', 'bob', 'bob@example.org', 'ADMIN', 'ACTIVE', 1796284543507, NULL, NULL, 'bob@example.org', 'bob');


--
-- Data for Name: organizations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.organizations VALUES ('4102b2efcf4bdaefdaacbe8d3fb4a952', 'Acme', 'acme', 1796284542503);


--
-- Data for Name: outbox; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.outbox VALUES ('01a23ae6ef3e8cd5a055be77a84a78e6', '01a23ae6ef32bc815134d428ab315a69', 'carol@example.org', 'Ann invited you to join Acme on Roster', '', '', '', 'DISABLED', 1, 1796284542782, NULL, 0, true, '', NULL);
INSERT INTO public.outbox VALUES ('01a23ae6ee624ae814d73ed2816f055c', '01a23ae6ee4f2553d6fb37149ebd1c7f', 'bob@example.org', 'Ann invited you to join Acme on Roster', '', '', '', 'DISABLED', 1, 1796284542562, NULL, 0, true, '', NULL);


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.schema_migrations VALUES (1, '0001_init', 1796284541623);
INSERT INTO public.schema_migrations VALUES (2, '0002_server_secrets', 1796284541651);
INSERT INTO public.schema_migrations VALUES (3, '0003_invitation_counters', 1796284541679);
INSERT INTO public.schema_migrations VALUES (4, '0004_members_display', 1796284541700);


--
-- Data for Name: server_secrets; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.server_secrets VALUES ('cursor_key', '8Nf_I94xAR72qfAqF3uSbwxIQlrU54OkkiFM_K34oQs');


--
-- Data for Name: sessions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.sessions VALUES ('20308028e1d2eee594351d5a82f46815a4b6b9ffe18ec2a1827215c8988aa226', '50f329a7704d6f5c6e197c390db317ec', 1796284542346, 1796284542346, 1798876542346);
INSERT INTO public.sessions VALUES ('27ddaf2cfed1b70c4d9ee5bcc87d0f0b9764bd0cab9ef4292e49223e4115572e', '67002eb7ccbc16bd971ce9f2db0ef8ab', 1796284543527, 1796284543527, 1798876543527);


--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.users VALUES ('50f329a7704d6f5c6e197c390db317ec', 'Ann@example.org', 'ann@example.org', 'Ann', '$argon2id$v=19$m=65536,t=2,p=1$57He6Mh3S2VI0FOONx/5ww$0OAG7qB4rvm8YSU8AtpSY6a3EjQ/2Z6ahP5c3i5j3fE', 1796284542329);
INSERT INTO public.users VALUES ('67002eb7ccbc16bd971ce9f2db0ef8ab', 'bob@example.org', 'bob@example.org', 'bob', '$argon2id$v=19$m=65536,t=2,p=1$S5YVfFSFxJdQXe4ZpQgmtA$8C7WnP7UG0bbDyG+S1SMYtv6fA/vqNd5sh42P33o/tE', 1796284543507);


--
-- Name: audit_events_seq_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_events_seq_seq', 6, true);


--
-- Name: api_tokens api_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (id);


--
-- Name: api_tokens api_tokens_token_hash; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_token_hash UNIQUE (token_hash);


--
-- Name: audit_events audit_events_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT audit_events_id UNIQUE (id);


--
-- Name: audit_events audit_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT audit_events_pkey PRIMARY KEY (seq);


--
-- Name: invitation_counters invitation_counters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitation_counters
    ADD CONSTRAINT invitation_counters_pkey PRIMARY KEY (org_id);


--
-- Name: invitation_minutes invitation_minutes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitation_minutes
    ADD CONSTRAINT invitation_minutes_pkey PRIMARY KEY (org_id, minute);


--
-- Name: invitations invitations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_pkey PRIMARY KEY (id);


--
-- Name: invitations invitations_token_hash; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_token_hash UNIQUE (token_hash);


--
-- Name: members members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.members
    ADD CONSTRAINT members_pkey PRIMARY KEY (user_id);


--
-- Name: organizations organizations_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organizations
    ADD CONSTRAINT organizations_name_key UNIQUE (name_key);


--
-- Name: organizations organizations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organizations
    ADD CONSTRAINT organizations_pkey PRIMARY KEY (id);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: server_secrets server_secrets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.server_secrets
    ADD CONSTRAINT server_secrets_pkey PRIMARY KEY (name);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (token_hash);


--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_key UNIQUE (email_key);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: api_tokens_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_tokens_user ON public.api_tokens USING btree (user_id);


--
-- Name: audit_events_org_seq; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_events_org_seq ON public.audit_events USING btree (org_id, seq);


--
-- Name: invitations_org_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX invitations_org_created ON public.invitations USING btree (org_id, created_at, id);


--
-- Name: invitations_pending_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX invitations_pending_email ON public.invitations USING btree (org_id, email_key) WHERE (status = 'PENDING'::text);


--
-- Name: invitations_pending_expiry; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX invitations_pending_expiry ON public.invitations USING btree (org_id, expires_at) WHERE (status = 'PENDING'::text);


--
-- Name: invitations_pending_username; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX invitations_pending_username ON public.invitations USING btree (org_id, username_key) WHERE (status = 'PENDING'::text);


--
-- Name: members_org_email; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX members_org_email ON public.members USING btree (org_id, email_key);


--
-- Name: members_org_role_username; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX members_org_role_username ON public.members USING btree (org_id, role, username_key);


--
-- Name: members_org_status_role_username; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX members_org_status_role_username ON public.members USING btree (org_id, status, role, username_key);


--
-- Name: members_org_status_username; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX members_org_status_username ON public.members USING btree (org_id, status, username_key);


--
-- Name: members_org_username; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX members_org_username ON public.members USING btree (org_id, username_key);


--
-- Name: outbox_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_due ON public.outbox USING btree (next_attempt_at) WHERE (next_attempt_at IS NOT NULL);


--
-- Name: outbox_invitation; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_invitation ON public.outbox USING btree (invitation_id);


--
-- Name: sessions_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sessions_user ON public.sessions USING btree (user_id);


--
-- Name: invitations invitations_count; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER invitations_count AFTER INSERT OR DELETE OR UPDATE OF status ON public.invitations FOR EACH ROW EXECUTE FUNCTION public.invitations_count();


--
-- Name: api_tokens api_tokens_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);


--
-- Name: audit_events audit_events_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT audit_events_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: invitation_counters invitation_counters_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitation_counters
    ADD CONSTRAINT invitation_counters_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: invitations invitations_invited_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES public.users(id);


--
-- Name: invitations invitations_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: members members_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.members
    ADD CONSTRAINT members_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: members members_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.members
    ADD CONSTRAINT members_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);


--
-- Name: outbox outbox_invitation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_invitation_id_fkey FOREIGN KEY (invitation_id) REFERENCES public.invitations(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sessions sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);


--
-- PostgreSQL database dump complete
--


