import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, total, shots } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test('the release build shows the worked example and stays on 127.0.0.1', async () => {
  const page = await env.open();
  assert.equal(await total(page, 'node_ips'), 8);
  assert.equal(await total(page, 'control_plane_ips'), 2);
  assert.equal(await total(page, 'lb_ips'), 3);
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
  assert.match(await page.textContent('.retired'), /retired AKS on VMware \(preview\) on 16 March 2026/);
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
