// access_log.mjs - a child's access log in real headless Chromium, as sanna
// (the child's social worker), at 1280 and 360 px: the actions, bases and
// outcomes in Finnish words, never the codes; the filter form by user
// narrows the list and keeps what was typed; a "to" date before the "from"
// date brings the page back (422) with the message next to the field; the
// older-entries link pages on; axe-core finds nothing; nothing scrolls
// sideways at 360 px.  Screenshots into SHOTDIR.  Prints TAP.
// Usage: node tests/browser/access_log.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

const codes = /^(read|list|search|search_match|read_access_log|create|update|break_glass|allowed|denied|failed|own_team|childs_team|existence_only|none|not_on_team)$/;

await walk(async ({ ok, base, shots, asUser }) => {
  for (const width of [1280, 360]) {
    const at = `${width} px`;
    const page = await asUser('sanna', 'fi-FI', width);
    await page.goto(base + '/');
    const href = await page.getAttribute('table.list tbody tr >> nth=0 >> a', 'href');
    await page.goto(base + href);
    // Some traffic to see: the child page read twice more.
    await page.reload();
    await page.reload();
    await Promise.all([page.waitForNavigation(), page.click('a[href$="/access-log"]')]);
    ok(/\/persons\/\d+\/access-log$/.test(new URL(page.url()).pathname), `${at}: the child page links to the access log`);

    const cells = await page.$$eval('table.log tbody td', (tds) => tds.map((td) => td.childNodes[0] ? td.childNodes[0].textContent.trim() : ''));
    ok(cells.length >= 6, `${at}: the log lists entries (${cells.length / 6})`);
    const raw = cells.filter((c) => codes.test(c));
    ok(raw.length === 0, `${at}: ... in words, not codes`, raw.join(', '));
    const text = await page.textContent('table.log');
    ok(text.includes('luki tiedot') && text.includes('Oma tiimi') && text.includes('Sallittu'),
       `${at}: ... "luki tiedot", "Oma tiimi", "Sallittu"`);
    if (width === 360) ok(!(await overflows(page)), `${at}: ... the page fits the screen`);
    await page.screenshot({ path: join(shots, `access_log_${width}.png`), fullPage: width === 360 });
    let v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the access log`, v.join('\n'));

    // Filter by user: only sanna's rows, the field keeps its value.
    await page.fill('#who', 'sanna');
    await page.fill('#limit', '2');
    await Promise.all([page.waitForNavigation(), page.click('form.log-filter button.primary')]);
    const url = new URL(page.url());
    ok(url.searchParams.get('who') === 'sanna' && url.searchParams.get('limit') === '2', `${at}: the filter form sends a GET`, page.url());
    ok((await page.inputValue('#who')) === 'sanna', `${at}: ... and keeps what was typed`);
    const names = await page.$$eval('table.log tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent.trim()));
    ok(names.length === 2 && names.every((n) => n === names[0]), `${at}: ... two rows of one user`, names.join(' | '));
    const older = await page.$('a[rel=next]');
    ok(!!older, `${at}: ... with a link to older entries`);
    if (older) {
      await Promise.all([page.waitForNavigation(), older.click()]);
      ok(new URL(page.url()).searchParams.get('before') !== null && (await page.inputValue('#who')) === 'sanna',
         `${at}: ... which pages on with the filter kept`);
    }

    // A to date before the from date: the same page, the message next to it.
    await page.fill('#from', '2026-12-05');
    await page.fill('#to', '2026-12-01');
    const [resp] = await Promise.all([page.waitForNavigation(), page.click('form.log-filter button.primary')]);
    ok(resp.status() === 422, `${at}: a to date before the from date: 422`);
    const msg = (await page.textContent('#to-err') || '').trim();
    ok(msg === 'Loppupäivä ei voi olla ennen alkupäivää', `${at}: ... the message next to the field`, msg);
    ok((await page.inputValue('#from')) === '2026-12-05' && (await page.inputValue('#who')) === 'sanna',
       `${at}: ... the other fields as typed`);
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    ok(focused === 'to', `${at}: ... the field has the focus`, focused);
    if (width === 360) ok(!(await overflows(page)), `${at}: ... the page fits the screen`);
    await page.screenshot({ path: join(shots, `access_log_error_${width}.png`) });
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the refused filter`, v.join('\n'));
    await page.context().close();
  }
});
