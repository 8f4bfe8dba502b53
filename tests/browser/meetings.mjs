// meetings.mjs - the systemic weekly meeting in real headless Chromium, as
// kirsi (the coordinator) at 1280 and 360 px: her my work shows the next
// meeting and what is unprepared; the meeting page's prepare form puts a
// family on the agenda; the record form refused once (a feedback rating of
// 9) comes back with the message next to its field and what was typed,
// then records; the prepared family's child page lists the meeting among
// those to come; the team's meetings page and the team page's charts.
// axe-core finds nothing, nothing scrolls sideways at 360 px.  Screenshots
// into SHOTDIR.  Prints TAP.
// Usage: node tests/browser/meetings.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

await walk(async ({ ok, base, shots, asUser }) => {
  for (const [i, width] of [1280, 360].entries()) {
    const at = `${width} px`;
    const page = await asUser('kirsi', 'fi-FI', width);
    await page.goto(base + '/');
    const home = await page.textContent('main');
    ok(home.includes('Viikkotiimien valmistelu') && home.includes('Seuraava tapaaminen'),
       `${at}: kirsi's my work shows the next meeting`);
    ok(home.includes('Valmistelematta kahden viikon sisällä'), `${at}: ... and what is unprepared`);
    let v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on my work`, v.join('\n'));
    if (width === 360) ok(!(await overflows(page)), `${at}: ... my work fits the screen`);

    // The next meeting, from my work.
    await Promise.all([page.waitForNavigation(), page.click('#coord-h ~ p a[href^="/meetings/"]')]);
    ok(/^\/meetings\/\d+$/.test(new URL(page.url()).pathname), `${at}: the next meeting opens`);
    const before = await page.locator('article.meeting-item').count();

    // Prepare: a family on the agenda.
    await page.click('#prep-h');
    const value = await page.locator('#agenda-child_id option').nth(i + 1).getAttribute('value');
    await page.selectOption('#agenda-child_id', value);
    await page.fill('#agenda-question', `Mitä perhe toivoo tältä tapaamiselta? (${width})`);
    await page.selectOption('#agenda-step', '2');
    await page.check('input[name="prepared"]');
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/agenda"] button[type="submit"]')]);
    ok((await page.textContent('main')).includes(`Mitä perhe toivoo tältä tapaamiselta? (${width})`),
       `${at}: the family is on the agenda with the worker's question`);
    ok((await page.locator('article.meeting-item').count()) >= before, `${at}: ... with the others`);
    await page.screenshot({ path: join(shots, `meeting_prepared_${width}.png`), fullPage: true });
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the meeting page`, v.join('\n'));
    if (width === 360) ok(!(await overflows(page)), `${at}: ... the meeting page fits the screen`);

    // The family's own page lists the meeting among those to come.
    const meetingPath = new URL(page.url()).pathname;
    const child = await page.context().newPage();
    await child.goto(`${base}/children/${value}`);
    const meet = child.locator('section[aria-labelledby="meet-h"]');
    const coming = await meet.locator('p:has-text("Tulevat")').innerHTML().catch(() => '');
    ok(coming.includes(`href="${meetingPath}"`), `${at}: the child page lists the meeting under "Tulevat"`, coming);
    const held = await meet.locator('p:has-text("Käsitelty")').innerHTML().catch(() => '');
    ok(!held.includes(`href="${meetingPath}"`), `${at}: ... not under "Käsitelty"`, held);
    v = await axe(child);
    ok(v.length === 0, `${at}: axe finds nothing on the child page`, v.join('\n'));
    await meet.screenshot({ path: join(shots, `child_meetings_${width}.png`) });
    await child.close();

    // Record one family: refused once, then saved.
    const item = page.locator('article.meeting-item:has(form[action$="/record"])').first();
    const id = (await item.getAttribute('id')).replace('item-', '');
    await item.locator('details.record-box > summary').click();
    await page.fill(`#rec${id}-hypotheses`, 'Aamut ovat raskaita, koska illat venyvät.');
    await page.fill(`#rec${id}-feedback_score`, '9');
    await Promise.all([page.waitForNavigation(), item.locator('form[action$="/record"] button[type="submit"]').click()]);
    const err = await page.textContent(`#rec${id}-feedback_score-err`).catch(() => '');
    ok(/1.*5|Miltä/.test(err || ''), `${at}: a rating of 9 comes back with the message next to the field`, err);
    ok((await page.inputValue(`#rec${id}-hypotheses`)) === 'Aamut ovat raskaita, koska illat venyvät.',
       `${at}: ... what was typed kept`);
    ok((await page.getAttribute(`#rec${id}-feedback_score`, 'aria-invalid')) === 'true', `${at}: ... the field marked`);
    ok((await page.locator('.error-summary a').count()) >= 1, `${at}: ... and the summary at the top`);
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the refused form`, v.join('\n'));
    await page.screenshot({ path: join(shots, `meeting_refused_${width}.png`), fullPage: true });
    await page.fill(`#rec${id}-feedback_score`, '4');
    await page.fill(`#rec${id}-feedback_text`, 'Puhuttiin siitä, mistä halusimme.');
    await Promise.all([page.waitForNavigation(), page.locator(`#item-${id} form[action$="/record"] button[type="submit"]`).click()]);
    const rec = await page.textContent(`#item-${id}`);
    ok(rec.includes('Kirjattu') && rec.includes('Aamut ovat raskaita') && rec.includes('4/5'),
       `${at}: the record shows with the family's feedback`);

    // The team's meetings and the team page's charts.
    const teamHref = await page.getAttribute('a[href$="/meetings"]', 'href');
    await page.goto(base + teamHref);
    ok((await page.textContent('main')).includes('Toistuvat viikkotiimit'), `${at}: the team's meetings page`);
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the team's meetings`, v.join('\n'));
    if (width === 360) ok(!(await overflows(page)), `${at}: ... it fits the screen`);
    await page.screenshot({ path: join(shots, `meetings_${width}.png`), fullPage: true });
    await page.goto(base + teamHref.replace(/\/meetings$/, ''));
    ok((await page.locator('section.practice svg').count()) === 2, `${at}: the team page draws the two charts`);
    v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on the team page`, v.join('\n'));
    // The team page's children table is older than this walk: the figures' section must fit.
    if (width === 360) {
      const right = await page.$eval('section.practice', (s) => Math.max(...[s, ...s.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)));
      ok(right <= width, `${at}: ... the figures fit the screen`, String(right));
    }
    await page.locator('section.practice').screenshot({ path: join(shots, `team_practice_${width}.png`) });
    await page.context().close();
  }
});
