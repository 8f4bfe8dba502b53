// need_to_know.mjs - each audience sees what it needs, in real headless
// Chromium: a partner professional (school curator) on a phone sees her
// children's minimum data set and records her own entry; a family worker of
// another team breaks the glass with a reason (the form keeps what was typed
// when the reason is refused) and reads under a banner; the area manager
// reads the report naming the child; the administrator can search no one.
// axe-core checks every page shown.  Prints TAP.
// Usage: node tests/browser/need_to_know.mjs http://127.0.0.1:PORT SHOTDIR
import { join } from 'node:path';
import { walk, axe, overflows } from './lib.mjs';

await walk(async ({ ok, base, shots, asUser }) => {
  const accessible = async (page, what) => {
    const v = await axe(page);
    ok(v.length === 0, `axe finds nothing on ${what}`, v.join('\n'));
  };

  // --- the partner, on a phone ------------------------------------------
  const katja = await asUser('katja', 'fi-FI', 360);
  const rows = await katja.$$eval('table.list tbody tr', (r) => r.length);
  ok(rows >= 5, `the partner's home lists the children whose team she is on (${rows})`);
  ok(!(await overflows(katja)), '... and fits a 360 px screen');
  await accessible(katja, "the partner's home");
  const childHref = await katja.getAttribute('table.list tbody tr >> nth=0 >> a', 'href');
  await katja.goto(base + childHref);
  const text = await katja.textContent('main');
  ok(/\/children\/\d+$/.test(katja.url()), 'she opens a child');
  ok(await katja.isVisible('.notice'), '... which says she sees the partner\'s minimum data set');
  ok(!/\d{6}[-+ABCDEFYXWVU]\d{3}[0-9A-Y]/.test(text), '... no identity code on the page');
  ok(!(await katja.$('#n-h')) && !(await katja.$('#f-h')) && !(await katja.$('#p-h')),
     '... no notifications, family or case history');
  ok(await katja.isVisible('.team-card-line'), '... but how to reach the team');
  ok(await katja.isVisible('#t-h'), "... and the child's team");
  await katja.fill('#journal-text', 'Koulupalaveri: poissaoloja on ollut vähemmän.');
  await Promise.all([katja.waitForNavigation(), katja.click('#journal-form button.primary')]);
  ok((await katja.textContent('.journal-entry >> nth=0')).includes('Koulupalaveri'), 'she records her own entry and sees it');
  ok(!(await overflows(katja)), 'the child page fits a 360 px screen');
  await katja.screenshot({ path: join(shots, 'partner_child_360.png'), fullPage: true });
  await accessible(katja, "the partner's child page");

  // --- break-the-glass ----------------------------------------------------
  const paula = await asUser('paula', 'fi-FI');
  const refused = await paula.goto(base + childHref);
  ok(refused.status() === 403, 'a family worker of another team is refused the child');
  ok(await paula.isVisible('#bg-reason'), '... and offered to open it with a reason');
  await accessible(paula, 'the refusal page');
  await paula.fill('#bg-reason', '   lyhyt syy   ');
  await Promise.all([paula.waitForNavigation(), paula.click('.error-page button.primary')]);
  ok(await paula.inputValue('#bg-reason') === '   lyhyt syy   ', 'a too short reason is refused and what was typed is kept');
  ok(await paula.getAttribute('#bg-reason', 'aria-invalid') === 'true', '... the field is marked invalid');
  ok((await paula.textContent('#bg-reason-err')).includes('liian lyhyt'), '... with the message next to it in Finnish');
  await accessible(paula, 'the refused reason form');
  const reason = 'Päivystys: koulu soitti, lapsi odottaa kansliassa eikä vastuutyöntekijää tavoiteta';
  await paula.fill('#bg-reason', reason);
  await Promise.all([paula.waitForNavigation(), paula.click('.error-page button.primary')]);
  ok(new URL(paula.url()).pathname === childHref, 'with a reason the child page opens');
  ok((await paula.textContent('.banner-glass')).includes(reason), '... under a banner with the reason');
  ok(await paula.isVisible('#n-h') && !(await paula.$('#journal-form')), '... the whole case, read only');
  await paula.screenshot({ path: join(shots, 'break_glass.png'), fullPage: true });
  await accessible(paula, 'the child page under break-the-glass');

  // --- the report -----------------------------------------------------------
  const kaisa = await asUser('kaisa', 'fi-FI');
  await kaisa.goto(base + '/reports/break-glass');
  const report = await kaisa.textContent('table');
  ok(report.includes(reason) && report.includes('Paula'), "the area manager's report shows who and why");
  ok(await kaisa.isVisible(`table a[href="${childHref}"]`), '... naming the child');
  await accessible(kaisa, 'the break-the-glass report');
  const closed = await kaisa.goto(base + childHref);
  ok(closed.status() === 403, '... yet she does not open the child herself: she is not on its team');

  // --- the administrator --------------------------------------------------------
  const admin = await asUser('admin', 'fi-FI');
  ok(!(await admin.$('nav.main-nav a[href="/search"]')), 'the administrator has no search in the menu');
  const search = await admin.goto(base + '/search?q=Virtanen');
  ok(search.status() === 403, '... and is refused it');
  await admin.goto(base + '/reports/break-glass');
  ok(!(await admin.textContent('main')).includes(reason), "... and sees the report's counts, not its reasons");
  await admin.screenshot({ path: join(shots, 'break_glass_admin.png'), fullPage: true });

});
