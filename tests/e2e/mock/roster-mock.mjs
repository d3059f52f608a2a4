#!/usr/bin/env node
// A small in-memory stand-in for `roster serve`, written from shared/api/openapi.yaml.
// It exists so the UI and the e2e suite can be developed and checked before (or without) the C++
// server: `tests/e2e/run.sh tests/e2e/mock/roster-mock`. It is NOT the product and not a reference
// implementation: the e2e suite's verdict that matters is the one against the real binary.
//
// Same environment as the server: ROSTER_LISTEN, ROSTER_PUBLIC_URL, ROSTER_SMTP_URL (smtp://host:port,
// messages are sent quoted-printable), ROSTER_INVITATION_TTL. ROSTER_MOCK_UI_DIST: the built UI (ui/dist).
import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.argv[2] !== 'serve') {
  console.error('usage: roster-mock serve');
  process.exit(2);
}

const here = dirname(fileURLToPath(import.meta.url));
const DIST = process.env.ROSTER_MOCK_UI_DIST ?? join(here, '..', '..', '..', 'ui', 'dist');
const LISTEN = process.env.ROSTER_LISTEN ?? '127.0.0.1:8080';
const [HOST, PORT] = [LISTEN.slice(0, LISTEN.lastIndexOf(':')), Number(LISTEN.slice(LISTEN.lastIndexOf(':') + 1))];
const PUBLIC_URL = (process.env.ROSTER_PUBLIC_URL ?? `http://${LISTEN}`).replace(/\/$/, '');
const SMTP = process.env.ROSTER_SMTP_URL ? new URL(process.env.ROSTER_SMTP_URL) : null;
const TTL_MS = parseTtl(process.env.ROSTER_INVITATION_TTL ?? '7d');

function parseTtl(s) {
  const m = /^(\d+)([smhd])$/.exec(s);
  if (!m) return 7 * 86400e3;
  return Number(m[1]) * { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[m[2]];
}

// ------------------------------------------------------------------ state
const users = new Map(); // id -> {id,email,username,password,created_at}
const sessions = new Map(); // sid -> {userId, csrf}
const orgs = new Map(); // id -> {id,name,created_at}
const memberships = new Map(); // userId -> {org_id,user_id,role,status,joined_at,removed_at}
const invitations = new Map(); // id -> {...}
const tokens = new Map(); // token -> invitationId

const now = () => new Date();
const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const lc = (s) => String(s).toLowerCase();

function problem(res, status, code, title, extra = {}) {
  send(res, status, { type: `https://roster.invalid/problems/${code}`, title, status, code, ...extra }, 'application/problem+json');
}
function send(res, status, body, type = 'application/json') {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(text);
}
function cookies(req) {
  const out = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
function startSession(res, userId) {
  const sid = randomBytes(24).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  sessions.set(sid, { userId, csrf });
  res.setHeader('Set-Cookie', [
    `roster_session=${sid}; Path=/; HttpOnly; SameSite=Lax`,
    `roster_csrf=${csrf}; Path=/; SameSite=Lax`,
  ]);
}
function meOf(user) {
  const m = memberships.get(user.id);
  const o = m && m.status === 'ACTIVE' ? orgs.get(m.org_id) : null;
  return {
    user: { id: user.id, email: user.email, username: user.username, created_at: user.created_at },
    mode: o ? 'organization' : 'personal',
    organization: o ? { id: o.id, name: o.name, role: m.role } : null,
  };
}
function memberView(m) {
  const u = users.get(m.user_id);
  return { user_id: u.id, email: u.email, username: u.username, role: m.role, status: m.status, joined_at: m.joined_at, removed_at: m.removed_at };
}
function effectiveStatus(inv) {
  if (inv.status === 'PENDING' && new Date(inv.expires_at) <= now()) return 'EXPIRED';
  return inv.status;
}
function invitationView(inv) {
  const status = effectiveStatus(inv);
  const v = {
    id: inv.id, email: inv.email, username: inv.username, role: inv.role, status,
    created_at: inv.created_at, expires_at: inv.expires_at, invited_by: inv.invited_by,
    accepted_at: inv.accepted_at, revoked_at: inv.revoked_at, email_delivery: inv.email_delivery,
  };
  if ((inv.email_delivery === 'DISABLED' || inv.email_delivery === 'FAILED') && inv.token && (status === 'PENDING' || status === 'EXPIRED')) {
    v.invite_url = `${PUBLIC_URL}/invite/${inv.token}`;
  }
  return v;
}
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/;
function normEmail(e) {
  const s = String(e).trim();
  const at = s.lastIndexOf('@');
  return at < 0 ? s : s.slice(0, at) + '@' + s.slice(at + 1).toLowerCase();
}
function emailRegistered(email) {
  for (const u of users.values()) if (lc(u.email) === lc(email)) return true;
  return false;
}

// ------------------------------------------------------------------ mail
function qp(text) {
  // quoted-printable with soft line breaks at 76, to make clients decode it properly.
  const bytes = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
  let out = '';
  let line = '';
  const flush = (soft) => {
    out += line + (soft ? '=\r\n' : '');
    line = '';
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 13 && bytes[i + 1] === 10) {
      flush(false);
      out += '\r\n';
      i++;
      continue;
    }
    const enc = (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : '=' + b.toString(16).toUpperCase().padStart(2, '0');
    if (line.length + enc.length > 75) flush(true);
    line += enc;
  }
  flush(false);
  return out;
}
function sendMail(to, subject, text) {
  return new Promise((resolve, reject) => {
    if (!SMTP) return reject(new Error('no smtp'));
    const sock = connect(Number(SMTP.port || 25), SMTP.hostname);
    const from = process.env.ROSTER_MAIL_FROM ?? 'roster@localhost';
    const body =
      `From: Roster <${from}>\r\nTo: <${to}>\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n` +
      qp(text).replace(/^\./gm, '..') + '\r\n.\r\n';
    const steps = [`EHLO localhost\r\n`, `MAIL FROM:<${from}>\r\n`, `RCPT TO:<${to}>\r\n`, `DATA\r\n`, body, `QUIT\r\n`];
    let buf = '';
    sock.setEncoding('utf8');
    sock.on('data', (d) => {
      buf += d;
      // wait for a complete final reply line ("NNN " form)
      const lines = buf.split('\r\n').filter(Boolean);
      const last = lines[lines.length - 1] ?? '';
      if (!/^\d{3} /.test(last) || !buf.endsWith('\r\n')) return;
      buf = '';
      if (/^[45]/.test(last)) {
        sock.destroy();
        return reject(new Error(last));
      }
      const next = steps.shift();
      if (next) sock.write(next);
      else {
        sock.end();
        resolve();
      }
    });
    sock.on('error', reject);
  });
}
function deliver(inv) {
  const link = `${PUBLIC_URL}/invite/${inv.token}`;
  const o = orgs.get(inv.org_id);
  if (!SMTP) {
    inv.email_delivery = 'DISABLED';
    console.log(`[mail disabled] invitation for ${inv.email}: ${link}`);
    return;
  }
  inv.email_delivery = 'QUEUED';
  const token = inv.token;
  const text =
    `Hello ${inv.username},\n\n${inv.invited_by.username} invited you to join ${o.name} on Roster as ${inv.role}.\n\n` +
    `Accept the invitation — it expires on ${inv.expires_at.slice(0, 10)} (UTC):\n${link}\n\n` +
    `If you did not expect this email, you can ignore it.\n`;
  sendMail(inv.email, `You are invited to join ${o.name} on Roster`, text).then(
    () => {
      if (inv.token === token) {
        inv.email_delivery = 'SENT';
        inv.token = null; // the raw token leaves the server with the message
      }
    },
    (e) => {
      if (inv.token === token) inv.email_delivery = 'FAILED';
      console.error('mail failed', e.message);
    },
  );
}

// ------------------------------------------------------------------ API
function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
}

const attempts = new Map();
function rateLimited(key) {
  const t = Date.now();
  const list = (attempts.get(key) ?? []).filter((x) => t - x < 60e3);
  list.push(t);
  attempts.set(key, list);
  return list.length > 20;
}

async function api(req, res, path, url) {
  const method = req.method;
  const raw = await readBody(req);
  let body = {};
  if (raw) {
    try {
      body = JSON.parse(raw);
    } catch {
      return problem(res, 400, 'invalid_json', 'Malformed JSON');
    }
  }
  const c = cookies(req);
  const session = c.roster_session ? sessions.get(c.roster_session) : null;
  const user = session ? users.get(session.userId) : null;
  const needAuth = () => {
    if (!user) {
      problem(res, 401, 'unauthenticated', 'Authentication required');
      return false;
    }
    if (method !== 'GET' && req.headers['x-csrf-token'] !== session.csrf) {
      problem(res, 403, 'csrf_failed', 'CSRF token missing or wrong');
      return false;
    }
    return true;
  };
  const needAdmin = (orgId) => {
    if (!needAuth()) return null;
    const m = memberships.get(user.id);
    if (!m || m.status !== 'ACTIVE') {
      problem(res, 403, 'organization_required', 'Organization required');
      return null;
    }
    if (m.org_id !== orgId) {
      problem(res, 403, 'not_a_member', 'Not a member');
      return null;
    }
    if (m.role !== 'ADMIN') {
      problem(res, 403, 'admin_required', 'Admin access required');
      return null;
    }
    return m;
  };
  let m;

  if (path === '/auth/signup' && method === 'POST') {
    const errors = [];
    const email = normEmail(body.email ?? '');
    if (!EMAIL_RE.test(email)) errors.push({ field: 'email', code: 'invalid', message: 'Enter a valid email address' });
    if (!USERNAME_RE.test(body.username ?? '')) errors.push({ field: 'username', code: 'invalid', message: 'Use 3–32 letters, digits, ".", "_" or "-"' });
    if (typeof body.password !== 'string' || body.password.length < 8 || body.password.length > 256)
      errors.push({ field: 'password', code: 'invalid', message: 'Password must be 8 to 256 characters' });
    if (errors.length) return problem(res, 422, 'validation_failed', 'Validation failed', { errors });
    if (emailRegistered(email)) return problem(res, 409, 'email_registered', 'Email already registered');
    const u = { id: randomUUID(), email, username: body.username, password: body.password, created_at: iso(now()) };
    users.set(u.id, u);
    startSession(res, u.id);
    return send(res, 201, meOf(u));
  }
  if (path === '/auth/login' && method === 'POST') {
    if (rateLimited(lc(body.email ?? ''))) {
      res.setHeader('Retry-After', '42');
      return problem(res, 429, 'rate_limited', 'Too many attempts');
    }
    const u = [...users.values()].find((x) => lc(x.email) === lc(body.email ?? '') && x.password === body.password);
    if (!u) return problem(res, 401, 'invalid_credentials', 'Invalid credentials', { detail: 'Email or password is incorrect.' });
    const mm = memberships.get(u.id);
    if (mm && mm.status === 'REMOVED') return problem(res, 403, 'account_removed', 'Account removed', { detail: 'This account was removed from its organization.' });
    startSession(res, u.id);
    return send(res, 200, meOf(u));
  }
  if (path === '/auth/logout' && method === 'POST') {
    if (!needAuth()) return;
    sessions.delete(c.roster_session);
    res.setHeader('Set-Cookie', ['roster_session=; Path=/; Max-Age=0', 'roster_csrf=; Path=/; Max-Age=0']);
    res.writeHead(204);
    return res.end();
  }
  if (path === '/me' && method === 'GET') {
    if (!needAuth()) return;
    return send(res, 200, meOf(user));
  }
  if (path === '/organizations' && method === 'POST') {
    if (!needAuth()) return;
    const name = String(body.name ?? '').trim();
    if (name.length < 2 || name.length > 64)
      return problem(res, 422, 'validation_failed', 'Validation failed', { errors: [{ field: 'name', code: 'invalid', message: 'Organization name must be 2 to 64 characters' }] });
    if (memberships.get(user.id)) return problem(res, 409, 'already_in_organization', 'Already in an organization');
    for (const o of orgs.values()) if (lc(o.name) === lc(name)) return problem(res, 409, 'organization_name_taken', 'Organization name taken');
    const o = { id: randomUUID(), name, created_at: iso(now()) };
    orgs.set(o.id, o);
    memberships.set(user.id, { org_id: o.id, user_id: user.id, role: 'ADMIN', status: 'ACTIVE', joined_at: iso(now()), removed_at: null });
    return send(res, 201, o);
  }
  let r;
  if ((r = /^\/orgs\/([^/]+)\/members$/.exec(path)) && method === 'GET') {
    if (!(m = needAdmin(r[1]))) return;
    const status = url.searchParams.get('status') ?? 'ALL';
    const role = url.searchParams.get('role');
    const q = lc(url.searchParams.get('q') ?? '');
    const limit = Number(url.searchParams.get('limit') ?? 50);
    if (!['ACTIVE', 'REMOVED', 'ALL'].includes(status) || (role && !['USER', 'ADMIN'].includes(role)) || !(limit >= 1 && limit <= 200))
      return problem(res, 422, 'validation_failed', 'Validation failed', { errors: [{ field: 'query', code: 'invalid' }] });
    let list = [...memberships.values()].filter((x) => x.org_id === r[1]).map(memberView);
    list = list.filter((x) => (status === 'ALL' || x.status === status) && (!role || x.role === role) && (!q || lc(x.username).startsWith(q) || lc(x.email).startsWith(q)));
    list.sort((a, b) => (lc(a.username) < lc(b.username) ? -1 : 1));
    const cursor = url.searchParams.get('cursor');
    if (cursor) list = list.filter((x) => lc(x.username) > Buffer.from(cursor, 'base64url').toString());
    const items = list.slice(0, limit);
    return send(res, 200, { items, next_cursor: list.length > limit ? Buffer.from(lc(items[items.length - 1].username)).toString('base64url') : null });
  }
  if ((r = /^\/orgs\/([^/]+)\/members\/([^/]+)$/.exec(path)) && (method === 'PATCH' || method === 'DELETE')) {
    if (!(m = needAdmin(r[1]))) return;
    const target = memberships.get(r[2]);
    if (!target || target.org_id !== r[1]) return problem(res, 404, 'not_found', 'Not found');
    if (target.status === 'REMOVED') return problem(res, 409, 'member_removed', 'Removed users cannot be modified');
    const activeAdmins = [...memberships.values()].filter((x) => x.org_id === r[1] && x.status === 'ACTIVE' && x.role === 'ADMIN');
    if (method === 'PATCH') {
      if (!['USER', 'ADMIN'].includes(body.role))
        return problem(res, 422, 'validation_failed', 'Validation failed', { errors: [{ field: 'role', code: 'invalid' }] });
      if (target.role === 'ADMIN' && body.role === 'USER' && activeAdmins.length <= 1) return problem(res, 409, 'last_admin', 'Last admin');
      target.role = body.role;
      return send(res, 200, memberView(target));
    }
    if (target.user_id === user.id) return problem(res, 409, 'cannot_remove_self', 'You cannot remove yourself');
    if (target.role === 'ADMIN' && activeAdmins.length <= 1) return problem(res, 409, 'last_admin', 'Last admin');
    target.status = 'REMOVED';
    target.removed_at = iso(now());
    for (const [sid, s] of sessions) if (s.userId === target.user_id) sessions.delete(sid);
    return send(res, 200, memberView(target));
  }
  if ((r = /^\/orgs\/([^/]+)\/invitations$/.exec(path)) && method === 'GET') {
    if (!(m = needAdmin(r[1]))) return;
    const statuses = url.searchParams.get('status')?.split(',').filter(Boolean);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    let list = [...invitations.values()].filter((x) => x.org_id === r[1]).map(invitationView);
    if (statuses) list = list.filter((x) => statuses.includes(x.status));
    list.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id < b.id ? 1 : -1));
    const cursor = url.searchParams.get('cursor');
    if (cursor) {
      const i = list.findIndex((x) => x.id === cursor);
      list = list.slice(i + 1);
    }
    const items = list.slice(0, limit);
    return send(res, 200, { items, next_cursor: list.length > limit ? items[items.length - 1].id : null });
  }
  if ((r = /^\/orgs\/([^/]+)\/invitations$/.exec(path)) && method === 'POST') {
    if (!(m = needAdmin(r[1]))) return;
    const errors = [];
    const email = normEmail(body.email ?? '');
    if (!EMAIL_RE.test(email)) errors.push({ field: 'email', code: 'invalid', message: 'Enter a valid email address' });
    if (!USERNAME_RE.test(body.username ?? '')) errors.push({ field: 'username', code: 'invalid', message: 'Use 3–32 letters, digits, ".", "_" or "-", starting with a letter or digit' });
    if (!['USER', 'ADMIN'].includes(body.role)) errors.push({ field: 'role', code: 'invalid', message: 'Choose USER or ADMIN' });
    if (errors.length) return problem(res, 422, 'validation_failed', 'Validation failed', { errors });
    if (emailRegistered(email)) return problem(res, 409, 'email_registered', 'Email already registered');
    const pending = [...invitations.values()].filter((x) => x.org_id === r[1] && effectiveStatus(x) === 'PENDING');
    if (pending.some((x) => lc(x.email) === lc(email))) return problem(res, 409, 'email_invited', 'Email already invited');
    const taken =
      [...memberships.values()].some((x) => x.org_id === r[1] && lc(users.get(x.user_id).username) === lc(body.username)) ||
      pending.some((x) => lc(x.username) === lc(body.username));
    if (taken) return problem(res, 409, 'username_taken', 'Username taken');
    const t = now();
    const inv = {
      id: randomUUID(), org_id: r[1], email, username: body.username, role: body.role, status: 'PENDING',
      created_at: iso(t), expires_at: iso(new Date(t.getTime() + TTL_MS)), invited_by: { user_id: user.id, username: user.username },
      accepted_at: null, revoked_at: null, token: randomBytes(32).toString('base64url'),
    };
    invitations.set(inv.id, inv);
    tokens.set(inv.token, inv.id);
    deliver(inv);
    return send(res, 201, invitationView(inv));
  }
  if ((r = /^\/orgs\/([^/]+)\/invitations\/([^/]+)\/(resend|revoke)$/.exec(path)) && method === 'POST') {
    if (!(m = needAdmin(r[1]))) return;
    const inv = invitations.get(r[2]);
    if (!inv || inv.org_id !== r[1]) return problem(res, 404, 'not_found', 'Not found');
    const st = effectiveStatus(inv);
    if (st === 'ACCEPTED') return problem(res, 409, 'invitation_accepted', 'Invitation accepted');
    if (r[3] === 'revoke') {
      if (st !== 'REVOKED') {
        inv.status = 'REVOKED';
        inv.revoked_at = iso(now());
        inv.token = null;
      }
      return send(res, 200, invitationView(inv));
    }
    if (st === 'REVOKED') return problem(res, 409, 'invitation_revoked', 'Invitation revoked');
    for (const [tok, id] of tokens) if (id === inv.id) tokens.delete(tok);
    const t = now();
    inv.status = 'PENDING';
    inv.expires_at = iso(new Date(t.getTime() + TTL_MS));
    inv.token = randomBytes(32).toString('base64url');
    tokens.set(inv.token, inv.id);
    deliver(inv);
    return send(res, 200, invitationView(inv));
  }
  if ((r = /^\/invitations\/([^/]+)$/.exec(path)) && method === 'GET') {
    const inv = invitations.get(tokens.get(r[1]));
    if (!inv) return problem(res, 404, 'not_found', 'Not found');
    return send(res, 200, {
      organization: { name: orgs.get(inv.org_id).name }, email: inv.email, username: inv.username,
      role: inv.role, status: effectiveStatus(inv), expires_at: inv.expires_at,
    });
  }
  if ((r = /^\/invitations\/([^/]+)\/accept$/.exec(path)) && method === 'POST') {
    const inv = invitations.get(tokens.get(r[1]));
    if (!inv) return problem(res, 404, 'not_found', 'Not found');
    const st = effectiveStatus(inv);
    if (st === 'ACCEPTED') return problem(res, 409, 'invitation_accepted', 'Invitation accepted');
    if (st === 'EXPIRED') return problem(res, 410, 'invitation_expired', 'Invitation expired');
    if (st === 'REVOKED') return problem(res, 410, 'invitation_revoked', 'Invitation revoked');
    if (typeof body.password !== 'string' || body.password.length < 8 || body.password.length > 256)
      return problem(res, 422, 'validation_failed', 'Validation failed', { errors: [{ field: 'password', code: 'invalid', message: 'Password must be 8 to 256 characters' }] });
    if (emailRegistered(inv.email)) return problem(res, 409, 'email_registered', 'Email already registered');
    const u = { id: randomUUID(), email: inv.email, username: inv.username, password: body.password, created_at: iso(now()) };
    users.set(u.id, u);
    memberships.set(u.id, { org_id: inv.org_id, user_id: u.id, role: inv.role, status: 'ACTIVE', joined_at: iso(now()), removed_at: null });
    inv.status = 'ACCEPTED';
    inv.accepted_at = iso(now());
    tokens.delete(r[1]);
    startSession(res, u.id);
    return send(res, 201, meOf(u));
  }
  return problem(res, 404, 'not_found', 'Not found');
}

// ------------------------------------------------------------------ static UI
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8' };
const PAGES = [/^\/$/, /^\/signup$/, /^\/login$/, /^\/settings\/organization$/, /^\/organization\/users$/, /^\/invite\/[^/]+$/];

function serveFile(res, file, immutable) {
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(readFileSync(file));
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname;
  try {
    if (path === '/healthz') return send(res, 200, { status: 'ok' });
    if (path.startsWith('/api/v1/')) return await api(req, res, path.slice('/api/v1'.length), url);
    if (PAGES.some((p) => p.test(path))) return serveFile(res, join(DIST, 'index.html'), false);
    const file = normalize(join(DIST, path));
    if (file.startsWith(DIST) && existsSync(file) && statSync(file).isFile()) return serveFile(res, file, path.startsWith('/assets/'));
    problem(res, 404, 'not_found', 'Not found');
  } catch (e) {
    console.error(e);
    problem(res, 500, 'internal', 'Internal error');
  }
});
server.listen(PORT, HOST, () => console.log(`roster-mock listening on ${HOST}:${PORT}, UI from ${DIST}`));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
