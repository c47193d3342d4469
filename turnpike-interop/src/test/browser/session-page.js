// Loads a Bifrost session page in the system Chromium (headless) and reports what a person sees, one JSON
// object per line on stdout: {"event":"loaded",…} once the page is up, then {"event":"changed",…} when the
// page shows the state named on the command line (the Java test approves in between), with a screenshot.
// Usage: node session-page.js <session url> <expected state> <screenshot.png> <fresh user data dir>
'use strict';
const { chromium } = require('playwright-core');

const [url, expected, screenshot, userDataDir] = process.argv.slice(2);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function say(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

(async () => {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width: 480, height: 900 },
  });
  const problems = [];
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(new URL(url).origin)) problems.push('external request: ' + r.url());
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('countdown').textContent.includes(':'));
    const text = (selector) => page.$eval(selector, (e) => e.textContent);
    say({
      event: 'loaded',
      status: response.status(),
      name: await text('#app-name'),
      unverified: await text('.unverified'),
      code: await text('#code'),
      permissions: await text('#permissions'),
      qrModules: await page.$eval('svg.qr path', (p) => (p.getAttribute('d').match(/M/g) || []).length),
      state: await page.$eval('#session', (e) => e.dataset.state),
      label: await text('#state'),
      countdown: await text('#countdown'),
      scriptInjected: await page.evaluate(() => window.__injected === true),
    });
    await page.waitForFunction((s) => document.getElementById('session').dataset.state === s, expected,
      { timeout: 30000 });
    await page.screenshot({ path: screenshot, fullPage: true });
    say({ event: 'changed', state: expected, label: await text('#state'), problems });
  } finally {
    await context.close();
  }
})().catch((e) => {
  say({ event: 'failed', message: String(e && e.stack || e) });
  process.exit(1);
});
