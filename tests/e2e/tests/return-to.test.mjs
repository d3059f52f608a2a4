// The login page's return_to (forward auth and sign-in flows send people to /login with it):
// after signing in, a path on Roster and a URL on an allowed host are followed; every hostile
// form lands on Roster's own home page and no request leaves for another host. run.sh starts the
// server with ROSTER_ALLOWED_RETURN_HOSTS=127.0.0.1,app.e2e.test,ported.e2e.test:8443; the
// allowed applications are answered by the browser context itself (nothing leaves the machine).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, browser, PASSWORD, screenshot, useBrowser } from './lib.mjs';

const EMAIL = 'rita@return.example.com';
const BASE_HOST = new URL(BASE_URL).hostname;
const HOME = `${BASE_URL}/settings/organization`; // a personal-mode account's home

useBrowser();

before(async () => {
  const res = await fetch(`${BASE_URL}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, username: 'rita', password: PASSWORD }),
  });
  assert.equal(res.status, 201, await res.text());
});

// Signs in on /login?return_to=<raw> in a fresh context; returns where the browser ended up and
// every request it made to a host other than Roster's.
async function signInWith(raw, landing) {
  const context = await browser.newContext({ baseURL: BASE_URL });
  context.setDefaultTimeout(10_000);
  const offsite = [];
  await context.route(
    (url) => url.hostname !== BASE_HOST,
    (route) => {
      offsite.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>app</title><p>app</p>' });
    },
  );
  const page = await context.newPage();
  await page.goto(`/login?return_to=${encodeURIComponent(raw)}`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(landing);
  const url = page.url();
  return { url, offsite, page, context };
}

test('a path on Roster is followed after sign-in', async () => {
  const { url, offsite, page, context } = await signInWith('/settings/account?from=app', (u) => u.pathname === '/settings/account');
  assert.equal(url, `${BASE_URL}/settings/account?from=app`);
  assert.deepEqual(offsite, []);
  await screenshot(page, 'return-to-relative');
  await context.close();
});

test('a URL on an allowed host is followed after sign-in', async () => {
  for (const target of ['http://app.e2e.test/wiki/page?a=1&b=%2F', 'https://APP.e2e.test:9443/x', 'http://ported.e2e.test:8443/p', `${BASE_URL}/healthz`]) {
    const expected = new URL(target).href;
    const { url, context } = await signInWith(target, (u) => u.href === expected);
    assert.equal(url, expected);
    await context.close();
  }
});

test('every other return_to lands on Roster home and never leaves the site', async () => {
  const hostile = [
    '//evil.com/x',
    '///evil.com',
    '/\\evil.com',
    '/\t/evil.com',
    'https://evil.com/',
    'http://evil.com',
    'http://app.e2e.test@evil.com/',
    'http://app.e2e.test:80@evil.com/',
    'http://user:pw@app.e2e.test/',
    'http://evil.com\\@app.e2e.test/',
    'http://evil.com#@app.e2e.test/',
    'http://app.e2e.test.evil.com/',
    'http://ported.e2e.test/p',
    'http://ported.e2e.test:8444/p',
    'https:evil.com',
    'javascript:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    '%2F%2Fevil.com',
    'http%3A%2F%2Fevil.com',
    'evil.com',
    ' //evil.com',
  ];
  for (const raw of hostile) {
    const { url, offsite, context } = await signInWith(raw, (u) => u.href === HOME);
    assert.equal(url, HOME, raw);
    assert.deepEqual(offsite, [], raw);
    await context.close();
  }
});

test('path tricks stay on Roster', async () => {
  for (const raw of ['/.//evil.com', '/%2F%2Fevil.com', '/%5Cevil.com']) {
    const { url, offsite, context } = await signInWith(raw, (u) => u.pathname !== '/login');
    assert.equal(new URL(url).origin, BASE_URL, raw);
    assert.deepEqual(offsite, [], raw);
    await context.close();
  }
});
