// browser.mjs - a social worker and an administrator walk the pages in real
// headless Chromium (Debian's /usr/bin/chromium driven by playwright-core).
// Prints TAP.  Usage: node tests/browser/browser.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, login } from './lib.mjs';

await walk(async ({ ok, base, shots, page: newPage, asUser }) => {
  const page = await newPage('fi-FI');
  await page.goto(base + '/');
  ok(page.url().startsWith(base + '/login'), 'opening / without login lands on the login page');
  ok(await page.getAttribute('html', 'lang') === 'fi', 'the page is in Finnish');
  ok(await page.isVisible('.demo-banner'), 'the DEMO banner is shown');
  await page.screenshot({ path: join(shots, 'login.png') });
  // Before login the language form carries the visitor's token (majakka_csrf, a Secure cookie).
  await page.selectOption('#lang-select', 'en');
  await Promise.all([page.waitForNavigation(), page.click('.lang-form button')]);
  ok(await page.getAttribute('html', 'lang') === 'en', 'the language can be changed before login');
  await page.selectOption('#lang-select', 'fi');
  await Promise.all([page.waitForNavigation(), page.click('.lang-form button')]);
  ok(await page.getAttribute('html', 'lang') === 'fi', '... and back to Finnish');

  await login(page, 'sanna');
  ok(new URL(page.url()).pathname === '/', 'sanna lands on the home page', page.url() + ' ' + (await page.content()).slice(0, 3000));
  ok((await page.textContent('h1')).includes('Sanna Salmela'), 'the home page greets her by name');
  ok((await page.textContent('.cards')).includes('MAJAKKA'), 'her MAJAKKA card is shown');

  // My work: the clocks and my children, then a child page.
  ok(await page.isVisible('.due-grid'), 'my work shows the deadlines');
  const kids = await page.$$eval('table.list tbody tr', (r) => r.length);
  ok(kids >= 5, `my children are listed (${kids})`);
  await page.click('table.list tbody tr >> nth=0 >> a');
  ok(/\/children\/\d+$/.test(page.url()), 'a child page opens from the list');
  const childUrl = page.url();
  ok((await page.textContent('#j-h')).length > 0 && await page.isVisible('#journal-form'), 'the journal and its form are there');
  await page.fill('#journal-text', 'Selaintesti: kotikäynti, lapsi voi hyvin.');
  await Promise.all([page.waitForNavigation(), page.click('#journal-form button.primary')]);
  ok((await page.textContent('.journal-entry >> nth=0')).includes('Selaintesti: kotikäynti'), 'a new journal entry appears first');
  await page.screenshot({ path: join(shots, 'child.png'), fullPage: true });
  await page.click('text=Kuka on katsonut tietoja?');
  ok((await page.textContent('table')).includes('Sanna Salmela'), 'the access log shows her own reads');

  await page.click('nav.main-nav >> text=Organisaatio');
  const teams = await page.$$eval('.team-card h3', (hs) => hs.map((h) => h.textContent.trim()));
  ok(teams.length === 8, `the organisation shows 8 teams (${teams.join(', ')})`);
  await page.screenshot({ path: join(shots, 'org.png'), fullPage: true });

  await page.click('.team-card h3 >> text=MAJAKKA');
  ok((await page.textContent('h1')).trim() === 'MAJAKKA', 'the MAJAKKA team page opens');
  const members = await page.$$eval('.members li', (l) => l.length);
  ok(members >= 4, `its members are listed (${members})`);

  await page.selectOption('#lang-select', 'en');
  await Promise.all([page.waitForNavigation(), page.click('.lang-form button')]);
  ok((await page.textContent('nav.main-nav')).includes('Organisation'), 'switching to English changes the menu');
  ok(await page.getAttribute('html', 'lang') === 'en', '... and the page language');
  await page.selectOption('#lang-select', 'sv');
  await Promise.all([page.waitForNavigation(), page.click('.lang-form button')]);
  ok((await page.textContent('nav.main-nav')).includes('Startsida'), 'and to Swedish');
  await Promise.all([page.waitForNavigation(), page.click('.who button')]);
  ok(page.url().startsWith(base + '/login'), 'logging out returns to the login page');

  // Paula (LOISTO) opening a MAJAKKA child is refused.
  const paula = await asUser('paula');
  const resp = await paula.goto(childUrl);
  ok(resp.status() === 403, 'paula is refused a MAJAKKA child');
  ok((await paula.textContent('main')).includes('Sinulla ei ole oikeutta'), '... with an explanation in Finnish');

  const admin = await asUser('admin');
  await admin.goto(base + '/admin/accounts');
  ok((await admin.textContent('table')).includes('Sanna Salmela'), 'the administrator sees the account list');
  await admin.click('text=Lisää käyttäjä');
  await admin.fill('#username', 'Huono Nimi');
  await admin.fill('#display_name', 'Huono Nimi');
  await admin.fill('#password', 'pitka-salasana-42');
  await Promise.all([admin.waitForNavigation(), admin.click('button.primary')]);
  const alert = await admin.textContent('[role=alert]');
  ok(alert && alert.includes('Käyttäjätunnus'), 'an invalid username is refused, naming the field', alert);
  await admin.fill('#username', 'selain');
  await admin.fill('#password', 'pitka-salasana-42');
  await admin.check('input[name=team_ids] >> nth=0');
  await Promise.all([admin.waitForNavigation(), admin.click('button.primary')]);
  ok(new URL(admin.url()).pathname === '/admin/accounts', 'a valid new account returns to the list');
  ok((await admin.textContent('table')).includes('selain'), 'and the new account is listed');
  await admin.screenshot({ path: join(shots, 'accounts.png'), fullPage: true });

});
