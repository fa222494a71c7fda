// The page in a real browser (and the OpenAPI document, checked by a validator): Debian's Chromium, headless, driven by
// Playwright, against a real `redflag serve` on a free loopback port.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Validator } from '@seriousme/openapi-schema-validator';

const here = dirname(fileURLToPath(import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const helpdeskEmail = readFileSync(join(here, '../../examples/fake-whatsapp-helpdesk.txt'), 'utf8');
const chromiumPath = process.env.REDFLAG_CHROMIUM || '/usr/bin/chromium';

let server, base, browser, dir;
const foreignRequests = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redflag-web-'));
  server = spawn(process.env.REDFLAG_BINARY, ['serve', '--port', '0', '--db', join(dir, 'redflag.db'), '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/[^\s]+?)\/?\s/);
      if (m) resolve(m[1]);
    });
    server.on('error', (e) => reject(new Error(`cannot start ${process.env.REDFLAG_BINARY}: ${e.message}`)));
    server.on('exit', (code) => reject(new Error(`redflag serve exited with ${code}`)));
    setTimeout(() => reject(new Error('redflag serve did not start within 120 s')), 120000).unref();
  });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openPage(hash = '') {
  const page = await browser.newPage();
  page.on('request', (r) => { if (!r.url().startsWith(base)) foreignRequests.push(r.url()); });
  await page.goto(`${base}/${hash}`);
  await page.waitForFunction(() => document.getElementById('country').options.length > 1);
  return page;
}

// Fails on any serious or critical axe-core violation on the page as it is now.
async function assertAccessible(page, where) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`), [],
    `accessibility violations on ${where}`);
}

async function checkMessage(page, text, channel) {
  await page.fill('#message', text);
  if (channel) await page.selectOption('#channel', channel);
  await page.click('#check-form button[type=submit]');
  await page.waitForSelector('#result .verdict');
}

test('the fake WhatsApp helpdesk email is a scam, its request and link highlighted', async () => {
  const page = await openPage();
  await checkMessage(page, helpdeskEmail, 'email');
  assert.equal((await page.textContent('#result .verdict h2')).trim(), 'This is a scam');
  const marks = await page.$$eval('#result mark', (ms) => ms.map((m) => ({ text: m.textContent, flags: m.dataset.flags })));
  assert.ok(marks.length > 0, 'no red flag evidence is highlighted');
  // The request for the code / login is highlighted in the message itself.
  const request = marks.find((m) => /\b(code_request|credential_request)\b/.test(m.flags));
  assert.ok(request, `the code request is not highlighted: ${JSON.stringify(marks)}`);
  // Other flags' evidence may split the link's highlight into several marks.
  const linkText = marks.filter((m) => /lookalike_contact/.test(m.flags)).map((m) => m.text).join('');
  assert.ok(linkText.includes('whatsapp-business-verify.com/login'),
    `the look-alike link is not highlighted: ${JSON.stringify(marks)}`);
  // Each red flag is explained; what to do comes after.
  assert.ok((await page.$$('#result .flags li[data-flag]')).length >= 2);
  assert.match(await page.textContent('#result'), /What to do now/);
  assert.ok((await page.$$eval('#result h3', (hs) => hs.map((h) => h.textContent.trim()))).includes('Report it'));
  await assertAccessible(page, 'a scam report');
  // Sending the contact points to the service, without the text.
  await page.click('#share-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('share-status').textContent !== '');
  assert.equal(await page.textContent('#share-status'), 'Thank you. Your report was sent.');
  await page.close();
});

test('a harmless message finds no red flags, and says that does not prove it is safe', async () => {
  const page = await openPage();
  await checkMessage(page, 'Hi Sam, are we still on for lunch at 1pm tomorrow?', 'sms');
  assert.equal((await page.textContent('#result .verdict h2')).trim(),
    'We found no red flags — that does not prove it is safe');
  // Where to report is still there, for a reader with doubts, not as a call to report a scam.
  const headings = await page.$$eval('#result h3', (hs) => hs.map((h) => h.textContent.trim()));
  assert.ok(headings.includes('If you still think it is a scam, report it'), JSON.stringify(headings));
  assert.ok(!headings.includes('Report it'), JSON.stringify(headings));
  await page.close();
});

test('weak signs below the threshold are called weak signs, not "no red flags"', async () => {
  const page = await openPage();
  await checkMessage(page, 'Join our group, contact our mentor on Telegram', 'whatsapp');
  assert.equal(await page.getAttribute('#result .verdict', 'data-verdict'), 'no_red_flags');
  assert.equal((await page.textContent('#result .verdict h2')).trim(),
    'We found only weak signs — that does not prove it is safe');
  const headings = await page.$$eval('#result h2', (hs) => hs.map((h) => h.textContent.trim()));
  assert.ok(headings.includes('Weak signs') && !headings.includes('Red flags'), JSON.stringify(headings));
  await page.close();
});

test('checking a look-alike link says it is fake', async () => {
  const page = await openPage('#contact');
  await page.fill('#contact-value', 'https://whatsapp-business-verify.com/login');
  await page.click('#contact-form button[type=submit]');
  await page.waitForSelector('#contact-result .verdict');
  assert.equal((await page.textContent('#contact-result .verdict h2')).trim(), 'This is a fake look-alike');
  assert.match(await page.textContent('#contact-result'), /WhatsApp/);
  await assertAccessible(page, 'the contact check');
  await page.close();
});

test('in Urdu the page reads right to left, and so does the answer', async () => {
  const page = await openPage();
  await page.selectOption('#ui-lang', 'ur');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ur');
  const h1 = page.locator('#view-check h1');
  assert.equal((await h1.textContent()).trim(), 'کیا یہ پیغام فراڈ ہے؟');
  assert.equal(await h1.evaluate((n) => getComputedStyle(n).direction), 'rtl');
  await checkMessage(page, helpdeskEmail, 'email');
  assert.equal((await page.textContent('#result .verdict h2')).trim(), 'یہ فراڈ ہے');
  await assertAccessible(page, 'the Urdu page');
  await page.close();
});

test('the library shows how a scam works, what to do and when it was last reviewed', async () => {
  const page = await openPage('#scams');
  await page.waitForSelector('#scam-list a');
  await page.click('#scam-list li:first-child a');
  await page.waitForSelector('#detail h1');
  const text = await page.textContent('#detail');
  assert.match(text, /How it works/);
  assert.match(text, /Last reviewed \d{4}-\d{2}-\d{2}/);
  await assertAccessible(page, 'a scam page');
  // Only the hash changes: the scam's heading stays until the brand's page replaces it.
  const scamTitle = (await page.textContent('#detail h1')).trim();
  await page.goto(`${base}/#brand/whatsapp`);
  await page.waitForFunction((old) => document.querySelector('#detail h1')?.textContent.trim() !== old, scamTitle);
  assert.equal((await page.textContent('#detail h1')).trim(), 'WhatsApp');
  assert.match(await page.textContent('#detail'), /Official websites/);
  await page.close();
});

test('larger text can be switched on and the page loads nothing from elsewhere', async () => {
  const page = await openPage();
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  await page.click('#large-text');
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok(after > before, `font size ${before} -> ${after}`);
  assert.equal(await page.getAttribute('#large-text', 'aria-pressed'), 'true');
  assert.deepEqual(foreignRequests, []);
  await page.close();
});

test('the served OpenAPI document is valid OpenAPI 3.1', async () => {
  const doc = await (await fetch(`${base}/openapi.json`)).json();
  const validator = new Validator();
  const result = await validator.validate(doc);
  assert.equal(validator.version, '3.1');
  assert.ok(result.valid, JSON.stringify(result.errors, null, 1));
});
