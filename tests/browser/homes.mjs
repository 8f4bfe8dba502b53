// homes.mjs - the home of every demo user (issue 13, "Home for every role")
// in real headless Chromium at 1280 and 360 px: something to do on it (a
// list, a card, a team), no empty table, no sideways scroll at 360 px, and
// axe-core finding nothing.  Screenshots of teemu's and kaisa's homes.
// Prints TAP.
// Usage: node tests/browser/homes.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

const users = ['sanna', 'teemu', 'paula', 'kaisa', 'terhi', 'kalle', 'kirsi', 'katja', 'hanna', 'ville', 'raimo',
  'admin', 'uusi'];

await walk(async ({ ok, base, shots, asUser }) => {
  for (const width of [1280, 360]) {
    for (const user of users) {
      const at = `${user} at ${width} px`;
      const page = await asUser(user, 'fi-FI', width);
      await page.goto(base + '/');
      const found = await page.evaluate(() => {
        const main = document.querySelector('main') || document.body;
        return {
          rows: main.querySelectorAll('table.list tbody tr').length,
          items: main.querySelectorAll('main li, .cards > *').length,
          emptyTables: [...main.querySelectorAll('table.list tbody')].filter((b) => !b.querySelector('tr')).length,
        };
      });
      ok(found.rows + found.items > 0, `${at}: the home has something to do`, JSON.stringify(found));
      ok(found.emptyTables === 0, `${at}: ... and no empty table`, JSON.stringify(found));
      if (width === 360) ok(!(await overflows(page)), `${at}: ... no sideways scroll`);
      if (user === 'kaisa') {
        const warn = await page.textContent('main');
        ok(/yli enimmäismäärän/.test(warn) && await page.isVisible('tr.over-cap'), `${at}: ... the over-cap warning and VINSSI's row`);
      }
      if (user === 'teemu' || user === 'kaisa') await page.screenshot({ path: join(shots, `home_${user}_${width}.png`), fullPage: true });
      const v = await axe(page);
      ok(v.length === 0, `${at}: ... axe finds nothing`, v.join('\n'));
      await page.context().close();
    }
  }
});
