// Who may sign in to an application: non-members, removed members, role changes, admins-only
// clients; and RP-initiated logout.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  client, BASE_URL, LOGGED_OUT, createClient, configure, memberBrowser, adminBrowser, authorize,
  callbackOf, signIn, rejectsWith, Browser, MEMBER_PASSWORD,
} from './lib.mjs';

let app, adminsOnly, admin, orgId;

before(async () => {
  app = createClient({ name: 'Membership app', postLogout: [LOGGED_OUT] });
  adminsOnly = createClient({ name: 'Admin console', adminsOnly: true });
  admin = await adminBrowser();
  orgId = (await admin.api('GET', '/me')).body.organization.id;
});

// The refusal page: 403 HTML, no redirect, a link back carrying error=access_denied.
function assertDenied(res, state) {
  assert.equal(res.status, 403, res.text_);
  assert.equal(res.headers.get('location'), null);
  const href = /data-testid="oidc-continue" href="([^"]+)"/.exec(res.text_)[1]
    .replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
  const back = new URL(href);
  assert.equal(back.searchParams.get('error'), 'access_denied');
  assert.equal(back.searchParams.get('state'), state);
  assert.equal(back.searchParams.get('iss'), BASE_URL);
}

test('a user of no organization is refused with access_denied', async () => {
  const outsider = new Browser();
  const signup = await outsider.api('POST', '/auth/signup',
    { email: 'outsider@example.test', username: 'outsider', password: MEMBER_PASSWORD });
  assert.equal(signup.status, 201, JSON.stringify(signup.body));
  const config = await configure(app);
  const flow = await authorize(config, outsider);
  assertDenied(flow.res, flow.state);
  const silent = await authorize(config, outsider, { prompt: 'none' });
  await rejectsWith(client.authorizationCodeGrant(config, callbackOf(silent.res), {
    pkceCodeVerifier: silent.verifier, expectedState: silent.state,
  }), 'access_denied');
});

test('a removed member: refresh is invalid_grant, userinfo refuses at once, no new code', async () => {
  const email = 'member0000001@bench.test';
  const member = await memberBrowser(email);
  const config = await configure(app);
  const { tokens } = await signIn(config, member);
  const sub = tokens.claims().sub;
  assert.equal((await client.fetchUserInfo(config, tokens.access_token, sub)).sub, sub);
  const removed = await admin.api('DELETE', `/orgs/${orgId}/members/${sub}`);
  assert.equal(removed.status, 200, JSON.stringify(removed.body));
  await assert.rejects(client.fetchUserInfo(config, tokens.access_token, sub), (err) => {
    assert.equal(err.status ?? err.cause?.status ?? err.response?.status, 401, err.message);
    return true;
  });
  await rejectsWith(client.refreshTokenGrant(config, tokens.refresh_token), 'invalid_grant');
  // The removal ended their Roster session and they cannot sign in again: no new code.
  const flow = await authorize(config, member);
  assert.equal(new URL(flow.res.headers.get('location'), BASE_URL).pathname, '/login');
  const again = new Browser();
  const login = await again.api('POST', '/auth/login', { email, password: MEMBER_PASSWORD });
  assert.equal(login.body.code, 'account_removed');
});

test('a role change shows at the next refresh', async () => {
  const member = await memberBrowser('member0000002@bench.test');
  const config = await configure(app);
  const { tokens } = await signIn(config, member);
  const sub = tokens.claims().sub;
  assert.equal(tokens.claims().org_role, 'USER');
  const changed = await admin.api('PATCH', `/orgs/${orgId}/members/${sub}`, { role: 'ADMIN' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  const next = await client.refreshTokenGrant(config, tokens.refresh_token);
  assert.equal(next.claims().org_role, 'ADMIN');
  assert.equal((await client.fetchUserInfo(config, next.access_token, sub)).org_role, 'ADMIN');
});

test('an admins-only application refuses a USER and lets an ADMIN in', async () => {
  const member = await memberBrowser('member0000003@bench.test');
  const config = await configure(adminsOnly);
  const flow = await authorize(config, member);
  assertDenied(flow.res, flow.state);
  const { tokens } = await signIn(config, admin);
  assert.equal(tokens.claims().org_role, 'ADMIN');
});

test('RP-initiated logout: registered post_logout_redirect_uri, state, session ended', async () => {
  const member = await memberBrowser('member0000005@bench.test');
  const config = await configure(app);
  const { tokens } = await signIn(config, member);
  // An unregistered target is refused with a page; the session stays.
  const bad = await member.fetch(client.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token, post_logout_redirect_uri: 'http://evil.test/bye', state: 's1',
  }).href);
  assert.equal(bad.status, 400);
  assert.equal(bad.headers.get('location'), null);
  assert.equal((await member.api('GET', '/me')).status, 200);
  // Without a valid id_token_hint the target is not followed either.
  const forged = await member.fetch(client.buildEndSessionUrl(config, {
    id_token_hint: `${tokens.id_token}x`, post_logout_redirect_uri: LOGGED_OUT,
  }).href);
  assert.equal(forged.status, 400);
  assert.equal((await member.api('GET', '/me')).status, 200);
  const res = await member.fetch(client.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token, post_logout_redirect_uri: LOGGED_OUT, state: 'bye-state',
  }).href);
  assert.equal(res.status, 302, res.text_);
  const target = new URL(res.headers.get('location'));
  assert.equal(`${target.origin}${target.pathname}`, LOGGED_OUT);
  assert.equal(target.searchParams.get('state'), 'bye-state');
  assert.equal((await member.api('GET', '/me')).status, 401);
  // Signed out of Roster: the next authorization asks for a sign-in.
  const after = await authorize(config, member);
  assert.equal(new URL(after.res.headers.get('location'), BASE_URL).pathname, '/login');
});
