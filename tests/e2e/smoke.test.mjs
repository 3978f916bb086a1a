import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { start, total, shots, dist } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test("a first visit opens Microsoft's Azure Local example, never under the retired platform's note", async () => {
  const context = await env.browser.newContext();
  // Whether the note of a retired platform is ever on the page, from the first paint on.
  await context.addInitScript(() => {
    window.retiredSeen = false;
    new MutationObserver(() => { window.retiredSeen ||= !!document.querySelector('.retired'); })
      .observe(document, { childList: true, subtree: true });
  });
  const page = await env.open('', { context });
  assert.equal(await page.evaluate(() => window.retiredSeen || !!document.querySelector('.retired')), false);
  assert.equal(await page.inputValue('#platform'), 'azure-local');
  assert.equal(await page.inputValue('#f-name'), 'Contoso on Azure Local');
  assert.equal(await page.textContent('#h-segments'), 'Logical networks');
  assert.equal(await page.inputValue('#f-segments-0-ip_pools'), '10.220.32.18-10.220.32.37');
  // Microsoft's figures (README): 8 + 4 node VMs and 2 upgrade nodes, 2 automatic control
  // plane IPs, 3 load balancer IPs; a pool of 16, 19 in all; it passes.
  assert.equal(await total(page, 'node_ips'), 14);
  assert.equal(await total(page, 'control_plane_ips'), 2);
  assert.equal(await total(page, 'lb_ips'), 3);
  assert.equal(await total(page, 'ip_pool_needed'), 16);
  assert.equal(await total(page, 'all_ips'), 19);
  assert.equal(await page.$('[data-rule]'), null);
  // Nothing replaced: no notice, nothing to undo; the autosave holds it as a plan of its own.
  assert.equal(await page.$('#notice'), null);
  assert.equal(await page.isDisabled('#undo'), true);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')));
  assert.equal(saved.platform, 'azure-local');
  await page.screenshot({ path: join(shots, 'first-visit.png') });
  await context.close();
  assert.deepEqual(env.errors, []);
  for (const url of env.requests) {
    assert.ok(url.startsWith(env.url) || url.startsWith('data:'), `request left the page: ${url}`);
  }
});

test('without JavaScript the page already says what it is and what it does', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = env.watch(await context.newPage());
  await page.goto(env.url);
  assert.equal(await page.textContent('h1'), 'AKS Arc Network Planner');
  assert.match(await page.textContent('.tagline'), /on Azure Local, multi-rack, bare metal and VMware/);
  // The note of the retired platform goes with its plans, not over every page.
  assert.equal(await page.$('.retired'), null);
  const points = await page.$$eval('.intro li', (els) => els.map((e) => e.textContent));
  assert.equal(points.length, 4);
  assert.match(await page.textContent('.intro'), /Turn JavaScript on to use it/);
  // A screenful of it on a phone.
  const bottom = await page.$eval('.intro', (e) => e.getBoundingClientRect().bottom);
  assert.ok(bottom > 500, `the static content ends at ${bottom} px`);
  await page.screenshot({ path: join(shots, 'no-javascript.png') });
  await context.close();
});

test('the app replaces the static intro and keeps the one heading', async () => {
  const page = await env.open();
  assert.equal(await page.$$eval('h1', (els) => els.length), 1);
  assert.equal(await page.$('.intro'), null);
  // The wasm starts after the first frame, so the static heading paints first.
  const starter = await page.$eval('script[type=module]', (e) => e.textContent);
  assert.match(starter, /requestAnimationFrame/);
  await page.context().close();
});

test('every precompressed file is its file, gzipped, and the server sends it', async () => {
  const names = await readdir(dist);
  const packed = names.filter((n) => n.endsWith('.gz'));
  // The build makes them when zopfli is installed (scripts/setup installs it).
  if (packed.length === 0) return;
  for (const gz of packed) {
    const file = gz.slice(0, -3);
    assert.ok(names.includes(file), `${gz} without ${file}`);
    assert.deepEqual(gunzipSync(await readFile(join(dist, gz))), await readFile(join(dist, file)), `${gz} is not ${file}`);
  }
  // The bytes the server sends for the module are the precompressed file's.
  const wasm = names.find((n) => /^aksarc-netplan-[0-9a-f]+_bg\.wasm$/.test(n));
  const sent = await new Promise((ok, fail) => get(env.url + wasm, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
    const parts = [];
    res.on('data', (d) => parts.push(d));
    res.on('end', () => ok({ encoding: res.headers['content-encoding'], body: Buffer.concat(parts) }));
  }).on('error', fail));
  assert.equal(sent.encoding, 'gzip');
  assert.deepEqual(sent.body, await readFile(join(dist, `${wasm}.gz`)));
});

test('both modules import their JavaScript under short names the glue defines', async () => {
  const names = await readdir(dist);
  for (const wasmName of names.filter((n) => /^aksarc-netplan-(tools-)?[0-9a-f]+_bg\.wasm$/.test(n))) {
    const glue = await readFile(join(dist, wasmName.replace('_bg.wasm', '.js')), 'utf8');
    const imports = WebAssembly.Module.imports(await WebAssembly.compile(await readFile(join(dist, wasmName))));
    assert.ok(imports.length > 50, `${wasmName}: ${imports.length} imports`);
    for (const { name } of imports) {
      assert.ok(!name.startsWith('__wb') && name.length <= 4, `${wasmName} imports ${name}`);
      assert.match(glue, new RegExp(`[{,]${name}:`), `${wasmName} imports ${name}, which its glue does not define`);
    }
  }
});

test('a first visit that stays at the top fetches no part of the second module', async () => {
  // The toolbar's Recent plans slot and Suggest's slot are at the top: being near them is no
  // reason to fetch the second module, only opening them is.
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = env.watch(await context.newPage());
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto(env.url);
  await page.waitForSelector('[data-total]');
  await page.waitForTimeout(1500);
  assert.deepEqual(asked.filter((p) => /aksarc-netplan-tools-|\/parts-/.test(p)), [], JSON.stringify(asked));
  await page.click('#recent');
  await page.waitForSelector('#recent-plans');
  assert.ok(asked.some((p) => /aksarc-netplan-tools-.*\.wasm$/.test(p)), 'opening Recent plans fetches the second module');
  await context.close();
});
