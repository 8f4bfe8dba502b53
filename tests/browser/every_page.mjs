// every_page.mjs - every page each demo user can reach (issue 13): home, the
// menu's pages, a child page, a team page, search, a person's access log, the
// organisation, admin pages, reports, intake, the confirmation of ending a
// membership, and forms with their errors shown; at 1280 and 360 px in real
// headless Chromium.  On each: axe-core with every rule finds no violation
// of any impact; at 360 px no sideways scroll and a header of at most a
// quarter of a 360 x 740 screen (185 px), its menu folded into <details>.
// Prints TAP.
// Usage: node tests/browser/every_page.mjs http://127.0.0.1:PORT SHOTDIR
import { axeAll, overflows, walk } from './lib.mjs';

const users = ['sanna', 'teemu', 'paula', 'kaisa', 'terhi', 'kalle', 'kirsi', 'katja', 'hanna', 'ville', 'raimo',
  'admin', 'uusi'];

// The local paths a page links to that match re (first max of them).
async function links(page, re, max = 1) {
  const all = await page.evaluate(() => [...document.querySelectorAll('main a[href], header a[href]')]
    .map((a) => a.getAttribute('href')));
  return [...new Set(all.filter((h) => re.test(h)))].slice(0, max);
}

await walk(async ({ ok, base, page: open, asUser }) => {
  // The login page, empty and refused, before anyone logs in.
  for (const width of [1280, 360]) {
    const p = await open('fi-FI', width);
    await p.goto(base + '/login');
    let v = await axeAll(p);
    ok(v.length === 0, `login at ${width} px: axe finds nothing`, v.join('\n'));
    await p.fill('#username', 'sanna');
    await p.fill('#password', 'wrong-password');
    await Promise.all([p.waitForNavigation(), p.click('button[type=submit].primary')]);
    v = await axeAll(p);
    ok(v.length === 0, `login refused at ${width} px: axe finds nothing`, v.join('\n'));
    await p.context().close();
  }
  for (const user of users) {
    for (const width of [1280, 360]) {
      const p = await asUser(user, 'fi-FI', width);
      const seen = new Set();
      const visit = async (path, what) => {
        if (seen.has(path)) return;
        seen.add(path);
        const res = await p.goto(base + path);
        const at = `${user} ${path} (${what}) at ${width} px`;
        ok(res && res.status() < 500, `${at}: answers (${res && res.status()})`);
        const v = await axeAll(p);
        ok(v.length === 0, `${at}: axe finds nothing`, v.join('\n'));
        if (width === 360) {
          ok(!(await overflows(p)), `${at}: no sideways scroll`,
             await p.evaluate(() => `${document.documentElement.scrollWidth} px wide`));
          const h = await p.evaluate(() => document.querySelector('header.top').getBoundingClientRect().bottom);
          ok(h <= 185, `${at}: the header ends within a quarter of 740 px (${Math.round(h)})`);
        }
      };
      await visit('/', 'home');
      // The menu's pages (folded into <details> on a phone).
      const nav = await p.evaluate(() => [...document.querySelectorAll('header nav a[href]')].map((a) => a.getAttribute('href')));
      for (const href of [...new Set(nav)]) await visit(href, 'menu');
      // A child page and what it links to, from the home or the children list.
      await p.goto(base + '/');
      let child = (await links(p, /^\/children\/\d+$/))[0];
      if (!child && seen.has('/children')) {
        await p.goto(base + '/children');
        child = (await links(p, /^\/children\/\d+$/))[0];
      }
      if (child) {
        await visit(child, 'child');
        for (const l of await links(p, /^\/persons\/\d+\/access-log$|^\/teams\/\d+$|\/team\/\d+\/end$/, 3)) await visit(l, 'from the child');
        // Forms with their errors shown: a one-letter search for a member.
        if (await p.$('#member-q')) await visit(`${child}?member_q=K`, 'member search refused');
      }
      await p.goto(base + '/');
      for (const l of await links(p, /^\/teams\/\d+$/)) {
        await visit(l, 'team');
        for (const e of await links(p, /^\/admin\/teams\/\d+\/edit$/)) await visit(e, 'team edit');
      }
      if (seen.has('/search')) {
        await visit('/search?q=Salmela', 'search');
        await visit('/search?q=010115A931X', 'search refused');
      }
      if (seen.has('/admin/accounts')) {
        await p.goto(base + '/admin/accounts');
        for (const l of await links(p, /^\/admin\/accounts\/(\d+|new)$/, 2)) await visit(l, 'account');
      }
      if (seen.has('/children/new')) {
        // The intake form sent empty: every message next to its field.
        await p.goto(base + '/children/new');
        await Promise.all([p.waitForNavigation(), p.click('#intake-form button[type=submit]')]);
        const v = await axeAll(p);
        ok(v.length === 0, `${user} intake refused at ${width} px: axe finds nothing`, v.join('\n'));
        if (width === 360) ok(!(await overflows(p)), `${user} intake refused at 360 px: no sideways scroll`);
      }
      if (width === 360) {
        // The folded menu opens without JavaScript and holds the navigation.
        const menu = await p.$('header details.menu');
        ok(menu && !(await p.isVisible('.top-wide nav')), `${user} at 360 px: the menu is folded into <details>`);
        if (menu) {
          await p.click('header details.menu > summary');
          ok(await p.isVisible('header details.menu .who'), `${user} at 360 px: ... and opens`);
        }
      }
      await p.context().close();
    }
  }
});
