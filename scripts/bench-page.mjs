// Page benchmarks: page weight, first render and edit-to-findings in headless Chromium against
// the release build in dist/. Prints a Markdown section; `scripts/bench` puts it in BENCHMARKS.md.
//   node scripts/bench-page.mjs PLAN100.json [FIGURES.json [MINIMAL_DIST]]
// MINIMAL_DIST: a minimal Yew page built the same way (benches/minimal-yew), measured alongside.
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '../tools/node_modules/playwright-core/index.mjs';
import { serve } from './static-server.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RUNS_FIRST_RENDER = 20;
const RUNS_FIRST_PAINT = 10;
const EDITS = 60;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (x, d = 1) => x.toFixed(d);
const kb = (n) => (n / 1000).toFixed(1);

// Each file's size raw, gzip as shipped (its precompressed FILE.gz when the build made one, which
// is what scripts/serve and hosts that send .gz files send), gzip -9 made on the fly (what a host
// that compresses as it sends gives at best) and brotli.
async function weight(dist) {
  const rows = [];
  for (const name of (await readdir(dist)).sort()) {
    const path = join(dist, name);
    if (name.endsWith('.gz') || !(await stat(path)).isFile()) continue;
    const body = await readFile(path);
    const gzip9 = gzipSync(body, { level: 9 }).length;
    rows.push({
      name,
      raw: body.length,
      gzip: await stat(`${path}.gz`).then((s) => s.size, () => gzip9),
      gzip9,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}

// What a first visit on a phone-sized screen requests, without scrolling or pressing anything,
// until the page and its service worker are ready and a second has passed: file names in dist/,
// as the server saw them (the worker's own fetches included).
async function firstVisit(browser, srv) {
  const from = srv.requests.length;
  const fromSent = srv.sent.length;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(srv.url);
  await page.waitForSelector('[data-total]');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForTimeout(1000);
  await context.close();
  const names = new Set(srv.requests.slice(from).map((u) => {
    const path = decodeURIComponent(new URL(u, 'http://x').pathname.slice(1));
    return path === '' ? 'index.html' : path;
  }));
  return { names, bytes: srv.sent.slice(fromSent).reduce((a, s) => a + s.bytes, 0) };
}

// Runs in the page before its own scripts: marks the moment the first totals cell exists.
function markFirstTotal() {
  new MutationObserver((_, mo) => {
    if (document.querySelector('[data-total]')) {
      performance.mark('first-total');
      mo.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
}

// First contentful paint (the static heading and intro of index.html), with JavaScript on and
// off: the page must show its content before, and without, the wasm.
async function firstPaint(browser, url, javaScriptEnabled) {
  const times = [];
  for (let i = 0; i < RUNS_FIRST_PAINT; i++) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(url);
    // Polled from here: with JavaScript off, the page cannot wait for anything itself.
    let t;
    for (let tries = 0; t === undefined && tries < 100; tries++) {
      t = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
      if (t === undefined) await page.waitForTimeout(50);
    }
    times.push(t);
    await context.close();
  }
  return times;
}

async function firstRender(browser, url) {
  const times = [];
  for (let i = 0; i < RUNS_FIRST_RENDER; i++) {
    const context = await browser.newContext();
    await context.addInitScript(markFirstTotal);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('[data-total]');
    // The first data-total in the DOM, timed from navigation start by the page's own clock.
    times.push(await page.evaluate(() => {
      const entry = performance.getEntriesByName('first-total')[0];
      return entry ? entry.startTime : NaN;
    }));
    await context.close();
  }
  return times;
}

// With `drawParts`, the visitor has first scrolled to the parts the second module draws, so every
// edit also hands them the plan (in the task after the page has drawn the findings).
async function editToFindings(browser, url, planJson, drawParts = false) {
  const context = await browser.newContext();
  await context.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('aksarc-netplan.plan', text);
      sessionStorage.setItem('seeded', '1');
    }
  }, planJson);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('#f-clusters-99-name');
  // (A build from before the second module drew parts has no #below; it draws everything.)
  if (drawParts && await page.locator('#below').count()) {
    await page.locator('#below').scrollIntoViewIfNeeded();
    await page.waitForSelector('#exports', { state: 'attached' });
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  const plan = JSON.parse(planJson);
  const cluster = plan.clusters[0];
  const segment = plan.segments.find((s) => s.name === cluster.segment);
  const insideDhcp = segment.dhcp[0].split('-')[0].trim();
  const result = await page.evaluate(async ({ edits, values }) => {
    const input = document.querySelector('#f-clusters-0-control_plane_ip');
    const findings = document.querySelector('#findings');
    const toFindings = [];
    const settled = [];
    for (let i = 0; i < edits; i++) {
      const t0 = performance.now();
      let tFindings = 0;
      const changed = new Promise((ok) => {
        const mo = new MutationObserver(() => { tFindings = performance.now(); mo.disconnect(); ok(); });
        mo.observe(findings, { subtree: true, childList: true, characterData: true });
      });
      input.value = values[i % 2];
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await changed;
      // Whatever else the render does finishes in the same task; a zero timeout runs after it.
      await new Promise((ok) => setTimeout(ok, 0));
      toFindings.push(tFindings - t0);
      settled.push(performance.now() - t0);
    }
    return { toFindings, settled };
  }, { edits: EDITS, values: [insideDhcp, cluster.control_plane_ip] });
  await context.close();
  return result;
}

const [planPath, figuresPath, minimalDist] = process.argv.slice(2);
// DIST: another build to measure the same way (e.g. an earlier commit's, for a before/after).
const dist = process.env.DIST ?? new URL('../dist/', import.meta.url).pathname;
const planJson = await readFile(planPath, 'utf8');
const srv = await serve(dist, 0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
const files = await weight(dist);
const visit = await firstVisit(browser, srv);
const asked = visit.names;
const fr = await firstRender(browser, srv.url);
const paintJs = await firstPaint(browser, srv.url, true);
const paintNoJs = await firstPaint(browser, srv.url, false);
const ed = await editToFindings(browser, srv.url, planJson);
const edParts = await editToFindings(browser, srv.url, planJson, true);
let minimal = null;
if (minimalDist) {
  const msrv = await serve(minimalDist, 0);
  minimal = { files: await weight(minimalDist), firstRender: await firstRender(browser, msrv.url) };
  msrv.server.close();
}
await browser.close();
srv.server.close();

// A first visit loads everything in dist/ except the single-file build (fetched only when someone
// downloads it), the PNG icons (fetched by the browser only on install) and the second module
// with its parts' stylesheet (fetched when the visitor nears the parts or asks for a link or a
// file, or by the service worker on a later visit). `firstVisit` checks that against what the
// browser requests.
const OFFLINE = 'aksarc-netplan-offline.html';
const isTools = (f) => f.name.startsWith('aksarc-netplan-tools-') || /^parts-[0-9a-f]+\.css$/.test(f.name);
const onDemand = (f) => f.name === OFFLINE || f.name.endsWith('.png') || isTools(f);
const loaded = files.filter((f) => !onDemand(f));
const sum = (fs) => fs.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip, gzip9: a.gzip9 + f.gzip9, brotli: a.brotli + f.brotli }),
  { raw: 0, gzip: 0, gzip9: 0, brotli: 0 });
const total = sum(loaded);
const measured = sum(files.filter((f) => asked.has(f.name)));
const unexpected = [...asked].filter((n) => !loaded.some((f) => f.name === n));
const missing = loaded.filter((f) => !asked.has(f.name)).map((f) => f.name);
// A file's name without its content hash (Trunk's hashes are not always 16 digits long).
const hashless = (name) => name.replace(/-[0-9a-f]{8,}(?=[_.])/, '-HASH');
const row = (f, label = hashless(f.name)) => `| ${label} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.gzip9)} | ${kb(f.brotli)} |`;
const out = [];
out.push('### Page weight (dist/, release build)', '');
out.push('| file | raw KB | gzip KB, as shipped | gzip -9 KB, on the fly | brotli KB |', '|---|---:|---:|---:|---:|');
for (const f of loaded) out.push(row(f));
out.push(`| **total loaded** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.gzip9)}** | **${kb(total.brotli)}** |`);
for (const f of files.filter(onDemand)) {
  const why = f.name === OFFLINE ? 'download only' : isTools(f) ? 'when its parts are near, or on first use' : 'install only';
  out.push(row(f, `${hashless(f.name)} (${why})`));
}
out.push('');
out.push(`"As shipped": each file's precompressed \`.gz\` (zopfli), which \`scripts/serve\` and hosts that send \`.gz\` files send; "on the fly": gzip -9 of the file, the best a host that compresses as it sends does.`, '');
out.push(`Measured in Chromium: a first visit on a phone-sized screen (390 × 844), without scrolling or pressing anything, requested ${asked.size} files of dist/, ${kb(measured.gzip)} KB as shipped; the server sent ${kb(visit.bytes)} KB in all (the service worker's precaching of the same files is answered by their tags, 304 without a body)${unexpected.length || missing.length ? ` (differs from the list above: requested ${JSON.stringify(unexpected)}, not requested ${JSON.stringify(missing)}; headless Chromium fetches the web manifest only when the page is installed)` : ', exactly the files of the list above'}.`, '');
out.push(`Budget: at most 180 KiB (184,320 bytes) gzip on a first visit (SPEC §11: under 200 KB; stretch 115 KB): as shipped **${total.gzip <= 184_320 ? 'met' : `missed by ${kb(total.gzip - 184_320)} KB`}**; gzip -9 on the fly **${total.gzip9 <= 184_320 ? 'met' : `missed by ${kb(total.gzip9 - 184_320)} KB`}**.`, '');
out.push('### First render', '');
out.push(`Navigation start to the first \`data-total\` cell in the DOM, fresh browser context each time (no cache), ${RUNS_FIRST_RENDER} runs: median **${fmt(median(fr))} ms** (min ${fmt(Math.min(...fr))}, max ${fmt(Math.max(...fr))}). Budget: under 300 ms: **${median(fr) < 300 ? 'met' : 'missed'}**.`, '');
out.push('### First paint, with and without JavaScript', '');
out.push(`First contentful paint (the heading, the platform notice and what the page is for, static in \`index.html\`), fresh browser context each time, ${RUNS_FIRST_PAINT} runs each: with JavaScript median **${fmt(median(paintJs))} ms** (min ${fmt(Math.min(...paintJs))}, max ${fmt(Math.max(...paintJs))}); with JavaScript turned off median **${fmt(median(paintNoJs))} ms** (min ${fmt(Math.min(...paintNoJs))}, max ${fmt(Math.max(...paintNoJs))}).`, '');
out.push('### Edit to updated findings, 100-cluster plan', '');
out.push(`A control plane IP typed alternately inside and outside DHCP (each edit adds or removes a \`cp-in-dhcp\` finding), ${EDITS} edits: input event to the findings list changed: median **${fmt(median(ed.toFindings), 2)} ms** (max ${fmt(Math.max(...ed.toFindings), 2)}); to the whole render settled: median **${fmt(median(ed.settled), 2)} ms** (max ${fmt(Math.max(...ed.settled), 2)}). Budget: under 16 ms: **${median(ed.toFindings) < 16 ? 'met' : 'missed'}**.`);
out.push('', `The same after scrolling once to the parts the second module draws (the import panel, the addresses assigned and the address map, the checklist and the exports), which then get every new plan in the task after the page has drawn it: to the findings list changed median **${fmt(median(edParts.toFindings), 2)} ms** (max ${fmt(Math.max(...edParts.toFindings), 2)}); to the whole render settled, the parts included, median **${fmt(median(edParts.settled), 2)} ms** (max ${fmt(Math.max(...edParts.settled), 2)}).`);
if (minimal) {
  const wasmOf = (fs) => sum(fs.filter((f) => f.name.endsWith('.wasm')));
  const m = sum(minimal.files);
  const mf = minimal.firstRender;
  out.push('', '### Side by side: a minimal Yew page built the same way', '');
  out.push('`benches/minimal-yew`: one component, one state, one button, one `data-total` cell; the same toolchain, flags and `wasm-opt`, served and timed the same way in the same run.', '');
  out.push('| | wasm, gzip -9 KB | everything loaded, gzip -9 KB | first render median (ms) |', '|---|---:|---:|---:|');
  out.push(`| minimal Yew page | ${kb(wasmOf(minimal.files).gzip9)} | ${kb(m.gzip9)} | ${fmt(median(mf))} |`);
  out.push(`| this page (first visit) | ${kb(wasmOf(loaded).gzip9)} | ${kb(total.gzip9)} | ${fmt(median(fr))} |`);
}
console.log(out.join('\n'));
if (figuresPath) {
  await writeFile(figuresPath, JSON.stringify({
    weight: total, firstRender: median(fr), firstPaint: median(paintJs), firstPaintNoJs: median(paintNoJs), editToFindings: median(ed.toFindings), editSettled: median(ed.settled), editWithParts: median(edParts.toFindings), editWithPartsSettled: median(edParts.settled),
  }));
}
