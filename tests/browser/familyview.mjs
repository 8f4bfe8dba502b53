// familyview.mjs - the family view and the family portal's slots in real
// headless Chromium at 1280 and 360 px: sanna opens Oliver Nurmi's family
// view from the child page (an accessible SVG with the services beside the
// members, the same as a list), records a service through the form; aino's
// portal shows the client-team meeting and Eetu's Three Houses.  axe-core
// finds nothing; nothing scrolls sideways at 360 px.  Screenshots into
// SHOTDIR.  Prints TAP.
// Usage: node tests/browser/familyview.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

await walk(async ({ ok, base, shots, asUser }) => {
  for (const width of [1280, 360]) {
    const at = `${width} px`;
    const page = await asUser('sanna', 'fi-FI', width);
    await page.goto(base + '/');
    const child = await page.evaluate(async (b) => {
      const r = await fetch(b + '/api/v1/children?limit=50', { headers: { Accept: 'application/json' } });
      const j = await r.json();
      return (j.children || j.items || []).find((c) => c.case_id === 2)?.child_id;
    }, base);
    ok(!!child, `${at}: demo case 2's child found (${child})`);
    await page.goto(`${base}/children/${child}`);
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/children/${child}/family-view"]`)]);
    ok(new URL(page.url()).pathname === `/children/${child}/family-view`, `${at}: the child page links to the family view`);
    ok(await page.isVisible('#familyview-picture svg[role="img"]') &&
       (await page.$eval('#familyview-picture svg title', (t) => t.textContent)).includes('Perhenäkymä'),
       `${at}: the picture is an SVG image with a title`);
    ok((await page.$eval('#familyview-picture svg', (s) => s.textContent)).includes('Kouluterveydenhoitaja'),
       `${at}: ... with the services beside the members`);
    const items = await page.$$eval('#familyview-list .familyview-services li', (l) => l.length);
    ok(items >= 2, `${at}: the same services as a list (${items})`);
    if (width === 1280) {
      await page.click('details:has(#service-form) summary');
      const members = await page.$$eval('#service-person_id option', (o) => o.map((x) => x.value).filter((v) => v));
      await page.selectOption('#service-person_id', members[0]);
      await page.fill('#service-org_name', 'Kaupunginkirjasto (demo)');
      await page.fill('#service-service_name', 'Läksykerho');
      await page.fill('#service-worker_name', 'Liisa Pöllö');
      await Promise.all([page.waitForNavigation(), page.click('#service-form button[type=submit]')]);
      ok((await page.$$eval('#familyview-list .familyview-services li', (l) => l.length)) === items + 1,
         `${at}: a recorded service is listed`);
      ok((await page.$eval('#familyview-picture svg', (s) => s.textContent)).includes('Läksykerho'), `${at}: ... and drawn`);
    }
    if (width === 360) ok(!(await overflows(page)), `${at}: the family view fits the screen`);
    await page.screenshot({ path: join(shots, `familyview_${width}.png`), fullPage: true });
    let v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the family view`, v.join('\n'));
    await page.close();

    const fam = await asUser('aino', 'fi-FI', width);
    await fam.goto(base + '/family');
    ok(await fam.isVisible('.family-meeting'), `${at}: aino's portal shows the meeting`);
    ok((await fam.$eval('.family-meetings', (e) => e.textContent)).includes('Perhekeskus Majakka'), `${at}: ... with its place`);
    ok(await fam.isVisible('.family-houses'), `${at}: ... and Eetu's Three Houses`);
    if (width === 360) ok(!(await overflows(fam)), `${at}: the portal fits the screen`);
    await fam.screenshot({ path: join(shots, `familyview_portal_${width}.png`), fullPage: true });
    v = await axe(fam);
    ok(v.length === 0, `${at}: axe finds nothing on the portal`, v.join('\n'));
    await fam.close();
  }
});
