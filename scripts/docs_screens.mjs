// docs_screens.mjs - the screenshots of docs/VIEWS.md: every main page of
// the demo in Finnish, in real Chromium, at desktop (1280 x 800) and phone
// (360 x 740) width, the first screen of each (small PNGs: the whole set
// stays under ~3 MB).  scripts/docs_screens.sh starts the server for it.
//   node scripts/docs_screens.mjs http://127.0.0.1:18108 docs/screens
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, out = 'docs/screens'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

// [file name, user (null: not logged in), path or a function finding it]
const firstLink = (re) => async (page) => {
  await page.goto(base + '/');
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('main a[href]')].map((a) => a.getAttribute('href')));
  return hrefs.find((h) => re.test(h)) || '/';
};
const shots = [
  ['login', null, '/login'],
  ['home_social_worker', 'sanna', '/'],
  ['child', 'sanna', firstLink(/^\/children\/\d+$/)],
  ['member_end', 'sanna', async (page) => {
    await page.goto(base + (await firstLink(/^\/children\/\d+$/)(page)));
    const h = await page.evaluate(() => document.querySelector('a.member-end')?.getAttribute('href'));
    return h || '/';
  }],
  ['intake', 'sanna', '/children/new'],
  ['search', 'sanna', '/search?q=Salmela'],
  ['team', 'teemu', firstLink(/^\/teams\/\d+$/)],
  ['home_team_lead', 'teemu', '/'],
  ['home_manager', 'kaisa', '/'],
  ['report_caseload', 'kaisa', '/reports/caseload'],
  ['home_partner', 'katja', '/'],
  ['access_log', 'sanna', async (page) => {
    await page.goto(base + (await firstLink(/^\/children\/\d+$/)(page)));
    const h = await page.evaluate(() => document.querySelector('a[href$="/access-log"]')?.getAttribute('href'));
    return h || '/';
  }],
  ['org', 'admin', '/org'],
  ['accounts', 'admin', '/admin/accounts'],
];

for (const [width, height, tag] of [[1280, 800, 'desktop'], [360, 740, 'phone']]) {
  for (const [name, user, where] of shots) {
    const ctx = await browser.newContext({ locale: 'fi-FI', viewport: { width, height } });
    const page = await ctx.newPage();
    if (user) {
      await page.goto(base + '/login');
      await page.fill('#username', user);
      await page.fill('#password', 'majakka-demo');
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit].primary')]);
    }
    const path = typeof where === 'function' ? await where(page) : where;
    await page.goto(base + path);
    await page.screenshot({ path: join(out, `${name}_${tag}.png`) });
    console.log(`${name}_${tag}.png ${path}`);
    await ctx.close();
  }
}
await browser.close();
