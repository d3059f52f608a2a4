// The Applications page (/organization/applications): an ADMIN registers a confidential
// application, sees its secret once (with Copy and the "shown once" warning), rotates it (the
// old secret stops working at the token endpoint), edits it and deletes it after confirming.
// Runs on its own organization ("Umbrella Apps").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  announced,
  assertAccessible,
  assertNoPageProblems,
  BASE_URL,
  browser,
  newPage,
  PASSWORD,
  screenshot,
  signupAdmin,
  useBrowser,
} from './lib.mjs';

const dan = { email: 'dan@apps.example.com', username: 'dan' };
const CALLBACK = 'https://grafana.initech.example/login/generic_oauth';

let admin;
let clientId;
let secret;

useBrowser();

// What the token endpoint says about a client secret: a made-up code with the right secret is
// invalid_grant, with a wrong one invalid_client.
async function tokenError(clientId, secret) {
  const rp = await browser.newContext({ baseURL: BASE_URL });
  try {
    const r = await rp.request.post('/oauth/token', {
      form: { grant_type: 'authorization_code', code: 'no-such-code', redirect_uri: CALLBACK, client_id: clientId, client_secret: secret },
    });
    return (await r.json()).error;
  } finally {
    await rp.close();
  }
}

const rows = (page) => page.locator('tr[data-testid="application-row"]');

test('an admin registers an application and sees its secret once', async () => {
  admin = await newPage(browser);
  await signupAdmin(admin, dan, 'Umbrella Apps');

  await admin.locator('header').getByRole('link', { name: 'Applications' }).click();
  await admin.waitForURL('**/organization/applications');
  await admin.getByRole('heading', { name: 'Applications', level: 1 }).waitFor();
  await admin.getByTestId('applications-empty').waitFor();
  await assertAccessible(admin, 'organization/applications (empty)');

  // The server's rule shows beside the field: http only for localhost.
  await admin.getByLabel('Name', { exact: true }).fill('Grafana');
  await admin.getByLabel('Redirect URIs', { exact: true }).fill('http://grafana.initech.example/cb');
  await admin.getByRole('button', { name: 'Register application' }).click();
  await admin.locator('#new-app-redirect-uris-error').filter({ hasText: 'https://' }).waitFor();
  await assertAccessible(admin, 'organization/applications (invalid redirect URI)');

  await admin.getByLabel('Redirect URIs', { exact: true }).fill(CALLBACK);
  await admin.getByLabel('Type', { exact: true }).selectOption('confidential');
  await admin.getByLabel('Who may sign in').selectOption('admins');
  await admin.getByRole('button', { name: 'Register application' }).click();
  await announced(admin, 'Application Grafana registered');
  const panel = admin.getByTestId('secret-panel');
  await panel.waitFor();
  await panel.getByTestId('secret-once').filter({ hasText: 'shown only once' }).waitFor();
  await panel.getByRole('button', { name: 'Copy secret' }).waitFor();
  clientId = (await panel.getByTestId('client-id').textContent()).trim();
  secret = (await panel.getByTestId('client-secret').textContent()).trim();
  assert.ok(secret.length >= 40, secret);
  await screenshot(admin, 'applications-secret-shown-once');
  await assertAccessible(admin, 'organization/applications (secret shown)');

  const row = rows(admin).filter({ hasText: 'Grafana' });
  await row.waitFor();
  assert.match(await row.textContent(), /Admins only/);
  assert.doesNotMatch(await row.textContent(), new RegExp(secret));
  assert.equal(await tokenError(clientId, secret), 'invalid_grant', 'the shown secret authenticates');

  await panel.getByRole('button', { name: 'Done' }).click();
  await panel.waitFor({ state: 'detached' });
  await admin.reload();
  await rows(admin).first().waitFor();
  assert.equal(await admin.getByText(secret).count(), 0, 'the secret is never shown again');
  assertNoPageProblems(admin);
});

test('rotating the secret shows the new one once and retires the old one', async () => {
  const row = rows(admin).filter({ hasText: 'Grafana' });
  await row.getByRole('button', { name: 'Rotate secret of Grafana' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Rotate the secret of Grafana?' });
  await dialog.waitFor();
  await assertAccessible(admin, 'rotate secret dialog');
  await dialog.getByRole('button', { name: 'Rotate secret' }).click();
  await announced(admin, 'The old secret no longer works');
  const fresh = (await admin.getByTestId('client-secret').textContent()).trim();
  assert.notEqual(fresh, secret);
  await admin.getByTestId('secret-once').waitFor();
  assert.equal(await tokenError(clientId, secret), 'invalid_client', 'the old secret is refused');
  assert.equal(await tokenError(clientId, fresh), 'invalid_grant', 'the new secret authenticates');
  await admin.getByRole('button', { name: 'Done' }).click();
});

test('an admin edits and then deletes the application after confirming', async () => {
  await rows(admin).filter({ hasText: 'Grafana' }).getByRole('button', { name: 'Edit Grafana' }).click();
  const edit = admin.getByRole('dialog', { name: 'Edit Grafana' });
  await edit.waitFor();
  await edit.getByLabel('Name', { exact: true }).fill('Grafana prod');
  await edit.getByLabel('Who may sign in').selectOption('all');
  await assertAccessible(admin, 'edit application dialog');
  await edit.getByRole('button', { name: 'Save' }).click();
  await announced(admin, 'Application Grafana prod saved');
  const row = rows(admin).filter({ hasText: 'Grafana prod' });
  await row.filter({ hasText: 'Users and admins' }).waitFor();

  await row.getByRole('button', { name: 'Delete Grafana prod' }).click();
  const confirm = admin.getByRole('dialog', { name: 'Delete Grafana prod?' });
  await confirm.waitFor();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'detached' });
  assert.equal(await rows(admin).count(), 1, 'cancel keeps it');

  await row.getByRole('button', { name: 'Delete Grafana prod' }).click();
  await admin.getByRole('dialog', { name: 'Delete Grafana prod?' }).getByRole('button', { name: 'Delete application' }).click();
  await announced(admin, 'Application Grafana prod was deleted');
  await admin.getByTestId('applications-empty').waitFor();
  assert.equal(await tokenError(clientId, secret), 'invalid_client', 'a deleted client is unknown');
  await screenshot(admin, 'applications-after-delete');
  await assertAccessible(admin, 'organization/applications (after delete)');
  assertNoPageProblems(admin);
});
