// Shared helpers for the e2e suite: browser, screenshots, axe, the SMTP sink's mailbox, and the
// steps several test files start with (sign up, activate an organization).
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';

export const BASE_URL = mustEnv('E2E_BASE_URL').replace(/\/$/, '');
export const MAIL_DIR = mustEnv('E2E_MAIL_DIR');
export const PASSWORD = 'correct horse battery';
export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? join(process.cwd(), 'artifacts');
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
mkdirSync(ARTIFACTS, { recursive: true });

function mustEnv(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the suite through tests/e2e/run.sh`);
  return v;
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// A fresh browser context (own cookies) with a page that records console errors and CSP reports.
export async function newPage(browser, { width = 1280, height = 860 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, baseURL: BASE_URL });
  context.setDefaultTimeout(10_000);
  // Every Content-Security-Policy violation becomes a console error, so it fails the page's
  // check even where the browser would only report it to a report-uri.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // 4xx answers of the API are expected in several steps; the browser logs them as errors.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    page.problems.push(text);
  });
  page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
  return page;
}

export function assertNoPageProblems(page) {
  assert.deepEqual(page.problems, [], `console errors / CSP violations on ${page.url()}`);
}

let shot = 0;
export async function screenshot(page, name) {
  shot += 1;
  const file = join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`);
  // Let toasts and transitions settle so the picture shows the state, not an animation frame.
  await page.waitForTimeout(150);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Zero serious/critical axe violations (WCAG 2.x A/AA rules and best practices).
export async function assertAccessible(page, label) {
  // Contrast is judged on the settled page: wait for finite animations (a toast fading in) to end.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const describe = bad
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' — ' + (n.failureSummary ?? '').replace(/\n/g, ' ')).join('\n    ')}`)
    .join('\n  ');
  assert.equal(bad.length, 0, `axe on ${label} (${page.url()}):\n  ${describe}`);
  return result;
}

// ----------------------------------------------------------------------------- mail

function decodeQuotedPrintable(text) {
  const bytes = [];
  const s = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseHeaders(block) {
  const headers = {};
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function headerParam(value, name) {
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value ?? '');
  return m ? m[1] ?? m[2] : undefined;
}

function decodeEncodedWords(s) {
  return (s ?? '').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _cs, enc, data) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

// Returns the text parts of a MIME entity (recursing into multipart), decoded.
function textParts(raw) {
  const sep = /\r?\n\r?\n/.exec(raw);
  const head = sep ? raw.slice(0, sep.index) : raw;
  const body = sep ? raw.slice(sep.index + sep[0].length) : '';
  const headers = parseHeaders(head);
  const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = headerParam(headers['content-type'], 'boundary');
    if (!boundary) return [];
    const chunks = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
    return chunks.filter((c) => c.trim() && !c.startsWith('--')).flatMap((c) => textParts(c));
  }
  if (!type.startsWith('text/')) return [];
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let text;
  if (cte === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (cte === 'quoted-printable') text = decodeQuotedPrintable(body);
  else text = Buffer.from(body, 'latin1').toString('utf8');
  if (type.startsWith('text/html')) {
    text = text
      .replace(/<a\b[^>]*href="([^"]+)"[^>]*>/gi, ' $1 ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  }
  return [{ type, text }];
}

export function readMailbox() {
  if (!existsSync(MAIL_DIR)) return [];
  return readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => {
      const raw = readFileSync(join(MAIL_DIR, f)).toString('latin1');
      const env = JSON.parse(readFileSync(join(MAIL_DIR, f.replace(/\.eml$/, '.json')), 'utf8'));
      const sep = /\r?\n\r?\n/.exec(raw);
      const headers = parseHeaders(sep ? raw.slice(0, sep.index) : raw);
      const parts = textParts(raw);
      return {
        file: f,
        to: env.rcpt_tos.map((x) => x.toLowerCase()),
        subject: decodeEncodedWords(headers.subject),
        text: parts.map((p) => p.text).join('\n'),
      };
    });
}

// Waits until at least `count` messages were delivered to `to`; returns them, oldest first.
export async function waitForMail(to, count = 1, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = readMailbox().filter((m) => m.to.includes(to.toLowerCase()));
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} email(s) to ${to} within ${timeoutMs} ms, got ${mails.length} (mailbox: ${readMailbox().length} messages)`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The link of `kind` ("invite", "verify-email", "reset-password") in a mail: its URL, token and path.
export function linkIn(mail, kind) {
  const re = new RegExp(`${BASE_URL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/${kind}/([A-Za-z0-9_-]+)`);
  const m = re.exec(mail.text);
  assert.ok(m, `no link ${BASE_URL}/${kind}/{token} in the email to ${mail.to}:\n${mail.text}`);
  assert.ok(m[1].length >= 43, `token in the email is shorter than 32 bytes of base64url: ${m[1]}`);
  return { url: m[0], token: m[1], path: `/${kind}/${m[1]}` };
}

export function inviteLinkIn(mail) {
  return linkIn(mail, 'invite');
}

// Waits for the `count`-th email to `to` that carries a link of `kind`; returns that link.
export async function waitForLink(to, kind, count = 1, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = readMailbox().filter((m) => m.to.includes(to.toLowerCase()) && m.text.includes(`/${kind}/`));
    if (mails.length >= count) return linkIn(mails[count - 1], kind);
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} email(s) to ${to} with a /${kind}/ link within ${timeoutMs} ms, got ${mails.length}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

// With SMTP configured a signup is unconfirmed until its emailed link is opened: opens the
// latest verification link (the `count`-th mail) in `page` and waits for the confirmation.
export async function confirmEmail(page, email, count = 1) {
  const link = await waitForLink(email, 'verify-email', count);
  await page.goto(link.path);
  await page.getByTestId('verify-message').filter({ hasText: 'Your email address is confirmed.' }).waitFor();
  return link;
}

// The browser of the test file (node --test runs each file in its own process): launched before
// its first test, closed after its last, by useBrowser().
export let browser;

export function useBrowser() {
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
}

// The polite live region (role="status") eventually says `text`.
export async function announced(page, text) {
  const region = page.locator('[role="status"]');
  try {
    await region.filter({ hasText: text }).waitFor({ timeout: 10_000 });
  } catch {
    const now = await region.allTextContents();
    assert.fail(`live region never said ${text}; it says ${JSON.stringify(now)}`);
  }
}

// Fills and sends /signup for `who` with PASSWORD.
export async function signup(page, who) {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
}

// `who` signs up, confirms the emailed link, activates organization `org` and opens its user
// management page.
export async function signupAdmin(page, who, org) {
  await signup(page, who);
  await page.waitForURL('**/settings/organization');
  await confirmEmail(page, who.email);
  await page.goto('/settings/organization');
  await page.getByLabel('Organization name').fill(org);
  await page.getByRole('button', { name: 'Activate organization' }).click();
  await page.getByRole('link', { name: 'Open user management' }).click();
  await page.waitForURL('**/organization/users');
}
