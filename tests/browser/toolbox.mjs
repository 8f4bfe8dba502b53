// toolbox.mjs - the toolbox, part 2, in real headless Chromium as sanna (the
// social worker of Oliver Nurmi, a demo child) at 1280 and 360 px: from the
// child page to the Three Houses; a new version typed with the child is
// saved and shown in its house; a day in the future brings the form back
// (422) with the message next to the field and the words kept; a hypothesis
// is written with a circular question picked from the bank; the helping map
// and the question bank open.  axe-core finds nothing on any of them and
// nothing scrolls sideways at 360 px.  Screenshots into SHOTDIR.  Prints TAP.
// Usage: node tests/browser/toolbox.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

await walk(async ({ ok, base, shots, asUser }) => {
  for (const width of [1280, 360]) {
    const at = `${width} px`;
    const page = await asUser('sanna', 'fi-FI', width);
    const check = async (what, shot) => {
      if (width === 360) ok(!(await overflows(page)), `${at}: ${what} fits the screen`);
      await page.screenshot({ path: join(shots, `toolbox_${shot}_${width}.png`), fullPage: true });
      const v = await axe(page);
      ok(v.length === 0, `${at}: axe finds nothing on ${what}`, v.join('\n'));
    };

    await page.goto(base + '/');
    // His row in the children table (his name also links to plans to make).
    const oliver = await page.getAttribute('table.list a:has-text("Oliver Nurmi")', 'href');
    await page.goto(base + oliver);
    const child = new URL(page.url()).pathname;
    ok(/^\/children\/\d+$/.test(child), `${at}: sanna opens Oliver's page`, page.url());
    await Promise.all([page.waitForNavigation(), page.click('nav.toolbox-links a:text-is("Kolmen talon malli")')]);
    ok(new URL(page.url()).pathname === `${child}/three-houses`, `${at}: the toolbox links to the Three Houses`);
    // The demo's words; at 360 px the version the 1280 px walk saved.
    const before = width === 360 ? 'Iskä lupas tulla matsiin!' : 'Mummolassa saa paistaa lettuja.';
    ok((await page.textContent('.house-good .child-words')).includes(before),
       `${at}: the house of good things holds the child's words`);
    ok((await page.$$('.house svg')).length === 3, `${at}: three houses drawn`);
    await check('the Three Houses', 'houses');

    // A new version, in the child's own words.
    const words = width === 360 ? 'Pelottaa kun ukkostaa.' : 'Iskä lupas tulla matsiin!';
    await page.click('summary:text-is("Tallenna uusi versio")');
    await page.fill('#good_things', words);
    await page.fill('#recorded_on', '2099-01-01');
    let [resp] = await Promise.all([page.waitForNavigation(), page.click('form.houses-form button.primary')]);
    ok(resp.status() === 422, `${at}: a day in the future: 422`);
    const msg = ((await page.textContent('#recorded_on-err')) || '').trim();
    ok(msg === 'Päivä, jona lapsi kertoi ei voi olla tulevaisuudessa', `${at}: ... the message next to the field`, msg);
    ok((await page.inputValue('#good_things')) === words, `${at}: ... the child's words kept`);
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    ok(focused === 'recorded_on', `${at}: ... the field has the focus`, focused);
    await check('the refused Three Houses form', 'houses_error');
    await page.fill('#recorded_on', '');
    [resp] = await Promise.all([page.waitForNavigation(), page.click('form.houses-form button.primary')]);
    ok(resp.status() === 200 && new URL(page.url()).pathname === `${child}/three-houses`, `${at}: the new version is saved`);
    ok((await page.textContent('.house-good .child-words')).trim() === words, `${at}: ... and shown in its house`);
    ok((await page.textContent('#th-old ~ article, section[aria-labelledby=th-old]')).includes('Mummolassa saa paistaa lettuja.'),
       `${at}: ... the earlier version kept below`);

    // A hypothesis with a circular question.
    await page.goto(base + child + '/hypotheses');
    ok((await page.$$('article.hypothesis')).length >= 3, `${at}: the demo hypotheses are listed`);
    await check('the hypotheses', 'hypotheses');
    const text = `Hypoteesi ${width}: Oliver suojelee pikkusiskoaan riidoilta.`;
    await page.click('summary:text-is("Uusi hypoteesi")');
    await page.selectOption('#hyp-origin', 'meeting');
    await page.fill('#hyp-text', text);
    const first = page.locator('#hyp-questions input[type=checkbox]').first();
    await first.check();
    const question = (await page.locator('#hyp-questions label').first().textContent()).trim();
    [resp] = await Promise.all([page.waitForNavigation(), page.click('#hyp-new button.primary')]);
    ok(resp.status() === 200, `${at}: the hypothesis is saved`);
    const card = page.locator('article.hypothesis', { hasText: text });
    ok((await card.count()) === 1, `${at}: ... and listed`);
    ok((await card.locator('.status').first().textContent()).trim() === 'Avoin', `${at}: ... open`);
    ok((await card.locator('ul.picked').textContent()).includes(question), `${at}: ... with the question picked`, question);
    ok((await card.textContent()).includes('Systeemisessä kokouksessa'), `${at}: ... written in the meeting`);

    await page.goto(base + child + '/helping-map');
    ok((await page.$$('.map-part')).length === 4, `${at}: the helping map's four parts`);
    ok((await page.$$('.diff-add')).length >= 1, `${at}: ... and what changed between versions`);
    await check('the helping map', 'map');
    await page.goto(base + '/circular-questions');
    ok((await page.$$('ol.bank > li')).length >= 12, `${at}: the question bank`);
    await check('the question bank', 'bank');
    await page.context().close();
  }
});
