// Shared helpers of the relying-party suite: the roster binary's admin commands, a cookie-keeping
// "browser" that signs in through the JSON API, and openid-client configurations.
import * as client from 'openid-client';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';

export { client };
export const BASE_URL = mustEnv('OIDC_BASE_URL').replace(/\/$/, '');
const ROSTER_BIN = mustEnv('ROSTER_BIN');
export const ADMIN_EMAIL = 'admin@bench.test';
export const ADMIN_PASSWORD = 'bench-password-1';
export const MEMBER_PASSWORD = 'member-password-1';
export const CALLBACK = 'https://rp.test/callback';
export const LOGGED_OUT = 'https://rp.test/logged-out';

function mustEnv(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the suite through tests/oidc/run.sh`);
  return v;
}

// `roster admin ARGS...` on the server's database (ROSTER_DATABASE_URL from run.sh); stdout.
export function rosterAdmin(...args) {
  return execFileSync(ROSTER_BIN, ['admin', ...args], {
    env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

// Registers an application of the Bench organization; {client_id, client_secret}.
export function createClient({ name, redirectUris = [CALLBACK], postLogout = [], isPublic = false,
  adminsOnly = false }) {
  const args = ['create-client', '--org', 'Bench', '--name', name];
  for (const uri of redirectUris) args.push('--redirect-uri', uri);
  for (const uri of postLogout) args.push('--post-logout-redirect-uri', uri);
  if (isPublic) args.push('--public');
  if (adminsOnly) args.push('--admins-only');
  return JSON.parse(rosterAdmin(...args).trim().split('\n').pop());
}

// A user agent with its own cookie jar; never follows redirects.
export class Browser {
  constructor() { this.cookies = new Map(); }

  async fetch(target, { method = 'GET', headers = {}, body } = {}) {
    const url = target.startsWith('http') ? target : BASE_URL + target;
    const jar = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      method, body, redirect: 'manual',
      headers: { ...(jar ? { cookie: jar } : {}), ...headers },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (!value || /Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    res.text_ = await res.text();
    return res;
  }

  // A JSON API call with the CSRF header; {status, body}.
  async api(method, path, body) {
    const res = await this.fetch(`/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': this.cookies.get('roster_csrf') ?? '' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.text_ ? JSON.parse(res.text_) : null };
  }

  async login(email, password) {
    const res = await this.api('POST', '/auth/login', { email, password });
    assert.equal(res.status, 200, `login ${email}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

// Gives a seeded member (who has no known password) one through a reset link, then signs in.
export async function memberBrowser(email) {
  const link = rosterAdmin('reset-link', '--email', email).trim();
  const token = link.slice(link.lastIndexOf('/') + 1);
  const browser = new Browser();
  const reset = await browser.api('POST', `/auth/password-reset/${token}`, { password: MEMBER_PASSWORD });
  assert.equal(reset.status, 204, JSON.stringify(reset.body));
  await browser.login(email, MEMBER_PASSWORD);
  return browser;
}

export async function adminBrowser() {
  const browser = new Browser();
  await browser.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  return browser;
}

// An openid-client Configuration from the discovery document. `auth`: basic, post or none.
// Non-repudiation checks make the client verify ID token signatures with the JWKS (it caches).
export async function configure(registered, auth = 'basic', options = {}) {
  const methods = {
    basic: () => client.ClientSecretBasic(registered.client_secret),
    post: () => client.ClientSecretPost(registered.client_secret),
    none: () => client.None(),
  };
  return client.discovery(new URL(BASE_URL), registered.client_id, undefined, methods[auth](), {
    execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
    ...options,
  });
}

// The authorization request: the browser follows it, Roster answers. {res, verifier, state,
// nonce, url}.
export async function authorize(config, browser, params = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: 'openid profile email offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  });
  const res = await browser.fetch(url.href);
  return { res, verifier, state, nonce, url };
}

// The redirect back to the application, as a URL.
export function callbackOf(res) {
  assert.equal(res.status, 302, `expected a redirect, got ${res.status}: ${res.text_}`);
  const location = new URL(res.headers.get('location'), BASE_URL);
  assert.equal(`${location.origin}${location.pathname}`, CALLBACK);
  return location;
}

// The whole code flow with openid-client's checks; the token endpoint response.
export async function signIn(config, browser, params = {}) {
  const flow = await authorize(config, browser, params);
  const tokens = await client.authorizationCodeGrant(config, callbackOf(flow.res), {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  return { tokens, flow };
}

// A raw form POST to the token or revocation endpoint; {status, body, headers}.
export async function postForm(path, fields, headers = {}) {
  const res = await fetch(BASE_URL + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

export function basicAuth(id, secret) {
  const enc = (s) => encodeURIComponent(s);
  return { authorization: `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}` };
}

// Expects `promise` to reject with an OAuth error `code` (openid-client's ResponseBodyError or
// AuthorizationResponseError).
export async function rejectsWith(promise, code) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.error ?? err.cause?.error, code, `${err.name}: ${err.message}`);
    return true;
  });
}

export function decodeJwt(jwt) {
  const [header, payload] = jwt.split('.').slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  return { header, payload };
}
