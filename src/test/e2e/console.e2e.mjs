// Drives the web console in Debian's headless Chromium: give the token, run a sequence with its
// button, and wait for the run and each of its steps to appear. Usage:
//   node console.e2e.mjs <console url> <api token> <sequence id> <screenshot.png>
import { chromium } from 'playwright-core';

const [url, token, sequence, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', e => failures.push('page error: ' + e.message));
  // Failed requests show in the page's own status line (the 401s before the token is given are expected).
  page.on('console', m => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) failures.push('console error: ' + m.text()); });
  await page.goto(url);

  // Without the token the API refuses, and the console says so.
  await page.locator('#status.error').waitFor({ timeout: 10000 });
  await page.fill('#token', token);
  await page.click('#token-form button');
  const row = page.locator(`#sequences tr[data-sequence="${sequence}"]`);
  await row.waitFor({ timeout: 10000 });

  await row.locator('button[data-action="run"]').click();
  const run = page.locator('#runs tbody tr').first();
  await run.locator('.badge.succeeded').waitFor({ timeout: 30000 });
  const steps = await page.locator('#steps .step').evaluateAll(nodes => nodes.map(n => n.getAttribute('data-step') + ':' + n.querySelector('.badge').textContent));
  console.log('steps ' + JSON.stringify(steps));
  if (steps.length === 0 || !steps.every(s => s.endsWith(':succeeded'))) failures.push('steps not all succeeded: ' + steps);
  const trigger = await run.locator('td').nth(1).textContent();
  if (trigger !== 'api') failures.push('the run was not started by the button (trigger ' + trigger + ')');
  await page.locator('#syncs tbody tr').first().waitFor();
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
} catch (e) {
  failures.push(e.message);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('console e2e passed');
