// genogram.mjs - the genogram and timeline pages in real headless Chromium,
// as sanna, at 1280 and 360 px: the picture is an accessible SVG; adding a
// relation through the form updates the picture and the table; axe-core
// finds nothing; nothing scrolls sideways at 360 px.  Screenshots into
// SHOTDIR.  Prints TAP.
// Usage: node tests/browser/genogram.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

await walk(async ({ ok, base, shots, asUser }) => {
  for (const width of [1280, 360]) {
    const at = `${width} px`;
    const page = await asUser('sanna', 'fi-FI', width);
    // Eevi Jokela (demo case 4) through the child page's link.
    await page.goto(base + '/');
    const child = await page.evaluate(async (b) => {
      const r = await fetch(b + '/api/v1/children?limit=50', { headers: { Accept: 'application/json' } });
      const j = await r.json();
      return (j.children || j.items || []).find((c) => c.case_id === 4)?.child_id;
    }, base);
    ok(!!child, `${at}: demo case 4's child found (${child})`);
    await page.goto(`${base}/children/${child}`);
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/children/${child}/genogram"]`)]);
    ok(new URL(page.url()).pathname === `/children/${child}/genogram`, `${at}: the child page links to the genogram`);
    ok(await page.isVisible('#genogram-picture svg[role="img"]') &&
       (await page.$eval('#genogram-picture svg title', (t) => t.textContent)).includes('Sukupuu'),
       `${at}: the picture is an SVG image with a title`);
    const before = await page.$$eval('#genogram-picture svg polyline', (l) => l.length);
    const rows = await page.$$eval('#genogram-relations tbody tr', (r) => r.length);
    if (width === 1280) {
      // A conflict between the first two persons: the picture gets a zigzag.
      await page.click('details:has(#relation-form) summary');
      await page.selectOption('#relation-kind', 'conflict');
      const b = await page.$$eval('#relation-b_id option', (o) => o.map((x) => x.value));
      await page.selectOption('#relation-b_id', b[b.length - 1]);
      await Promise.all([page.waitForNavigation(), page.click('#relation-form button[type=submit]')]);
      const after = await page.$$eval('#genogram-picture svg polyline', (l) => l.length);
      ok(after === before + 1, `${at}: adding a conflict draws it (${before} -> ${after} zigzags)`);
      ok((await page.$$eval('#genogram-relations tbody tr', (r) => r.length)) === rows + 1, `${at}: ... and lists it`);
    }
    if (width === 360) ok(!(await overflows(page)), `${at}: the genogram page fits the screen`);
    await page.screenshot({ path: join(shots, `genogram_${width}.png`), fullPage: true });
    let v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the genogram page`, v.join('\n'));

    await page.goto(`${base}/children/${child}/timeline`);
    ok(await page.isVisible('#timeline-picture svg[role="img"]'), `${at}: the timeline is drawn`);
    if (width === 360) ok(!(await overflows(page)), `${at}: the timeline page fits the screen`);
    await page.screenshot({ path: join(shots, `timeline_${width}.png`), fullPage: true });
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the timeline page`, v.join('\n'));
    await page.close();
  }
});
