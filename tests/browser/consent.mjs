// consent.mjs - the child's consents and safety page in real headless
// Chromium, as sanna (Aino Rinne's responsible social worker), at 1280 and
// 360 px: the father's safety block is shown with who set it and why; a
// consent recorded through the form; a form sent without the organisation
// comes back (422) with the message next to the field, the focus on it and
// every choice kept; axe-core finds nothing; nothing scrolls sideways at
// 360 px.  Screenshots into SHOTDIR.  Prints TAP.
// Usage: node tests/browser/consent.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

await walk(async ({ ok, base, shots, asUser }) => {
  let aino = null;
  for (const width of [1280, 360]) {
    const at = `${width} px`;
    const page = await asUser('sanna', 'fi-FI', width);
    await page.goto(base + '/');
    const href = await page.getAttribute('table.list a:has-text("Aino Rinne")', 'href');
    ok(/^\/children\/\d+$/.test(href || ''), `${at}: Aino Rinne is among sanna's children`, href);
    aino = href;
    await page.goto(base + href);
    await Promise.all([page.waitForNavigation(), page.click('a[href$="/consents"]')]);
    ok(/\/children\/\d+\/consents$/.test(new URL(page.url()).pathname), `${at}: the child page links to the consents`);
    const blocks = await page.textContent('section[aria-labelledby="b-h"]');
    ok(blocks.includes('Jari Rinne') && blocks.includes('Väkivalta') && blocks.includes('Sanna Salmela'),
       `${at}: the father's block: whom, why, who set it`);
    if (width === 360) ok(!(await overflows(page)), `${at}: ... the page fits the screen`);
    let v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the page`, v.join('\n'));

    // Sent without the organisation: the same page, the message by the field.
    await page.click('#consent-form >> xpath=.. >> summary');
    const giver = await page.$$eval('#consent-given_by option', (os) => os.filter((o) => o.value).map((o) => o.value));
    ok(giver.length >= 2, `${at}: the child and the guardians may consent`, giver.join(','));
    await page.selectOption('#consent-given_by', giver[1]);
    await page.check('input[name=fields][value=plan]');
    await page.check('input[name=fields][value=assessment]');
    await page.fill('#consent-note', 'Äiti antoi suostumuksen tapaamisessa.');
    const [resp] = await Promise.all([page.waitForNavigation(), page.click('#consent-form button.primary')]);
    ok(resp.status() === 422, `${at}: without the organisation: 422`);
    const msg = (await page.textContent('#consent-organisation-err') || '').trim();
    ok(/Organisaatio/.test(msg), `${at}: ... the message next to the field`, msg);
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    ok(focused === 'consent-organisation', `${at}: ... the field has the focus`, focused);
    ok((await page.inputValue('#consent-given_by')) === giver[1] && (await page.isChecked('input[name=fields][value=plan]')) &&
       (await page.isChecked('input[name=fields][value=assessment]')) && !(await page.isChecked('input[name=fields][value=family]')) &&
       (await page.inputValue('#consent-note')) === 'Äiti antoi suostumuksen tapaamisessa.',
       `${at}: ... every choice kept`);
    if (width === 360) ok(!(await overflows(page)), `${at}: ... the page fits the screen`);
    await page.screenshot({ path: join(shots, `consent_error_${width}.png`), fullPage: true });
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the refused form`, v.join('\n'));

    // Now with the organisation: recorded, in force.
    const org = `Keskuskoulu (demo) ${width}`;
    await page.fill('#consent-organisation', org);
    const [done] = await Promise.all([page.waitForNavigation(), page.click('#consent-form button.primary')]);
    ok(done.status() === 200 && /\/consents$/.test(new URL(page.url()).pathname), `${at}: the consent is recorded`);
    const card = await page.textContent(`article.consent:has-text("${org}")`);
    ok(card.includes('Voimassa') && card.includes('Yhteinen asiakassuunnitelma') && card.includes('Monitoimijainen arviointi'),
       `${at}: ... in force, with the plan and the assessment`, card.replace(/\s+/g, ' ').slice(0, 200));
    if (width === 360) ok(!(await overflows(page)), `${at}: ... the page fits the screen`);
    await page.screenshot({ path: join(shots, `consent_${width}.png`), fullPage: true });
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing with the consent listed`, v.join('\n'));
    await page.context().close();
  }

  // maria's my work: the matter sanna raised to her, until she marks it seen.
  for (const width of [1280, 360]) {
    const at = `${width} px, maria`;
    const page = await asUser('maria', 'fi-FI', width);
    await page.goto(base + '/');
    const tags = await page.textContent('section.tags');
    ok(/turvakielto/.test(tags) && /Sanna Salmela/.test(tags), `${at}: the matter raised to her is in her my work`);
    if (width === 360) ok(!(await overflows(page)), `${at}: ... the page fits the screen`);
    await page.screenshot({ path: join(shots, `consent_tags_home_${width}.png`) });
    const v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on her home`, v.join('\n'));
    if (width === 360) {
      await Promise.all([page.waitForNavigation(), page.click('section.tags button')]);
      ok(!(await page.$('section.tags')), `${at}: marked seen, it leaves her my work`);
    }
    await page.context().close();
  }

  // The blocked father: his login lands on a page naming nobody; the
  // child's page is refused.
  for (const width of [1280, 360]) {
    const at = `${width} px, jari`;
    const page = await asUser('jari', 'fi-FI', width);
    const home = await page.goto(base + '/');
    ok(home.status() === 200, `${at}: his login lands on his home page`);
    const text = await page.textContent('main');
    ok(!/Aino|Laura|Turvakatu/.test(text), `${at}: ... which names neither the child nor the mother nor an address`);
    if (width === 360) ok(!(await overflows(page)), `${at}: ... the page fits the screen`);
    await page.screenshot({ path: join(shots, `consent_jari_home_${width}.png`) });
    let v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on his home page`, v.join('\n'));
    const refused = await page.goto(base + aino);
    ok(refused.status() === 403, `${at}: the child's page is refused (403)`);
    ok(!/Aino|Rinne/.test(await page.textContent('main')), `${at}: ... without naming the child`);
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the refusal`, v.join('\n'));
    await page.context().close();
  }
});
