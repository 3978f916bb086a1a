// The three ways of opening the page: hosted, hosted then offline, and the downloaded single file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { start, dist, total, reach, VMWARE } from './harness.mjs';
import { serve } from '../../scripts/static-server.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const cpInDhcp = async (page) => {
  await page.locator('#f-clusters-0-control_plane_ip').fill('10.20.0.150');
  await page.waitForSelector('[data-rule="cp-in-dhcp"]');
};

test('hosted: after the first visit the page works offline and still computes', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  // The first load happened before the worker took control; the worker claims the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const manifest = await page.evaluate(() => document.querySelector('link[rel=manifest]').href);
  assert.match(manifest, /manifest\.webmanifest$/);
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-total]');
  assert.equal(await total(page, 'all_ips_recommended'), 19);
  await cpInDhcp(page);
  await page.context().close();
});

test('hosted: a new build replaces the cached one on the next visit', async () => {
  // A copy of dist/ on its own server, so the test can publish a "new build" into it.
  const dir = await mkdtemp(join(tmpdir(), 'aksarc-sw-'));
  await cp(dist, dir, { recursive: true });
  const srv = await serve(dir, 0);
  const context = await env.browser.newContext();
  const page = env.watch(await context.newPage());
  await page.goto(srv.url);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const before = await page.evaluate(() => caches.keys());
  assert.equal(before.length, 1);
  assert.match(before[0], /^aksarc-netplan-[0-9a-f]{16}$/);

  const swPath = join(dir, 'sw.js');
  const version = before[0].slice('aksarc-netplan-'.length);
  await writeFile(swPath, (await readFile(swPath, 'utf8')).replace(version, 'ffffffffffffffff'));
  await page.reload();
  await page.waitForFunction(async () => (await caches.keys()).join() === 'aksarc-netplan-ffffffffffffffff', null, { timeout: 10000 });
  await context.close();
  await new Promise((ok) => srv.server.close(ok));
  await rm(dir, { recursive: true });
});

/** The single file opened from file:// in a context with the network off; `blocked` collects
 *  every http(s) request the page still tried. */
async function openOfflineFile() {
  const context = await env.browser.newContext();
  await env.save(context, VMWARE);
  await context.setOffline(true);
  const blocked = [];
  await context.route(/^https?:/, (route) => { blocked.push(route.request().url()); return route.abort(); });
  const page = env.watch(await context.newPage());
  const file = pathToFileURL(join(dist, 'aksarc-netplan-offline.html')).href;
  await page.goto(file);
  await page.waitForSelector('[data-total]');
  return { context, page, file, blocked };
}

test('downloaded: the single file runs from file:// with the network blocked', async () => {
  const { context, page, file, blocked } = await openOfflineFile();
  assert.equal(await total(page, 'node_ips'), 8);
  await cpInDhcp(page);
  // It opens share links like the hosted page does.
  const link = execFileSync('cargo', ['run', '--quiet', '--', 'link', 'examples/spec-sample.json'], { encoding: 'utf8' }).trim();
  await page.goto(file + link);
  await page.waitForSelector('#notice');
  assert.equal(await page.inputValue('#f-clusters-0-name'), 'prod');
  assert.equal(await total(page, 'node_ips'), 6);
  assert.equal(await page.locator('#offline-download').count(), 0, 'no download link inside the downloaded file');
  assert.deepEqual(blocked, []);
  await context.close();
});

test('hosted under a sub-path: relative paths, the worker and links all work there', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'aksarc-subpath-'));
  await cp(dist, join(dir, 'tools', 'aks planner'), { recursive: true });
  const srv = await serve(dir, 0);
  const context = await env.browser.newContext();
  await env.save(context, VMWARE);
  const page = env.watch(await context.newPage());
  const base = `${srv.url}tools/aks%20planner/`;
  await page.goto(base);
  await page.waitForSelector('[data-total]');
  assert.equal(await total(page, 'node_ips'), 8);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, base);
  await page.locator('#f-name').fill('Sub-path plan');
  await page.click('#copy-link');
  const link = await page.inputValue('#share-link');
  assert.ok(link.startsWith(base + '#2'), link);
  await context.close();
  await new Promise((ok) => srv.server.close(ok));
  await rm(dir, { recursive: true });
});

test('plan text is shown as text, never run as HTML', async () => {
  const page = await env.open();
  const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  await page.locator('#f-name').fill(hostile);
  await page.locator('#f-clusters-0-name').fill(hostile);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('img').count(), 0);
  assert.match(await page.textContent('#f-clusters-0 legend'), /<img src=x/);
  await page.context().close();
});

test('share links made in the offline file point at the hosted page it came from', async () => {
  // Downloaded from the hosted page: the file knows the page's address.
  const page = await env.open();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#offline-download')]);
  assert.equal(download.suggestedFilename(), 'aksarc-netplan-offline.html');
  const dir = await mkdtemp(join(tmpdir(), 'aksarc-offline-'));
  const saved = join(dir, 'aksarc-netplan-offline.html');
  await download.saveAs(saved);
  await page.context().close();

  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const file = env.watch(await context.newPage());
  await file.goto(pathToFileURL(saved).href);
  await file.waitForSelector('[data-total]');
  await file.locator('#f-name').fill('Made offline');
  await file.click('#copy-link');
  const link = await file.inputValue('#share-link');
  assert.ok(link.startsWith(env.url + '#2'), link);
  // The hosted page opens it.
  const hosted = env.watch(await context.newPage());
  await hosted.goto(link);
  await hosted.waitForFunction(() => document.querySelector('#f-name')?.value === 'Made offline');

  // The file built without a home (copied from the build directly) gives the plan's part and says so.
  const bare = env.watch(await context.newPage());
  await bare.goto(pathToFileURL(join(dist, 'aksarc-netplan-offline.html')).href);
  await bare.waitForSelector('[data-total]');
  await bare.click('#copy-link');
  const part = await bare.inputValue('#share-link');
  assert.ok(part.startsWith('#2'), part);
  assert.match(await bare.textContent('#notice'), /does not know the planner's web address/);
  await context.close();
  await rm(dir, { recursive: true });
});

/** The second module's files: its glue, its wasm and its parts' stylesheet. */
const TOOLS = /(aksarc-netplan-tools-[0-9a-f]{16}(_bg\.wasm|\.js)|parts-[0-9a-f]{16}\.css)$/;
const isTools = (u) => TOOLS.test(u);
/** How many files of the second module the service worker keeps. */
const keptTools = (page) => page.evaluate(async (pattern) => {
  const cache = await caches.open((await caches.keys())[0]);
  return (await cache.keys()).filter((r) => new RegExp(pattern).test(r.url)).length;
}, TOOLS.source);
/** The parts are drawn with their own stylesheet: the map's colours, the checklist's tools and
 *  the exports' grid. */
async function assertPartsStyled(page) {
  const styles = await page.evaluate(() => ({
    lb: getComputedStyle(document.querySelector('#address-map .legend .mark-lb')).fill,
    subnet: getComputedStyle(document.querySelector('figure.strip .mark-subnet')).fill,
    tools: getComputedStyle(document.querySelector('.fw-tools')).display,
    exports: getComputedStyle(document.querySelector('ul.exports')).display,
  }));
  assert.deepEqual(styles, { lb: 'rgb(230, 126, 34)', subnet: 'rgb(236, 239, 243)', tools: 'flex', exports: 'grid' });
}

test('a first visit loads only the first module; the second comes on first use and stays for offline', async () => {
  const context = await env.browser.newContext();
  const page = env.watch(await context.newPage());
  const asked = [];
  page.on('request', (r) => asked.push(r.url()));
  await page.goto(env.url);
  await page.waitForSelector('[data-total]');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForTimeout(500);
  assert.deepEqual(asked.filter(isTools), [], 'nothing of the second module, nor its stylesheet, on a first visit');
  assert.equal(await keptTools(page), 0, 'nor does the worker fetch it then');
  assert.equal(await page.locator('#exports').count(), 0, 'the part below is not drawn yet');
  // Scrolling down to the checklist and the exports brings the module in.
  await reach(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-firewall-list')]);
  assert.match(await readFile(await download.path(), 'utf8'), /management\.azure\.com/);
  assert.equal(asked.filter(isTools).length, 3, 'its glue, its wasm and its stylesheet, once');
  await assertPartsStyled(page);
  // Offline from here: the worker kept the module it served, so every export still works.
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-total]');
  await reach(page);
  const [yaml] = await Promise.all([page.waitForEvent('download'), page.click('#export-metallb')]);
  assert.match(await readFile(await yaml.path(), 'utf8'), /kind: IPAddressPool/);
  await assertPartsStyled(page);
  await context.close();
});

test('a later visit fetches the second module for offline use, even when it was never used', async () => {
  const context = await env.browser.newContext();
  const page = env.watch(await context.newPage());
  await page.goto(env.url);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.reload();
  await page.waitForSelector('[data-total]');
  await page.waitForFunction(async (pattern) => {
    const cache = await caches.open((await caches.keys())[0]);
    return (await cache.keys()).filter((r) => new RegExp(pattern).test(r.url)).length === 3;
  }, TOOLS.source, { timeout: 10000 });
  assert.equal(await keptTools(page), 3);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-total]');
  await reach(page);
  await page.locator('#used-text').fill('10.20.0.60\n');
  await page.waitForSelector('#used-preview');
  await assertPartsStyled(page);
  await context.close();
});

test('the offline file makes exports and reads imports from file:// with the network blocked', async () => {
  const { context, page, blocked } = await openOfflineFile();
  await reach(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-firewall-csv')]);
  assert.match(await readFile(await download.path(), 'utf8'), /management\.azure\.com/);
  await page.locator('#used-text').fill('10.20.0.60\n10.20.0.61\n');
  await page.waitForSelector('#used-preview');
  assert.match(await page.textContent('#used-preview'), /10\.20\.0\.60-10\.20\.0\.61/);
  await assertPartsStyled(page);
  assert.deepEqual(blocked, []);
  await context.close();
});

test('when the second module cannot be fetched, the page says so and tries again when asked', async () => {
  // Not watched: the refused fetch is logged by the browser, which is the point of this test.
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  let refuse = true;
  // Its files and its stylesheet alike.
  await context.route(TOOLS, (route) => (refuse ? route.abort() : route.continue()));
  await page.goto(env.url);
  await page.waitForSelector('[data-total]');
  await page.locator('#below').scrollIntoViewIfNeeded();
  await page.waitForSelector('#below-retry');
  assert.match(await page.textContent('#below .waiting'),
    /Not loaded: the part of the page with the checklist, the exports and the import could not be loaded/);
  refuse = false;
  await page.click('#below-retry');
  await page.waitForSelector('#exports');
  assert.equal(await page.locator('#below .waiting').isVisible(), false, 'the placeholder goes');
  assert.equal(await page.locator('link[href^="./parts-"]').count(), 1, 'the stylesheet linked once');
  await assertPartsStyled(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-firewall-csv')]);
  assert.match(await readFile(await download.path(), 'utf8'), /management\.azure\.com/);
  await context.close();
});
