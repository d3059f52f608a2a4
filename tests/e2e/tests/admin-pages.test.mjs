// The admin pages beyond the guide walk: the invitation lifetime shown from the server's
// configuration, and the audit log (/organization/audit): who did what to whom and when, newest
// first, paged, filtered by action and by member. Runs on its own organization ("Globex").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  announced,
  assertAccessible,
  assertNoPageProblems,
  BASE_URL,
  browser,
  inviteLinkIn,
  newPage,
  PASSWORD,
  screenshot,
  signupAdmin,
  useBrowser,
  waitForMail,
} from './lib.mjs';

const ORG = 'Globex';
const ann = { email: 'ann@audit.example.com', username: 'ann' };
const bob = { email: 'bob@audit.example.com', username: 'bob' };
const cara = { email: 'cara@audit.example.com', username: 'cara' };

let admin;

useBrowser();

const auditRows = (page) => page.locator('tr[data-testid="audit-row"]');
const rowTexts = async (page) => (await auditRows(page).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

// Polls the audit rows until `check(texts)` holds (the list refetches after a filter change).
async function waitRows(page, what, check) {
  const deadline = Date.now() + 10_000;
  let texts = [];
  while (Date.now() < deadline) {
    texts = await rowTexts(page);
    if (texts.length > 0 && check(texts)) return texts;
    await page.waitForTimeout(100);
  }
  assert.fail(`audit rows never showed ${what}; they show:\n  ${texts.join('\n  ')}`);
}

async function invite(page, who) {
  await page.locator('#invite-email').fill(who.email);
  await page.locator('#invite-username').fill(who.username);
  await page.getByLabel('Role', { exact: true }).selectOption('USER');
  await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
  await announced(page, `Invitation sent to ${who.email}`);
}

test('setup: ann activates Globex, invites bob (accepts) and cara (revoked), changes and removes bob', async () => {
  admin = await newPage(browser);
  await signupAdmin(admin, ann, ORG);

  await invite(admin, bob);
  const link = inviteLinkIn((await waitForMail(bob.email, 1))[0]);
  const bobContext = await browser.newContext({ baseURL: BASE_URL });
  const accepted = await bobContext.request.post(`/api/v1/invitations/${link.token}/accept`, { data: { password: PASSWORD } });
  assert.equal(accepted.status(), 201, await accepted.text());
  await bobContext.close();

  await admin.reload();
  const bobRow = admin.locator('tr[data-testid="member-row"][data-username="bob"]');
  await bobRow.getByLabel('Role for bob').selectOption('ADMIN');
  await announced(admin, 'bob is now ADMIN');
  await admin.getByRole('button', { name: 'Remove bob' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
  await announced(admin, `bob was removed from ${ORG}`);

  await invite(admin, cara);
  await admin.getByRole('button', { name: `Revoke invitation for ${cara.email}` }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Revoke', exact: true }).click();
  await announced(admin, `Invitation for ${cara.email} was revoked`);
});

test('the invitation lifetime comes from the server: "Invitation links expire after 7 days."', async () => {
  await admin.getByTestId('invitation-lifetime').filter({ hasText: 'Invitation links expire after 7 days.' }).waitFor();
  // Another configured lifetime shows as another sentence (the browser answers GET /info itself).
  await admin.route('**/api/v1/info', (route) => route.fulfill({ json: { invitation_ttl_seconds: 3600 } }));
  try {
    await admin.reload();
    await admin.getByTestId('invitation-lifetime').filter({ hasText: 'Invitation links expire after 1 hour.' }).waitFor();
  } finally {
    await admin.unroute('**/api/v1/info');
  }
});

test('audit log: linked beside user management, newest first, in the guide\'s words, accessible', async () => {
  await admin.locator('header').getByRole('link', { name: 'Audit log' }).click();
  await admin.waitForURL('**/organization/audit');
  await admin.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  const expected = [
    `ann revoked the invitation for ${cara.email}`,
    `ann invited ${cara.email} as USER`,
    'ann removed bob',
    "ann changed bob's role from USER to ADMIN",
    `bob accepted the invitation for ${bob.email} and joined as USER`,
    `ann invited ${bob.email} as USER`,
    `ann activated the organization ${ORG}`,
  ];
  const texts = await waitRows(admin, 'all seven events', (t) => t.length === expected.length);
  expected.forEach((sentence, i) => assert.ok(texts[i].includes(sentence), `row ${i + 1} says "${sentence}": ${texts[i]}`));
  for (const t of texts) assert.match(t, /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/, 'each event says when');
  const from = await admin.getByTestId('audit-from').allTextContents();
  assert.deepEqual(from.map((f) => f.trim()), expected.map(() => '127.0.0.1'), 'each event says where from');
  await assertAccessible(admin, 'organization/audit');
  await screenshot(admin, 'audit-log');
});

// More than 50 events would take long to make: the browser serves a second page (cursor
// "e2e-audit-2") to check that "Load more" asks for it and appends it. UI check only.
test('audit log: "Load more" follows next_cursor and appends the next page', async () => {
  const isList = (url) => /\/api\/v1\/orgs\/[^/]+\/audit-events$/.test(url.pathname);
  const asked = [];
  await admin.route(isList, async (route) => {
    const url = new URL(route.request().url());
    asked.push(url.search);
    if (url.searchParams.get('cursor') === 'e2e-audit-2') {
      return route.fulfill({
        json: {
          items: [
            {
              id: 'e2e-old', at: '2020-01-02T03:04:05Z', action: 'member.removed',
              actor: { user_id: 'x', username: 'zed' }, target: { type: 'member', id: 'y', label: 'old' }, details: {},
            },
          ],
          next_cursor: null,
        },
      });
    }
    const response = await route.fetch();
    const json = await response.json();
    return route.fulfill({ response, json: { ...json, next_cursor: 'e2e-audit-2' } });
  });
  try {
    await admin.reload();
    await waitRows(admin, 'the first page', (t) => t.length === 7);
    await admin.getByRole('button', { name: 'Load more' }).click();
    const texts = await waitRows(admin, 'the appended page', (t) => t.length === 8);
    assert.match(texts[7], /zed removed old/);
    assert.match(texts[7], /2020-01-02 03:04 UTC/);
    assert.ok(asked.some((q) => q.includes('cursor=e2e-audit-2')), `asked ${asked.join(', ')}`);
    assert.equal(await admin.getByRole('button', { name: 'Load more' }).count(), 0, 'no more pages');
  } finally {
    await admin.unroute(isList);
    await admin.reload();
  }
});

test('audit log: filtered by action', async () => {
  await waitRows(admin, 'all events', (t) => t.length === 7);
  const [response] = await Promise.all([
    admin.waitForResponse((r) => new URL(r.url()).searchParams.get('action') === 'member.role_changed'),
    admin.getByLabel('Action').selectOption('member.role_changed'),
  ]);
  assert.equal(response.status(), 200);
  const texts = await waitRows(admin, 'only role changes', (t) => t.length === 1);
  assert.match(texts[0], /ann changed bob's role from USER to ADMIN/);
  await screenshot(admin, 'audit-log-action-filter');
  await admin.getByLabel('Action').selectOption('');
  await waitRows(admin, 'all events again', (t) => t.length === 7);
});

test('audit log: filtered by member', async () => {
  const member = admin.getByLabel('Member');
  await member.locator('option', { hasText: 'bob' }).waitFor({ state: 'attached' });
  const bobId = await member.locator('option', { hasText: 'bob' }).getAttribute('value');
  const [response] = await Promise.all([
    admin.waitForResponse((r) => new URL(r.url()).searchParams.get('user_id') === bobId),
    member.selectOption({ label: 'bob' }),
  ]);
  assert.equal(response.status(), 200);
  const texts = await waitRows(admin, 'only events about bob', (t) => t.every((x) => /\bbob\b/.test(x)));
  assert.ok(texts.some((t) => t.includes("ann changed bob's role from USER to ADMIN")), texts.join(' | '));
  assert.ok(texts.some((t) => t.includes('ann removed bob')), texts.join(' | '));
  assert.ok(!texts.some((t) => t.includes('cara') || t.includes('activated the organization')), texts.join(' | '));
  await assertAccessible(admin, 'organization/audit (filtered)');
  await screenshot(admin, 'audit-log-member-filter');
});

test('no console errors or CSP violations on the admin pages', async () => {
  assertNoPageProblems(admin);
});
