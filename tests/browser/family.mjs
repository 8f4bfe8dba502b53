// family.mjs - the family portal and the plan page in real headless
// Chromium, at 1280 and 360 px: aino (a parent) logs in and lands on
// /family, sees Eetu's matter in plain Finnish and, on a phone, ticks her own
// task with a large button; eetu records his own view (a blank one comes
// back 422 with the message next to the field); sanna's plan page with its
// chart and forms.  axe-core finds nothing, nothing scrolls sideways at
// 360 px.  Screenshots into SHOTDIR.  Prints TAP.
// Usage: node tests/browser/family.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

await walk(async ({ ok, base, shots, asUser }) => {
  for (const width of [1280, 360]) {
    const at = `${width} px`;

    // aino: the portal.
    let page = await asUser('aino', 'fi-FI', width);
    ok(new URL(page.url()).pathname === '/family', `${at}: aino lands on /family`, page.url());
    const text = await page.textContent('main');
    ok(text.includes('Missä mennään nyt') && text.includes('avohuollon'), `${at}: ... where the matter stands, in plain words`);
    ok(text.includes('luki suunnitelmanne') || text.includes('luki tietonne'), `${at}: ... who has looked at the data`);
    ok(!text.includes('sählyn'), `${at}: ... not a word of Eetu's own view`);
    ok(await page.isVisible('.plan-chart svg'), `${at}: ... the progress chart`);
    if (width === 360) {
      const button = page.locator('li.task-mine:not(.task-done) button');
      ok((await button.count()) === 1, `${at}: her open task has a button`);
      const box = await button.boundingBox();
      ok(box && box.height >= 44, `${at}: ... a large target (${box && Math.round(box.height)} px)`);
      await Promise.all([page.waitForNavigation(), button.click()]);
      ok(new URL(page.url()).pathname === '/family', `${at}: ... ticking brings her back to the portal`);
      ok((await page.locator('li.task-mine:not(.task-done)').count()) === 0, `${at}: ... the task is done`);
      ok(!(await overflows(page)), `${at}: the portal fits the screen`);
    }
    await page.screenshot({ path: join(shots, `family_aino_${width}.png`), fullPage: true });
    let v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on aino's portal`, v.join('\n'));
    await page.context().close();

    // eetu: his own view.
    page = await asUser('eetu', 'fi-FI', width);
    const id = await page.getAttribute('textarea[name=text]', 'id');
    if (width === 1280) {
      await page.fill(`#${id}`, '   ');
      const [resp] = await Promise.all([page.waitForNavigation(), page.click('form.family-view button')]);
      ok(resp.status() === 422, `${at}: a blank view comes back 422`);
      const msg = (await page.textContent(`#${id}-err`) || '').trim();
      ok(msg.length > 0 && !/blank|required/.test(msg), `${at}: ... the message next to the field, in Finnish`, msg);
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
      ok(focused === id, `${at}: ... the field has the focus`, focused);
      v = await axe(page);
      ok(v.length === 0, `${at}: axe finds nothing on the refused view`, v.join('\n'));
      await page.screenshot({ path: join(shots, `family_eetu_error_${width}.png`) });
    } else {
      await page.fill(`#${id}`, 'Sähly alkoi ja se on kivaa. Äiti saa nähdä tämän.');
      await page.check('form.family-view input[name=shared]');
      await Promise.all([page.waitForNavigation(), page.click('form.family-view button')]);
      ok((await page.inputValue(`#${id}`)).startsWith('Sähly alkoi'), `${at}: eetu records his view`);
      ok(await page.isChecked('form.family-view input[name=shared]'), `${at}: ... shared with his parents`);
      ok(!(await overflows(page)), `${at}: eetu's portal fits the screen`);
    }
    await page.screenshot({ path: join(shots, `family_eetu_${width}.png`), fullPage: true });
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on eetu's portal`, v.join('\n'));
    await page.context().close();

    // sanna: the plan page.
    page = await asUser('sanna', 'fi-FI', width);
    const eetu = await page.evaluate(async () => {
      const r = await fetch('/api/v1/children?limit=200', { headers: { Accept: 'application/json' } });
      const j = await r.json();
      const c = (j.children || []).find((x) => x.name === 'Eetu Aaltola');
      return c ? c.child_id : null;
    });
    ok(!!eetu, `${at}: sanna finds Eetu`);
    await page.goto(`${base}/children/${eetu}`);
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/children/${eetu}/plan"]`)]);
    ok(await page.isVisible('.plan-chart svg'), `${at}: the plan page with its chart`);
    ok((await page.textContent('main')).includes('Katja Korhonen'), `${at}: ... the participants`);
    if (width === 360) ok(!(await overflows(page)), `${at}: ... fits the screen`);
    await page.screenshot({ path: join(shots, `plan_${width}.png`), fullPage: width === 360 });
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the plan page`, v.join('\n'));
    await page.context().close();
  }
});
