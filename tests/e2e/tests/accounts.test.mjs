// Accounts people can keep: "Forgot password?" → mailed link → new password; the email
// confirmation a signup mails (banner, Resend, activation refused until confirmed); and
// Settings → Account (change password, sessions, sign out elsewhere). Every new page is scanned
// with axe. The steps share accounts and run in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  announced,
  assertAccessible,
  assertNoPageProblems,
  browser,
  newPage,
  PASSWORD,
  readMailbox,
  screenshot,
  signup,
  useBrowser,
  waitForLink,
} from './lib.mjs';

const NEW_PASSWORD = 'a brand new passphrase';
const THIRD_PASSWORD = 'yet another passphrase';
const fay = { email: 'fay@accounts.example.com', username: 'fay' };
const gus = { email: 'gus@accounts.example.com', username: 'gus' };
const RESET_SENT = 'If an account exists for that email, we sent a link to reset its password.';

let gusPage; // gus's first browser: signed up, confirms, manages his account

useBrowser();

// The error shown beside a control (named by its aria-describedby while it is invalid).
async function waitFieldError(page, selector, text) {
  const input = page.locator(selector);
  await page.waitForFunction(
    ([sel, want]) => {
      const el = document.querySelector(sel);
      if (el?.getAttribute('aria-invalid') !== 'true') return false;
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      return ids.some((id) => document.getElementById(id)?.textContent?.includes(want));
    },
    [selector, text],
    { timeout: 10_000 },
  );
  return input;
}

// Signs `who` up; a personal account lands on Settings → Organization.
async function signupHome(page, who) {
  await signup(page, who);
  await page.waitForURL('**/settings/organization');
}

async function login(page, email, password) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

// The page is signed out: a signed-in page sends it to /login.
async function assertSignedOut(page) {
  await page.goto('/settings/organization');
  await page.waitForURL('**/login');
}

const sessionRows = (page) => page.locator('tr[data-testid="session-row"]');

async function waitSessionCount(page, n) {
  await page.waitForFunction((want) => document.querySelectorAll('tr[data-testid="session-row"]').length === want, n);
}

test('forgot password: login links to it; the same answer for any email; 429 says to wait', async () => {
  const owner = await newPage(browser);
  await signupHome(owner, fay);

  const page = await newPage(browser);
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.waitForURL('**/forgot-password');
  await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await assertAccessible(page, 'forgot-password');
  await screenshot(page, 'forgot-password');

  // An email without an account gets the same answer, and no mail.
  const mailsBefore = readMailbox().length;
  await page.getByLabel('Email').fill('nobody@accounts.example.com');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await page.getByTestId('reset-sent').filter({ hasText: RESET_SENT }).waitFor();
  await announced(page, RESET_SENT);
  await assertAccessible(page, 'forgot-password (sent)');
  await screenshot(page, 'forgot-password-sent');

  // The server's limits are not reached in this run: the browser answers one request with 429.
  await page.getByRole('button', { name: 'Use another email' }).click();
  await page.route('**/api/v1/auth/password-reset', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'Retry-After': '60', 'Content-Type': 'application/problem+json' },
      body: JSON.stringify({ type: 'about:blank', title: 'Too many requests', status: 429, code: 'rate_limited' }),
    }),
  );
  await page.getByLabel('Email').fill(fay.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await page.locator('.alert-error', { hasText: 'Too many requests, try again later' }).waitFor();
  await page.unroute('**/api/v1/auth/password-reset');

  await page.getByRole('button', { name: 'Send reset link' }).click();
  await page.getByTestId('reset-sent').filter({ hasText: RESET_SENT }).waitFor();
  const link = await waitForLink(fay.email, 'reset-password');
  assert.equal(
    readMailbox().filter((m) => m.to.includes('nobody@accounts.example.com')).length,
    0,
    `no mail for an unknown email (${readMailbox().length - mailsBefore} new messages)`,
  );

  // The mailed link: the rule beside the field, then the new password.
  await page.goto(link.path);
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await assertAccessible(page, 'reset-password/{token}');
  await screenshot(page, 'reset-password');
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Set password' }).click();
  await waitFieldError(page, '#reset-password', '8 to 256');
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.waitForURL('**/login?notice=password-changed');
  await page.getByTestId('login-notice').filter({ hasText: 'Your password was changed. Sign in with the new one.' }).waitFor();
  await assertAccessible(page, 'login with the password-changed notice');
  await screenshot(page, 'login-password-changed');

  // The old password no longer works; the new one does; fay's other browser was signed out.
  await login(page, fay.email, PASSWORD);
  await page.locator('.alert-error').waitFor();
  await login(page, fay.email, NEW_PASSWORD);
  await page.waitForURL('**/settings/organization');
  await assertSignedOut(owner);

  // A used link is no longer valid, and says where to get a new one.
  const again = await newPage(browser);
  await again.goto(link.path);
  await again.getByLabel('New password').fill(THIRD_PASSWORD);
  await again.getByRole('button', { name: 'Set password' }).click();
  await again.getByTestId('reset-message').filter({ hasText: 'no longer valid' }).waitFor();
  await again.getByRole('link', { name: 'Ask for a new link' }).click();
  await again.waitForURL('**/forgot-password');
  await assertAccessible(again, 'reset-password (used link)');
  for (const p of [owner, page, again]) {
    assertNoPageProblems(p);
    await p.context().close();
  }
});

test('signup: banner until confirmed; activation refused with the reason; Resend; the link confirms', async () => {
  gusPage = await newPage(browser);
  await signupHome(gusPage, gus);
  const banner = gusPage.getByTestId('email-banner');
  await banner.filter({ hasText: 'Confirm your email address: we sent you a link.' }).waitFor();
  await assertAccessible(gusPage, 'settings/organization with the email banner');
  await screenshot(gusPage, 'email-banner');

  // Activation is refused (403 email_unverified) and the page says why.
  await gusPage.getByLabel('Organization name').fill('Initech');
  await gusPage.getByRole('button', { name: 'Activate organization' }).click();
  await gusPage.getByTestId('email-unverified').filter({ hasText: 'needs a confirmed email address' }).waitFor();
  await assertAccessible(gusPage, 'settings/organization (email_unverified)');
  await screenshot(gusPage, 'activation-needs-email');

  // Resend mails a fresh link; the first one stops working.
  const first = await waitForLink(gus.email, 'verify-email', 1);
  await banner.getByRole('button', { name: 'Resend' }).click();
  await announced(gusPage, 'Sent.');
  const second = await waitForLink(gus.email, 'verify-email', 2);
  assert.notEqual(second.token, first.token, 'Resend issues a new token');

  await gusPage.goto(first.path);
  await gusPage.getByTestId('verify-message').filter({ hasText: 'no longer valid' }).waitFor();
  await gusPage.getByRole('button', { name: 'Resend' }).waitFor(); // signed in: a new link is one click away
  await assertAccessible(gusPage, 'verify-email (replaced link, signed in)');
  await screenshot(gusPage, 'verify-email-invalid');

  await gusPage.goto(second.path);
  await gusPage.getByTestId('verify-message').filter({ hasText: 'Your email address is confirmed.' }).waitFor();
  await assertAccessible(gusPage, 'verify-email/{token}');
  await screenshot(gusPage, 'verify-email-confirmed');
  await gusPage.getByRole('link', { name: 'Continue to Roster' }).click();
  await gusPage.waitForURL('**/settings/organization');
  await gusPage.getByRole('heading', { name: 'Activate organization mode' }).waitFor();
  assert.equal(await banner.count(), 0, 'no banner once confirmed');
  await gusPage.getByLabel('Organization name').fill('Initech');
  await gusPage.getByRole('button', { name: 'Activate organization' }).click();
  await gusPage.getByRole('link', { name: 'Open user management' }).waitFor();

  // Signed out, a used link says so and points to logging in.
  const anon = await newPage(browser);
  await anon.goto(second.path);
  await anon.getByTestId('verify-message').filter({ hasText: 'no longer valid' }).waitFor();
  await anon.getByRole('link', { name: 'Log in' }).waitFor();
  assert.equal(new URL(anon.url()).pathname, second.path, 'a public page: no redirect to /login');
  await assertAccessible(anon, 'verify-email (used link, signed out)');
  assertNoPageProblems(anon);
  await anon.context().close();
});

test('settings/account: change password (wrong current beside the field); other sessions end', async () => {
  const other = await newPage(browser);
  await login(other, gus.email, PASSWORD);
  await other.waitForURL('**/organization/users');

  await gusPage.locator('header').getByRole('link', { name: 'Account' }).click();
  await gusPage.waitForURL('**/settings/account');
  await gusPage.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
  await waitSessionCount(gusPage, 2);
  const current = gusPage.locator('tr[data-testid="session-row"][data-current="true"]');
  assert.match(await current.textContent(), /This device/);
  assert.match(await current.textContent(), /Chrome on Linux/);
  assert.match(await current.textContent(), /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await assertAccessible(gusPage, 'settings/account');
  await screenshot(gusPage, 'settings-account');

  await gusPage.getByLabel('Current password').fill('not my password');
  await gusPage.getByLabel('New password').fill(NEW_PASSWORD);
  await gusPage.getByRole('button', { name: 'Change password' }).click();
  await waitFieldError(gusPage, '#current-password', 'The current password is incorrect');
  await screenshot(gusPage, 'change-password-wrong-current');

  await gusPage.getByLabel('Current password').fill(PASSWORD);
  await gusPage.getByLabel('New password').fill('short');
  await gusPage.getByRole('button', { name: 'Change password' }).click();
  await waitFieldError(gusPage, '#new-password', '8 to 256');

  await gusPage.getByLabel('New password').fill(NEW_PASSWORD);
  await gusPage.getByRole('button', { name: 'Change password' }).click();
  await announced(gusPage, 'Password changed. Other sessions were signed out.');
  await gusPage.getByTestId('password-changed').waitFor();
  await waitSessionCount(gusPage, 1);
  await assertSignedOut(other);
  await login(other, gus.email, NEW_PASSWORD);
  await other.waitForURL('**/organization/users');
  assertNoPageProblems(other);
  await other.context().close();
});

test('sessions: "Sign out everywhere else", one other session, and this device', async () => {
  const other = await newPage(browser);
  await login(other, gus.email, NEW_PASSWORD);
  await other.waitForURL('**/organization/users');
  await gusPage.reload();
  await waitSessionCount(gusPage, 3); // the previous test's browser was closed, not signed out

  await gusPage.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await announced(gusPage, 'Signed out everywhere else');
  await waitSessionCount(gusPage, 1);
  const only = gusPage.getByRole('button', { name: 'Sign out everywhere else' });
  assert.equal(await only.isDisabled(), true, 'nothing else to sign out');
  await gusPage.getByText('No other sessions').waitFor();
  await assertSignedOut(other);

  // One other session, by its row.
  await login(other, gus.email, NEW_PASSWORD);
  await other.waitForURL('**/organization/users');
  await gusPage.reload();
  await waitSessionCount(gusPage, 2);
  const otherRow = gusPage.locator('tr[data-testid="session-row"]:not([data-current])');
  await otherRow.getByRole('button', { name: /^Sign out Chrome on Linux/ }).click();
  await announced(gusPage, 'Signed out Chrome on Linux');
  await waitSessionCount(gusPage, 1);
  await assertSignedOut(other);
  assert.equal(await sessionRows(gusPage).count(), 1);
  await assertAccessible(gusPage, 'settings/account (one session)');

  // This device: signs this browser out.
  await gusPage.getByRole('button', { name: 'Sign out this device' }).click();
  await gusPage.waitForURL('**/login');
  await assertSignedOut(gusPage);
  assertNoPageProblems(other);
  assertNoPageProblems(gusPage);
  await other.context().close();
});
