// partners.mjs - multi-agency work in real headless Chromium: oskari (the
// NGO's youth worker, invited in the demo and not yet answered) finds the
// invitation in his list and answers it in one click at phone width; the
// shared summary then opens to him; sanna (the inviter) sees his answer on
// the board; the assessment's views side by side and the manager's partner
// map.  axe-core finds nothing and nothing scrolls sideways at 360 px on
// any of them.  Screenshots into SHOTDIR.  Prints TAP.
// Usage: node tests/browser/partners.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

await walk(async ({ ok, base, shots, asUser }) => {
  const check = async (page, at, what, shot) => {
    if (at === '360 px') ok(!(await overflows(page)), `${at}: ${what} fits the screen`);
    await page.screenshot({ path: join(shots, shot), fullPage: true });
    const v = await axe(page);
    ok(v.length === 0, `${at}: axe finds nothing on ${what}`, v.join('\n'));
  };

  // The partner answers in one click (phone width).
  const o = await asUser('oskari', 'fi-FI', 360);
  await o.goto(base + '/mapping-invitations');
  ok((await o.textContent('main')).includes('Odottaa vastaustasi'), '360 px: oskari\'s invitation waits for his answer');
  await check(o, '360 px', 'the list of invitations', 'partners_list_360.png');
  await Promise.all([o.waitForNavigation(), o.click('table.list a[href^="/mapping-invitations/"]')]);
  const invUrl = o.url();
  ok(!(await o.$('text=Yhteinen yhteenveto')), '360 px: no summary before answering yes');
  await check(o, '360 px', 'the invitation before answering', 'partners_invitation_360.png');
  await Promise.all([o.waitForNavigation(), o.click('button[name=all][value=yes]')]);
  ok(o.url() === invUrl, '360 px: one click answers and comes back to the invitation', o.url());
  const after = await o.textContent('main');
  ok(!(await o.$('form.mapping-answer')), '360 px: ... the answer form is gone (answered once)');
  ok(after.includes('Yhteinen yhteenveto') && after.includes('MAJAKKA'), '360 px: ... and the shared summary opens to him');
  await check(o, '360 px', 'the answered invitation', 'partners_answered_360.png');

  for (const width of [1280, 360]) {
    const at = `${width} px`;
    const s = await asUser('sanna', 'fi-FI', width);
    await s.goto(invUrl);
    const rows = await s.$$eval('table.board tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()));
    const osk = rows.find((r) => r.includes('Oskari'));
    ok(rows.length === 4, `${at}: the inviter's board lists four invitees`, rows.join('\n'));
    ok(osk && osk.includes('Kyllä') && !osk.includes('ei vielä vastannut'), `${at}: ... with oskari's fresh answer`, osk);
    ok(rows.some((r) => r.includes('Emmi') && r.includes('Ei')), `${at}: ... and the daycare's no`);
    await check(s, at, 'the board', `partners_board_${width}.png`);
    const href = await s.getAttribute('a[href^="/assessments/"]', 'href');
    await s.goto(base + href);
    const head = await s.$$eval('table.assessment-table thead th', (th) => th.map((t) => t.textContent.trim()));
    ok(head.some((h) => h.startsWith('Perheen näkemys')), `${at}: the assessment has the family's column`, head.join(' | '));
    ok((await s.textContent('table.assessment-table')).includes('3/10'), `${at}: ... the views side by side`);
    await check(s, at, 'the assessment', `partners_assessment_${width}.png`);

    const k = await asUser('kaisa', 'fi-FI', width);
    await k.goto(base + '/partners');
    ok(!!(await k.$('svg.partner-map')), `${at}: the manager sees the partner map as a picture`);
    await k.fill('#q', 'kuraattori');
    await Promise.all([k.waitForNavigation(), k.click('form.partner-search button.primary')]);
    ok((await k.$$('article.partner-org')).length === 1 && (await k.$('li.matched')), `${at}: the search finds the school curator`);
    await check(k, at, 'the partner map', `partners_map_${width}.png`);
  }
});
