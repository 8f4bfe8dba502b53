// lights.mjs - traffic lights and consultations in real headless Chromium,
// at 1280 and 360 px.  sanna opens MAJAKKA's board (the picture, the
// columns by colour, who moved), opens the latest round, rates a child (at
// 1280 first without a colour: the form comes back 422 with the text kept
// and the message next to the field; the checklist shows the chosen
// colour's criteria only), and finds the child in the red column of the
// board.  kalle answers the consultation waiting in his "my work".  axe-core
// finds nothing; nothing scrolls sideways at 360 px.  Screenshots into
// SHOTDIR.  Prints TAP.
// Usage: node tests/browser/lights.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

await walk(async ({ ok, base, shots, asUser }) => {
  for (const width of [1280, 360]) {
    const at = `${width} px`;
    const page = await asUser('sanna', 'fi-FI', width);
    await page.goto(base + '/org');
    const team = await page.getAttribute('a:text-is("MAJAKKA")', 'href');
    await page.goto(base + team + '/traffic-lights');
    ok((await page.textContent('h1')).includes('Liikennevalot'), `${at}: the board page`);
    ok(await page.isVisible('svg.lights-svg'), `${at}: ... the rounds as a picture`);
    ok((await page.$$('.lights-col')).length === 3, `${at}: ... three columns by colour`);
    const moved = await page.textContent('#moved-h + ul');
    ok(/Keltainen\s*→\s*Punainen/.test(moved), `${at}: ... who moved yellow → red`, moved);
    if (width === 360) ok(!(await overflows(page)), `${at}: ... the board fits the screen`);
    await page.screenshot({ path: join(shots, `lights_board_${width}.png`), fullPage: true });
    let v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the board`, v.join('\n'));

    await Promise.all([page.waitForNavigation(), page.click('a.button[href*="/rounds/"]')]);
    const row = width === 1280 ? page.locator('li.rate-row', { hasText: 'Ei arvioitu' }).first()
                               : page.locator('li.rate-row').first();
    const name = (await row.locator('.rate-name').textContent()).trim();
    const id = (await row.getAttribute('id')).replace('child-', '');
    await row.locator('summary').click();
    if (width === 1280) {
      // No colour chosen: refused, the text kept, the message at the field.
      await row.locator('textarea').fill('Tiimi huolissaan');
      const [resp] = await Promise.all([page.waitForNavigation(), row.locator('button.primary').click()]);
      ok(resp.status() === 422, `${at}: a rating without a colour: 422`);
      ok((await page.inputValue(`#rate-${id}-note`)) === 'Tiimi huolissaan', `${at}: ... the text kept`);
      const msg = (await page.textContent(`#rate-${id}-colour-err`) || '').trim();
      ok(msg.startsWith('Liikennevalo'), `${at}: ... the message next to the colour`, msg);
      ok(await page.isVisible('#form-summary'), `${at}: ... and the summary at the top`);
      await page.screenshot({ path: join(shots, `lights_round_error_${width}.png`), fullPage: true });
      v = await axe(page);
      ok(v.length === 0, `${at}: axe finds nothing on the refused rating`, v.join('\n'));
    }
    const form = page.locator(`#child-${id} form`);
    await form.locator('input[name=colour][value=red]').check();
    ok(await form.locator('.crit-red').isVisible() && !(await form.locator('.crit-green').isVisible()),
       `${at}: the checklist shows the red criteria only`);
    await form.locator('input[value=red_acute_crisis]').check();
    await form.locator('textarea').fill('Akuutti tilanne');
    if (width === 360) ok(!(await overflows(page)), `${at}: ... the round page fits the screen`);
    await page.screenshot({ path: join(shots, `lights_round_${width}.png`), fullPage: width === 360 });
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the round page`, v.join('\n'));
    await Promise.all([page.waitForNavigation(), form.locator('button.primary').click()]);
    ok((await page.textContent(`#child-${id} summary`)).includes('Punainen'), `${at}: ${name} is rated red`);
    await page.goto(base + team + '/traffic-lights');
    ok((await page.textContent('.lights-col-red')).includes(name), `${at}: ... and on the board in the red column`);
    await page.context().close();
  }

  // kalle answers the question waiting for him.
  const k = await asUser('kalle', 'fi-FI', 1280);
  ok(await k.isVisible('#cw-h'), 'kalle: a consultation waits in my work');
  await Promise.all([k.waitForNavigation(), k.click('#cw-h + ul a')]);
  ok((await k.textContent('h1')).includes('Konsultaatio'), 'kalle: ... the consultation page');
  await k.fill('#answer', 'Rajatkaa tapaamiset valvotuiksi ja tuokaa perhe maanantain tiimiin.');
  await k.screenshot({ path: join(shots, 'lights_consultation_1280.png'), fullPage: true });
  const v = await axe(k);
  ok(v.length === 0, 'kalle: axe finds nothing on the consultation', v.join('\n'));
  await Promise.all([k.waitForNavigation(), k.click('button.primary')]);
  ok(!(await k.isVisible('#cw-h')), 'kalle: ... answered, it no longer waits');
  await k.context().close();
});
