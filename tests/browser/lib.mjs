// lib.mjs - what every browser walk shares: TAP output, Debian's Chromium
// through playwright-core with the flags a closed network needs, pages that
// collect console errors, logging in as a demo user, and axe-core's WCAG
// check of the page in view.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function tap() {
  let n = 0, failed = 0;
  const ok = (cond, name, extra) => {
    n++;
    if (!cond) failed++;
    console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
    if (!cond && extra) console.log(`# ${String(extra).replace(/\n/g, '\n# ')}`);
  };
  const done = () => {
    console.log(`1..${n}`);
    process.exit(failed ? 1 : 0);
  };
  return { ok, done };
}

// playwright-core gives every launch a fresh, empty profile directory.
export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

// A page whose console errors land in problems (a refused form answers 422,
// a refused login 401 and a refusal 403 by design; every other console error
// counts).
export async function newPage(browser, problems, locale, width = 1280) {
  const ctx = await browser.newContext({ locale, viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|422|403)/.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return page;
}

export async function login(page, user) {
  await page.fill('#username', user);
  await page.fill('#password', 'majakka-demo');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit].primary')]);
}

// axe-core's violations of the page in view (WCAG 2.1 A and AA), as text.
// Evaluated through the debugging protocol, which the page's Content
// Security Policy (script-src 'self') rightly does not let a script tag do.
export async function axe(page) {
  await page.evaluate(axeSource);
  const v = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
  return v;
}

// Does the page scroll sideways at its viewport width?
export async function overflows(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

// Run a walk: argv gives the server's base URL and the screenshot folder.
// body({ ok, base, shots, page, asUser }) drives the browser; page(locale,
// width) opens a page, asUser(user, locale, width) one logged in.  The walk
// ends with the check that no page logged a console error, and TAP's plan.
export async function walk(body) {
  const base = process.argv[2];
  const shots = process.argv[3] || 'build/screens';
  mkdirSync(shots, { recursive: true });
  const { ok, done } = tap();
  const browser = await launch();
  const problems = [];
  const page = (locale = 'fi-FI', width = 1280) => newPage(browser, problems, locale, width);
  const asUser = async (user, locale = 'fi-FI', width = 1280) => {
    const p = await page(locale, width);
    await p.goto(base + '/login');
    await login(p, user);
    return p;
  };
  try {
    await body({ ok, base, shots, page, asUser });
    ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    ok(false, 'the walk finished', e.stack);
  } finally {
    await browser.close();
  }
  done();
}

// axe-core's violations of every rule it has (best practices such as
// region and heading-order too), of any impact, as text.
export async function axeAll(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document);
    return r.violations.map((x) => `${x.id} (${x.impact}): ${x.help} (${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
}
