// polish.mjs - the loose ends of issues 14 and 15 in real headless Chromium:
// sanna invites from a child's page (search by organisation, choose tuula,
// a note; a refused form keeps both), tuula answers in one click at phone
// width; the team page's children table turns into cards at 360 px and
// stays a table at 1280; hanna sees the question she asked among "my
// questions".  axe-core finds nothing and nothing scrolls sideways at 360 px.
// Screenshots into SHOTDIR.  Prints TAP.
// Usage: node tests/browser/polish.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

await walk(async ({ ok, base, shots, asUser }) => {
  const check = async (page, width, what, shot) => {
    if (width === 360) ok(!(await overflows(page)), `${width} px: ${what} fits the screen`);
    await page.screenshot({ path: join(shots, shot), fullPage: true });
    const v = await axe(page);
    ok(v.length === 0, `${width} px: axe finds nothing on ${what}`, v.join('\n'));
  };

  // sanna invites from the child's page.
  let invUrl = null;
  for (const width of [1280, 360]) {
    const s = await asUser('sanna', 'fi-FI', width);
    const childHref = await s.getAttribute('main table.list a[href^="/children/"]', 'href');
    await s.goto(base + childHref);
    await Promise.all([s.waitForNavigation(), s.click('#invite-link')]);
    ok(/\/mapping-invitations\/new$/.test(s.url()), `${width} px: the child page's link opens the invitation page`, s.url());
    await s.fill('#q', 'KESKUSKOULU');
    await Promise.all([s.waitForNavigation(), s.click('form.partner-search button')]);
    const offered = await s.$$eval('#invitees label', (ls) => ls.map((l) => l.textContent.replace(/\s+/g, ' ').trim()));
    ok(offered.some((t) => t.includes('Tuula')) && offered.some((t) => t.includes('Katja')),
      `${width} px: searching the school (in capitals) offers its nurse and curator`, offered.join(' | '));
    await check(s, width, 'the invitation page', `polish_invite_${width}.png`);
    await s.fill('#message', 'Onko teillä tietoa perheen tilanteesta?');
    await Promise.all([s.waitForNavigation(), s.click('#invite-form button[type=submit]')]);
    ok((await s.textContent('.error-summary')).length > 0 && await s.isVisible('#invitees-err'),
      `${width} px: sending with nobody chosen comes back with the message next to the people`);
    ok((await s.inputValue('#message')) === 'Onko teillä tietoa perheen tilanteesta?', `${width} px: ... the note kept`);
    await check(s, width, 'the refused invitation', `polish_invite_refused_${width}.png`);
    if (width === 360) {
      await s.check('#invitees label:has-text("Tuula") input');
      await Promise.all([s.waitForNavigation(), s.click('#invite-form button[type=submit]')]);
      ok(/\/mapping-invitations\/\d+$/.test(s.url()), `${width} px: inviting tuula lands on the invitation`, s.url());
      invUrl = new URL(s.url()).pathname;
    }
    await s.context().close();
  }

  // tuula answers in one click at phone width.
  const t = await asUser('tuula', 'fi-FI', 360);
  await t.goto(base + '/mapping-invitations');
  ok(!!(await t.$(`a[href="${invUrl}"]`)), '360 px: the invitation waits in tuula\'s list');
  await Promise.all([t.waitForNavigation(), t.click(`a[href="${invUrl}"]`)]);
  await Promise.all([t.waitForNavigation(), t.click('button[name=all][value=yes]')]);
  ok(new URL(t.url()).pathname === invUrl && !(await t.$('form.mapping-answer')), '360 px: one click answers it', t.url());
  await check(t, 360, 'the answered invitation', 'polish_answered_360.png');
  await t.context().close();
  const s2 = await asUser('sanna', 'fi-FI', 1280);
  await s2.goto(base + invUrl);
  const row = await s2.$eval('table.board tbody', (b) => b.textContent.replace(/\s+/g, ' '));
  ok(row.includes('Tuula') && row.includes('Kyllä'), '1280 px: sanna sees tuula\'s yes on the board', row);
  await s2.context().close();

  // The team page's children: a table at 1280, cards at 360.
  for (const width of [1280, 360]) {
    const s = await asUser('teemu', 'fi-FI', width);
    const teamHref = await s.getAttribute('a[href^="/teams/"]', 'href');
    await s.goto(base + teamHref);
    const shape = await s.$eval('table.cards-360', (tb) => ({
      row: getComputedStyle(tb.querySelector('tbody tr')).display,
      head: tb.querySelector('thead').getBoundingClientRect().height,
    }));
    if (width === 360) ok(shape.row === 'block' && shape.head <= 1, '360 px: the team\'s children are cards', JSON.stringify(shape));
    else ok(shape.row === 'table-row' && shape.head > 1, '1280 px: the team\'s children are a table', JSON.stringify(shape));
    await check(s, width, 'the team page', `polish_team_${width}.png`);
    await s.context().close();
  }

  // The administrator's page of the questions always asked; sanna's consents page with its new forms.
  for (const width of [1280, 360]) {
    const ad = await asUser('admin', 'fi-FI', width);
    await Promise.all([ad.waitForNavigation(), ad.click('a[href="/admin/meeting-questions"]')]);
    ok((await ad.$$('section.question-set')).length === 6, `${width} px: the questions always asked, in six sets`);
    await ad.click('section.question-set li.card details summary');
    ok(await ad.isVisible('section.question-set li.card details input[name=text_fi]'), `${width} px: ... each with its own change form`);
    await check(ad, width, 'the questions always asked', `polish_questions_admin_${width}.png`);
    await ad.context().close();
    const s = await asUser('sanna', 'fi-FI', width);
    await s.goto(base + '/search?q=Rinne');
    await Promise.all([s.waitForNavigation(), s.click('main a[href^="/children/"]')]);
    await Promise.all([s.waitForNavigation(), s.click('main a[href$="/consents"]')]);
    await s.click('#grant-form >> xpath=..  >> summary');
    ok(await s.isVisible('#grant-hours'), `${width} px: the consents page opens the authority grant form`);
    ok(!!(await s.$('form[action*="/lift"] textarea[name=note]')), `${width} px: ... and offers to lift the block in force with a reason`);
    await check(s, width, 'the consents page', `polish_consents_${width}.png`);
    await s.context().close();
  }

  // hanna asked kalle in the demo: her question waits among "my questions".
  for (const width of [1280, 360]) {
    const h = await asUser('hanna', 'fi-FI', width);
    const mine = await h.$('#my-questions');
    ok(!!mine && (await mine.textContent()).includes('Odottaa vastausta'), `${width} px: hanna's home lists her waiting question`);
    await check(h, width, 'hanna\'s home', `polish_questions_${width}.png`);
    await h.context().close();
  }
});
