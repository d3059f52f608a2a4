// The code flow as openid-client runs it: discovery, PKCE S256 with each client authentication,
// the ID token's claims, RFC 9207 iss, refresh rotation, revocation, codes used once.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  client, BASE_URL, CALLBACK, createClient, configure, memberBrowser, adminBrowser, authorize,
  callbackOf, signIn, postForm, basicAuth, rejectsWith, decodeJwt, Browser,
} from './lib.mjs';

const MEMBER = 'member0000000@bench.test';
let confidential, publicClient, member, admin;

before(async () => {
  confidential = createClient({ name: 'Flows confidential' });
  publicClient = createClient({ name: 'Flows public', isPublic: true });
  assert.equal(publicClient.client_secret, null);
  member = await memberBrowser(MEMBER);
  admin = await adminBrowser();
});

test('discovery describes the provider', async () => {
  const config = await configure(confidential);
  const meta = config.serverMetadata();
  assert.equal(meta.issuer, BASE_URL);
  for (const [key, path] of Object.entries({
    authorization_endpoint: '/oauth/authorize', token_endpoint: '/oauth/token',
    userinfo_endpoint: '/oauth/userinfo', jwks_uri: '/oauth/jwks',
    revocation_endpoint: '/oauth/revoke', end_session_endpoint: '/oauth/logout',
  })) assert.equal(meta[key], BASE_URL + path);
  assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
  assert.deepEqual(meta.id_token_signing_alg_values_supported, ['RS256']);
  assert.equal(meta.authorization_response_iss_parameter_supported, true);
  assert.ok(meta.token_endpoint_auth_methods_supported.includes('none'));
});

test('code + PKCE with client_secret_basic: ID token signature and claims, userinfo', async () => {
  const config = await configure(confidential, 'basic');
  const me = (await member.api('GET', '/me')).body;
  const { tokens, flow } = await signIn(config, member);
  const claims = tokens.claims();
  assert.equal(claims.iss, BASE_URL);
  assert.equal(claims.aud, confidential.client_id);
  assert.equal(claims.sub, me.user.id);
  assert.equal(claims.email, MEMBER);
  assert.equal(typeof claims.email_verified, 'boolean');
  assert.equal(claims.preferred_username, 'member0000000');
  assert.equal(claims.org_id, me.organization.id);
  assert.equal(claims.org_name, 'Bench');
  assert.equal(claims.org_role, 'USER');
  assert.equal(claims.nonce, flow.nonce);
  const { header } = decodeJwt(tokens.id_token);
  assert.equal(header.alg, 'RS256');
  assert.equal(decodeJwt(tokens.access_token).header.typ, 'at+jwt');
  assert.ok(tokens.refresh_token, 'offline_access gives a refresh token');
  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.equal(info.email, MEMBER);
  assert.equal(info.org_role, 'USER');
});

test('openid-client rejects an ID token whose signature does not verify', async () => {
  const tamper = async (url, options) => {
    const res = await fetch(url, options);
    if (!String(url).endsWith('/oauth/token')) return res;
    const body = await res.json();
    const [h, p, sig] = body.id_token.split('.');
    body.id_token = `${h}.${p}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
    return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
  };
  const config = await configure(confidential, 'basic', { [client.customFetch]: tamper });
  await assert.rejects(signIn(config, member), (err) => /signature/.test(err.cause?.message ?? err.message));
});

test('client_secret_post and a public client with none', async () => {
  const post = await signIn(await configure(confidential, 'post'), member);
  assert.equal(post.tokens.claims().aud, confidential.client_id);
  const pub = await signIn(await configure(publicClient, 'none'), member);
  assert.equal(pub.tokens.claims().aud, publicClient.client_id);
  // A public client must send a PKCE challenge.
  const config = await configure(publicClient, 'none');
  const { res } = await authorize(config, member, { code_challenge: undefined, code_challenge_method: undefined });
  const back = callbackOf(res);
  assert.equal(back.searchParams.get('error'), 'invalid_request');
});

test('the authorization response carries iss and openid-client checks it (RFC 9207)', async () => {
  const config = await configure(confidential);
  const flow = await authorize(config, member);
  const back = callbackOf(flow.res);
  assert.equal(back.searchParams.get('iss'), BASE_URL);
  const forged = new URL(back);
  forged.searchParams.set('iss', 'http://evil.test');
  const checks = { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce };
  const issRejected = (err) => /"iss"/.test(err.cause?.message ?? err.message);
  await assert.rejects(client.authorizationCodeGrant(config, forged, checks), issRejected);
  const missing = new URL(back);
  missing.searchParams.delete('iss');
  await assert.rejects(client.authorizationCodeGrant(config, missing, checks), issRejected);
  // The genuine response still works: the forged ones never reached the token endpoint.
  const tokens = await client.authorizationCodeGrant(config, back, checks);
  assert.equal(tokens.claims().sub, decodeJwt(tokens.id_token).payload.sub);
});

test('a wrong code_verifier is invalid_grant', async () => {
  const config = await configure(confidential);
  const flow = await authorize(config, member);
  await rejectsWith(client.authorizationCodeGrant(config, callbackOf(flow.res), {
    pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: flow.state, expectedNonce: flow.nonce,
  }), 'invalid_grant');
});

test('refresh tokens rotate; a spent one revokes the whole family', async () => {
  const config = await configure(confidential);
  const { tokens } = await signIn(config, member);
  const first = tokens.refresh_token;
  const second = await client.refreshTokenGrant(config, first);
  assert.ok(second.refresh_token && second.refresh_token !== first);
  assert.equal(second.claims().sub, tokens.claims().sub);
  const third = await client.refreshTokenGrant(config, second.refresh_token);
  await rejectsWith(client.refreshTokenGrant(config, first), 'invalid_grant');
  // The reuse ended the family: the newest token is gone too.
  await rejectsWith(client.refreshTokenGrant(config, third.refresh_token), 'invalid_grant');
});

test('revocation (RFC 7009): a revoked refresh token no longer works', async () => {
  const config = await configure(confidential);
  const { tokens } = await signIn(config, member);
  await client.tokenRevocation(config, tokens.access_token);  // accepted, no effect
  await client.tokenRevocation(config, tokens.refresh_token, { token_type_hint: 'refresh_token' });
  await rejectsWith(client.refreshTokenGrant(config, tokens.refresh_token), 'invalid_grant');
  await client.tokenRevocation(config, 'not-a-token');  // unknown tokens: 200 as well
  const other = await configure(publicClient, 'none');
  const theirs = (await signIn(other, member)).tokens;
  await client.tokenRevocation(config, theirs.refresh_token);  // another client's: ignored
  assert.ok((await client.refreshTokenGrant(other, theirs.refresh_token)).access_token);
});

test('codes are single use: a replay is invalid_grant and revokes the refresh token', async () => {
  const config = await configure(confidential);
  const flow = await authorize(config, member);
  const back = callbackOf(flow.res);
  const checks = { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce };
  const tokens = await client.authorizationCodeGrant(config, back, checks);
  await rejectsWith(client.authorizationCodeGrant(config, back, checks), 'invalid_grant');
  await rejectsWith(client.refreshTokenGrant(config, tokens.refresh_token), 'invalid_grant');
});

test('a wrong client secret is 401 invalid_client', async () => {
  const config = await configure({ ...confidential, client_secret: 'wrong' }, 'basic');
  const flow = await authorize(config, member);
  await assert.rejects(client.authorizationCodeGrant(config, callbackOf(flow.res), {
    pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce,
  }), (err) => {
    assert.equal(err.status ?? err.cause?.status ?? err.response?.status, 401, err.message);
    return true;
  });
  const code = callbackOf((await authorize(config, member)).res).searchParams.get('code');
  const res = await postForm('/oauth/token', { grant_type: 'authorization_code', code, redirect_uri: CALLBACK },
    basicAuth(confidential.client_id, 'wrong'));
  assert.equal(res.status, 401);
  assert.equal(res.body.error, 'invalid_client');
  assert.match(res.headers.get('www-authenticate'), /^Basic/);
  const post = await postForm('/oauth/token', {
    grant_type: 'authorization_code', code, redirect_uri: CALLBACK,
    client_id: confidential.client_id, client_secret: 'wrong',
  });
  assert.equal(post.status, 401);
  assert.equal(post.body.error, 'invalid_client');
});

test('a redirect_uri that is not registered: an error page, never a redirect', async () => {
  const config = await configure(confidential);
  for (const redirect of ['http://evil.test/callback', `${CALLBACK}/more`, `${CALLBACK}?x=1`]) {
    const { res } = await authorize(config, member, { redirect_uri: redirect });
    assert.equal(res.status, 400, redirect);
    assert.equal(res.headers.get('location'), null);
    assert.match(res.headers.get('content-type'), /^text\/html/);
  }
  const unknown = new Browser();
  const res = await unknown.fetch(`/oauth/authorize?client_id=nope&redirect_uri=${encodeURIComponent(CALLBACK)}&response_type=code&scope=openid`);
  assert.equal(res.status, 400);
  assert.equal(res.headers.get('location'), null);
});

test('not signed in: the login page, or login_required with prompt=none', async () => {
  const config = await configure(confidential);
  const stranger = new Browser();
  const { res } = await authorize(config, stranger);
  assert.equal(res.status, 302);
  const login = new URL(res.headers.get('location'), BASE_URL);
  assert.equal(login.pathname, '/login');
  assert.ok(login.searchParams.get('return_to').startsWith('/oauth/authorize?'));
  const silent = await authorize(config, stranger, { prompt: 'none' });
  const back = callbackOf(silent.res);
  await rejectsWith(client.authorizationCodeGrant(config, back, {
    pkceCodeVerifier: silent.verifier, expectedState: silent.state,
  }), 'login_required');
  assert.equal(back.searchParams.get('state'), silent.state);
  // Signed in, prompt=none answers with a code at once.
  const ok = await authorize(config, admin, { prompt: 'none' });
  assert.ok(callbackOf(ok.res).searchParams.get('code'));
});
