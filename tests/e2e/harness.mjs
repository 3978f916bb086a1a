// Shared set-up for the end-to-end tests: each test file starts its own static server on a free
// port of 127.0.0.1 over dist/ (the release build) and its own headless Chromium, and stops both.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from '../../tools/node_modules/playwright-core/index.mjs';
import { serve } from '../../scripts/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = join(root, 'dist');
/** The VMware worked example (examples/contoso.json), for tests about VMware figures: a first
 *  visit opens Azure Local's example, so they open it as a returning visitor's saved plan,
 *  `env.open('', { saved: VMWARE })`. */
export const VMWARE = readFileSync(join(root, 'examples', 'contoso.json'), 'utf8');
/** Screenshots land here (ignored by git) so a person can look at them. */
export const shots = join(root, 'target', 'screenshots');

// The flags that work on these machines (root, no network but the registries).
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts the server and the browser. Every page opened through `open` records its console
 *  errors and every request it makes, so tests can assert none leaves 127.0.0.1. */
export async function start() {
  const srv = await serve(dist, 0);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  const errors = [];
  const requests = [];
  mkdirSync(shots, { recursive: true });
  /** Records console errors and requests of a page opened outside `open`. */
  function watch(page) {
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    return page;
  }
  /** Opens the page in a new context (or `options.context`). `options.saved`: a plan file the
   *  page finds as its autosave, as on a return visit (a first visit has none). */
  async function open(path = '', options = {}) {
    const context = options.context ?? (await browser.newContext(options.contextOptions ?? {}));
    if (options.saved) await save(context, options.saved);
    const page = watch(await context.newPage());
    await page.goto(srv.url + path);
    await page.waitForSelector('[data-total]');
    if (!options.stay) await reach(page);
    return page;
  }
  // Only where the context has no plan saved yet: a reload or another tab finds the page's own.
  async function save(context, text) {
    await context.addInitScript((plan) => {
      try {
        if (localStorage.getItem('aksarc-netplan.plan') === null) localStorage.setItem('aksarc-netplan.plan', plan);
      } catch { /* a page without storage (about:blank) */ }
    }, text);
  }
  // Every file's run ends with the privacy check: nothing logged an error (CSP violations are
  // console errors) and no request left 127.0.0.1.
  async function stop() {
    await browser.close();
    await new Promise((ok) => srv.server.close(ok));
    const foreign = requests.filter((u) => !(/^http:\/\/127\.0\.0\.1:\d+\//.test(u) || /^(data|blob|file):/.test(u)));
    if (errors.length || foreign.length) {
      throw new Error(`console errors: ${JSON.stringify(errors)}; requests off the page: ${JSON.stringify(foreign)}`);
    }
  }
  return { url: srv.url, browser, open, watch, save, stop, errors, requests };
}

/** Brings in the parts the second module draws (the import panel, the address map, the
 *  checklist and the exports) once the visitor nears one: scrolls to the last, waits for all,
 *  and scrolls back up. */
export async function reach(page) {
  await page.locator('#below').scrollIntoViewIfNeeded();
  for (const part of ['#exports', '#used-import', '#address-map']) await page.waitForSelector(part, { state: 'attached' });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** The number shown in a totals cell. */
export async function total(page, key) {
  return Number(await page.textContent(`[data-total="${key}"]`));
}
