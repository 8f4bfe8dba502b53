// forms.mjs - the one form pattern in real headless Chromium: sanna types a
// long journal entry dated in the future on a child page and saves it; the
// same page comes back with every word kept, the Finnish message next to the
// date, the date field focused, aria-invalid and described by its message,
// a summary at the top linking to it, and axe-core finding nothing.  The
// same at 360 px, where nothing scrolls sideways.  Fixing the date saves the
// entry.  Prints TAP.
// Usage: node tests/browser/forms.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

const long = Array.from({ length: 30 }, (_, i) =>
  `Kappale ${i + 1}: kotikäynnillä äiti kertoi, että arki on sujunut rauhallisesti ja lapsi käy koulua.`).join('\n');

await walk(async ({ ok, base, shots, asUser }) => {
  for (const width of [1280, 360]) {
    const at = `${width} px`;
    const page = await asUser('sanna', 'fi-FI', width);
    await page.goto(base + '/');
    const href = await page.getAttribute('table.list tbody tr >> nth=0 >> a', 'href');
    await page.goto(base + href);
    await page.fill('#journal-entry_date', '2099-01-01');
    await page.selectOption('#journal-kind', 'phone_call');
    await page.fill('#journal-participants', 'äiti, isä');
    await page.fill('#journal-text', long);
    const [resp] = await Promise.all([page.waitForNavigation(), page.click('#journal-form button.primary')]);

    ok(resp.status() === 422, `${at}: a future date brings the same page back (422)`);
    ok(new URL(page.url()).pathname === href + '/journal' && await page.isVisible('#journal-form'),
       `${at}: ... the child page with its journal form`);
    ok((await page.inputValue('#journal-text')) === long, `${at}: ... every word of the long entry kept`);
    ok((await page.inputValue('#journal-participants')) === 'äiti, isä' &&
       (await page.inputValue('#journal-kind')) === 'phone_call' &&
       (await page.inputValue('#journal-entry_date')) === '2099-01-01', `${at}: ... and the other fields as typed`);
    const msg = (await page.textContent('#journal-entry_date-err') || '').trim();
    ok(msg === 'Päivä ei voi olla tulevaisuudessa', `${at}: ... the message next to the date in Finnish`, msg);
    const aria = await page.$eval('#journal-entry_date', (e) => [e.getAttribute('aria-invalid'), e.getAttribute('aria-describedby')]);
    ok(aria[0] === 'true' && aria[1] === 'journal-entry_date-err', `${at}: ... the date is aria-invalid and described by it`, aria.join(' '));
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    ok(focused === 'journal-entry_date', `${at}: ... and has the focus`, focused);
    const sum = await page.$eval('#form-summary', (e) => [e.getAttribute('role'), e.querySelector('a') && e.querySelector('a').getAttribute('href'), e.textContent]);
    ok(sum[0] === 'alert' && sum[1] === '#journal-entry_date' && sum[2].includes('Päivä ei voi olla tulevaisuudessa'),
       `${at}: ... the summary at the top (role alert) links to the field`, sum.join(' | '));
    const summaryFirst = await page.evaluate(() => {
      const s = document.querySelector('#form-summary'), f = document.querySelector('#journal-form');
      return !!(s.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    ok(summaryFirst, `${at}: ... above the form`);
    if (width === 360) ok(!(await overflows(page)), `${at}: ... the page fits the screen`);
    await page.screenshot({ path: join(shots, `form_error_${width}.png`) });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, `form_error_${width}_top.png`) });
    const v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the refused form`, v.join('\n'));

    // The link in the summary takes the reader to the field.
    await page.click('#form-summary a');
    ok((await page.evaluate(() => location.hash)) === '#journal-entry_date', `${at}: the summary's link goes to the field`);

    // Fixing the date saves the entry, text and all.
    await page.fill('#journal-entry_date', '');
    await Promise.all([page.waitForNavigation(), page.click('#journal-form button.primary')]);
    ok(new URL(page.url()).pathname === href && !(await page.$('#form-summary')), `${at}: with the date fixed the entry is saved`);
    ok((await page.textContent('.journal-entry >> nth=0')).includes('Kappale 30:'), `${at}: ... with every word`);
    await page.context().close();
  }
});
