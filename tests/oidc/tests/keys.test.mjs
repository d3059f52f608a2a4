// Key rotation as a relying party that caches the JWKS sees it: `roster admin rotate-keys`
// makes a new signing key; new tokens verify once the client refetches the JWKS (openid-client
// refetches an unknown kid when its copy is 60 s old), and tokens signed with the old key still
// verify until they expire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jwtVerify, createLocalJWKSet } from 'jose';
import {
  client, BASE_URL, createClient, configure, memberBrowser, signIn, decodeJwt, rosterAdmin,
} from './lib.mjs';

async function jwks() {
  const res = await fetch(`${BASE_URL}/oauth/jwks`);
  assert.equal(res.status, 200);
  return res.json();
}

// The running server re-reads its keys at most every 5 s: wait (bounded) until it publishes `kid`.
async function published(kid) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const keys = await jwks();
    if (keys.keys.some((k) => k.kid === kid)) return keys;
    assert.ok(Date.now() < deadline, `the JWKS never showed ${kid}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('rotate-keys: a client with a cached JWKS verifies new tokens after a refetch, old ones still', async () => {
  const registered = createClient({ name: 'Key rotation app' });
  const member = await memberBrowser('member0000004@bench.test');
  const first = await configure(registered);
  const before = await signIn(first, member);
  const oldKid = decodeJwt(before.tokens.id_token).header.kid;
  const cache = client.getJwksCache(first);
  assert.ok(cache.jwks.keys.some((k) => k.kid === oldKid), 'the client cached the JWKS');

  const out = rosterAdmin('rotate-keys');
  const newKid = /signing with key (\S+)/.exec(out)[1];
  assert.notEqual(newKid, oldKid);
  const keys = await published(newKid);
  assert.ok(keys.keys.some((k) => k.kid === oldKid), 'the retired key stays published');

  // A client whose cached copy is fresh does not know the new kid yet.
  const cached = await configure(registered);
  client.setJwksCache(cached, cache);
  await assert.rejects(signIn(cached, member), (err) => {
    assert.match(err.cause?.message ?? err.message, /no applicable keys/);
    return true;
  });
  // Once its copy is a minute old it refetches the JWKS and the new token verifies.
  const refetching = await configure(registered);
  client.setJwksCache(refetching, { ...cache, uat: cache.uat - 61 });
  const after = await signIn(refetching, member);
  assert.equal(decodeJwt(after.tokens.id_token).header.kid, newKid);
  const refreshed = client.getJwksCache(refetching).jwks;
  assert.ok(refreshed.keys.some((k) => k.kid === newKid));

  // Tokens signed with the old key: still valid while unexpired.
  const { payload } = await jwtVerify(before.tokens.id_token, createLocalJWKSet(refreshed), {
    issuer: BASE_URL, audience: registered.client_id,
  });
  assert.equal(payload.sub, before.tokens.claims().sub);
  const info = await client.fetchUserInfo(first, before.tokens.access_token, payload.sub);
  assert.equal(info.sub, payload.sub);
  // The old refresh token gives tokens signed with the new key.
  const rotated = await client.refreshTokenGrant(refetching, before.tokens.refresh_token);
  assert.equal(decodeJwt(rotated.id_token).header.kid, newKid);
});
