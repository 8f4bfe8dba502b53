// screenshot.mjs - log in as a demo user and save a full-page screenshot,
// for looking at a page while developing:
//   node scripts/screenshot.mjs http://127.0.0.1:8080 sanna /children/24 build/screens/child.png [height]
import { chromium } from 'playwright-core';

const [base, user, path, out, h] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: Number(h || 900) } })).newPage();
page.on('console', (m) => { if (m.type() === 'error') console.error(m.text()); });
await page.goto(base + '/login');
await page.fill('#username', user);
await page.fill('#password', 'majakka-demo');
await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
await page.goto(base + path);
await page.screenshot({ path: out, fullPage: !h });
await browser.close();
