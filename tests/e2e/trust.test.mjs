// A plan is never lost or silently changed: undo after everything that replaces or removes
// work, Recent plans across reloads and tabs, and pages that stay usable with big plans.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, shots, VMWARE } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')));
const name = (page) => page.inputValue('#f-name');
const named = (page, text) => page.waitForFunction((t) => document.querySelector('#f-name').value === t, text);

/** Undo from the notice, which has the keyboard focus after the action. */
async function undoFromNotice(page) {
  await page.waitForSelector('#notice-undo');
  await page.click('#notice-undo');
}

test('every way of replacing or removing work can be undone and redone', async () => {
  const page = await env.open();
  await page.locator('#f-name').fill('Mine');
  await page.waitForFunction(() => !document.querySelector('#undo').disabled);

  // The Azure Local example.
  await page.click('#new-plan');
  await page.click('#example-azure-local');
  await named(page, 'Contoso on Azure Local');
  await undoFromNotice(page);
  await named(page, 'Mine');
  await page.click('#redo');
  await named(page, 'Contoso on Azure Local');
  await page.click('#undo');
  await named(page, 'Mine');

  // New plan.
  await page.click('#new-plan');
  await page.click('#new-azure-local');
  await named(page, 'New plan');
  await undoFromNotice(page);
  await named(page, 'Mine');

  // Import.
  await page.setInputFiles('#import-file', { name: 'other.plan.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...(await saved(page)), name: 'Imported' })) });
  await named(page, 'Imported');
  await undoFromNotice(page);
  await named(page, 'Mine');

  // Removing a cluster: the Undo of the notice has the focus, so Enter brings it back.
  await page.getByRole('button', { name: 'Remove cluster cluster-a' }).click();
  await page.waitForSelector('#notice-undo');
  assert.match(await page.textContent('#notice'), /Removed cluster cluster-a/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'notice-undo');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#f-clusters-1-name');
  assert.equal(await page.inputValue('#f-clusters-0-name'), 'cluster-a');

  // A share link opened in this tab.
  await page.click('#copy-link');
  const link = await page.inputValue('#share-link');
  await page.locator('#f-name').fill('Changed since');
  await page.evaluate((h) => { location.hash = h; }, new URL(link).hash);
  await named(page, 'Mine');
  assert.match(await page.textContent('#notice'), /Opened the plan from the share link/);
  await undoFromNotice(page);
  await named(page, 'Changed since');
  await page.context().close();
});

test('typing is one undo step per field, and Undo says what it took back', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.locator('#f-name').press('End');
  await page.locator('#f-name').pressSequentially('xyz');
  await page.locator('#f-clusters-0-services').fill('5');
  await page.click('#undo');
  await page.waitForFunction(() => document.querySelector('#f-clusters-0-services').value === '3');
  assert.match(await page.textContent('#notice'), /Undid an edit of a number/);
  assert.equal(await name(page), 'Contoso labxyz');
  await page.click('#undo');
  await named(page, 'Contoso lab');
  await page.context().close();
});

test('recent plans survive a reload, and each tab keeps its own plan', async () => {
  const context = await env.browser.newContext();
  const one = env.watch(await context.newPage());
  await one.goto(env.url);
  await one.waitForSelector('[data-total]');
  await one.locator('#f-name').fill('Tab one');
  await one.click('#new-plan');
  await one.click('#example');
  await named(one, 'Contoso lab');
  await one.locator('#f-name').fill('Tab one again');

  const two = env.watch(await context.newPage());
  await two.goto(env.url);
  await two.waitForSelector('[data-total]');
  // A new tab starts from the newest plan, then goes its own way.
  await named(two, 'Tab one again');
  await two.locator('#f-name').fill('Tab two');
  await two.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).name === 'Tab two');

  // Tab one reloads: its own plan, not the other tab's newer one.
  await one.reload();
  await one.waitForSelector('[data-total]');
  assert.equal(await name(one), 'Tab one again');

  // Recent plans lists both tabs' plans and the one the example replaced, with date and size.
  await one.click('#recent');
  // The list is drawn by the second module, fetched when the list is first opened.
  await one.waitForSelector('#recent-plans li');
  const items = await one.$$eval('#recent-plans li', (els) => els.map((e) => e.textContent));
  for (const want of ['Tab one again', 'Tab two', 'Tab one']) {
    assert.ok(items.some((t) => t.startsWith(want)), `${want} in ${JSON.stringify(items)}`);
  }
  assert.ok(items.every((t) => /\d{4}-\d\d-\d\d \d\d:\d\d · \d+ clusters? · \d+\.\d KB/.test(t)), JSON.stringify(items));
  await one.getByRole('button', { name: 'Tab one', exact: true }).click();
  await named(one, 'Tab one');
  await context.close();
});

test('Recent plans lists a plan once', async () => {
  const page = await env.open();
  await page.locator('#f-name').fill('Kept once');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).name === 'Kept once');
  // A new plan replaces it (kept as an entry of its own); Undo brings it back as this tab's plan:
  // two entries hold the same plan now.
  await page.click('#new-plan');
  await page.click('#new-azure-local');
  await page.click('#notice-undo');
  await named(page, 'Kept once');
  await page.click('#recent');
  await page.waitForSelector('#recent-plans li');
  const items = await page.$$eval('#recent-plans li button', (els) => els.map((e) => e.textContent));
  assert.deepEqual(items.filter((t) => t === 'Kept once'), ['Kept once'], JSON.stringify(items));
  assert.equal(await page.getAttribute('#recent', 'aria-expanded'), 'true');
  await page.click('#recent');
  await page.waitForSelector('#recent-plans', { state: 'detached' });
  assert.equal(await page.getAttribute('#recent', 'aria-expanded'), 'false');
  await page.context().close();
});

/** A plan of `n` clusters without control plane IPs or load balancer pools. */
function bigPlan(n) {
  const plan = {
    schema: 1, name: `Big ${n}`, proxy: false, region: 'eastus', firewall_confirmed: [], reserved: [],
    segments: [{ name: 'seg', subnet: '10.30.0.0/22', gateway: '10.30.0.1', dns: ['10.30.0.2'], dhcp: ['10.30.2.0-10.30.3.200'], dhcp_in_use: 0 }],
    clusters: [], resource_bridge: { control_plane_ip: '10.30.0.5', appliance_vm_ips: '10.30.0.6-10.30.0.7' },
  };
  for (let i = 0; i < n; i++) {
    plan.clusters.push({ name: `c${i}`, segment: 'seg', control_plane_nodes: 1, node_pools: [{ name: 'p', nodes: 2 }], services: 2, lb_pools: [] });
  }
  return plan;
}

test('after Suggest on 20 clusters the toolbar stays small and the result is one dismissible line', async () => {
  for (const [width, height] of [[1280, 800], [820, 1180], [390, 844]]) {
    const page = await env.open('', { contextOptions: { viewport: { width, height } } });
    await page.setInputFiles('#import-file', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bigPlan(20))) });
    await named(page, 'Big 20');
    await page.click('#suggest');
    await page.waitForSelector('#suggested');
    const sticky = await page.$eval('.toolbar-wrap', (e) => e.getBoundingClientRect().height);
    assert.ok(sticky <= height / 4, `sticky part ${sticky} px at ${width}x${height}`);
    assert.match(await page.textContent('#suggested summary'), /^Filled 20 control plane IPs and 20 load balancer ranges: show$/);
    const result = await page.$eval('#suggested', (e) => e.getBoundingClientRect().height);
    assert.ok(result < 80, `Suggest's result is ${result} px tall`);
    if (width === 1280) await page.screenshot({ path: join(shots, 'suggest-20.png') });
    await page.getByRole('button', { name: "Dismiss Suggest's result" }).click();
    await page.waitForSelector('#suggested', { state: 'detached' });
    await page.context().close();
  }
});

test('a field reached by the keyboard is never hidden under the sticky toolbar', async () => {
  const page = await env.open('', { contextOptions: { viewport: { width: 1280, height: 700 } } });
  await page.setInputFiles('#import-file', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bigPlan(8))) });
  await named(page, 'Big 8');
  // Scroll so a cluster's fields sit under the toolbar, then Tab into them from the one before.
  await page.focus('#f-clusters-3-name');
  await page.evaluate(() => window.scrollTo(0, document.querySelector('#f-clusters-3-services').getBoundingClientRect().top + window.scrollY - 20));
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const { top, bar, id } = await page.evaluate(() => ({
      top: document.activeElement.getBoundingClientRect().top,
      bar: document.querySelector('.toolbar-wrap').getBoundingClientRect().bottom,
      id: document.activeElement.id,
    }));
    assert.ok(top >= bar, `${id} at ${top} px is under the toolbar (bottom ${bar} px)`);
  }
  await page.context().close();
});

test('duplicating a cluster copies its pools and leaves addresses for Suggest; moving keeps the focus on it', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.getByRole('button', { name: 'Duplicate cluster cluster-a' }).click();
  await page.waitForSelector('#f-clusters-2-name');
  assert.equal(await page.inputValue('#f-clusters-1-name'), 'cluster-a-copy');
  const plan = await saved(page);
  assert.deepEqual(plan.clusters[1].node_pools, plan.clusters[0].node_pools);
  assert.equal(plan.clusters[1].control_plane_ip, undefined);
  await page.waitForSelector('[data-rule="cp-missing"]');
  // A new node pool starts at the size of the cluster's last pool (2 here), not 1.
  await page.click('#f-clusters-1-node_pools');
  await page.waitForSelector('#f-clusters-1-node_pools-2-nodes');
  assert.equal(await page.inputValue('#f-clusters-1-node_pools-2-nodes'), '2');
  // Move down: the focus follows the cluster.
  await page.click('#move-down-1');
  await page.waitForFunction(() => document.querySelector('#f-clusters-2-name').value === 'cluster-a-copy');
  // The focus moves once the page has drawn the move (a task later, on a busy machine later still).
  await page.waitForFunction(() => document.activeElement.id === 'move-up-2', null, { timeout: 2000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.id), 'move-up-2');
  await page.context().close();
});

test('a small link that expands to thousands of copies opens and the page stays responsive', async () => {
  const page = await env.open();
  const plan = await saved(page);
  plan.clusters[0].lb_pools = Array(3000).fill('10.20.0.40-10.20.0.49');
  await page.setInputFiles('#import-file', { name: 'copies.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)) });
  await page.waitForSelector('[data-rule="lb-overlap"]');
  await page.click('#copy-link');
  const link = await page.inputValue('#share-link');
  assert.ok(link.length < 2000, `${link.length} characters`);
  await page.context().close();

  const other = await env.open();
  await other.goto(link);
  await other.waitForSelector('[data-rule="lb-overlap"]');
  const listed = await other.$$eval('[data-rule="lb-overlap"]', (els) => els.length);
  assert.ok(listed <= 101, `${listed} lb-overlap findings listed`);
  assert.match(await other.textContent('#findings'), /4498400 more lb-overlap findings are not listed/);
  assert.match(await other.textContent('#findings .summary'), /^4498\d{3} error/);
  // Still answers: typing shows at once.
  await other.locator('#f-name').fill('Still here');
  assert.equal(await name(other), 'Still here');
  await other.context().close();
});

test('a 10,000-character name wraps; the page never scrolls sideways', async () => {
  for (const width of [1280, 390]) {
    const page = await env.open('', { saved: VMWARE, contextOptions: { viewport: { width, height: 800 } } });
    const long = 'n'.repeat(10000);
    for (const field of ['#f-name', '#f-segments-0-name', '#f-clusters-0-name', '#f-clusters-0-node_pools-0-name', '#f-reserved-0-name']) {
      await page.locator(field).fill(long);
    }
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).reserved[0].name.length === 10000);
    await page.waitForTimeout(100);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, `the page is ${wide} px wide at ${width}`);
    await page.context().close();
  }
});

test('a link opened in a fresh browser offers no Undo, as there is nothing to go back to', async () => {
  const page = await env.open();
  await page.click('#copy-link');
  const link = await page.inputValue('#share-link');
  await page.context().close();
  const fresh = await env.open(new URL(link).hash);
  await fresh.waitForSelector('#notice');
  assert.match(await fresh.textContent('#notice'), /^Opened the plan from the share link\./);
  assert.equal(await fresh.$('#notice-undo'), null);
  assert.equal(await fresh.isDisabled('#undo'), true);
  await fresh.context().close();
});

test("a notice's Undo goes with the change it speaks of, and the keyboard keeps its place", async () => {
  const page = await env.open('', { saved: VMWARE });
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  // Undo that empties the history disables itself: the keyboard goes to Redo.
  await page.locator('#f-name').fill('Renamed');
  await page.waitForSelector('#undo:not([disabled])');
  await page.focus('#undo');
  await page.keyboard.press('Enter');
  await named(page, 'Contoso lab');
  await page.waitForFunction(() => document.activeElement?.id === 'redo');
  await page.keyboard.press('Enter');
  await named(page, 'Renamed');
  await page.waitForFunction(() => document.activeElement?.id === 'undo');
  // Add cluster takes the keyboard to the new cluster's name.
  await page.focus('#add-cluster');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#f-clusters-2-name');
  await page.waitForFunction(() => document.activeElement?.id === 'f-clusters-2-name');
  assert.equal(await focused(), 'f-clusters-2-name');
  // "New plan ... Undo brings it back" goes once the plan is changed further: its Undo would
  // take back the change, not the new plan.
  await page.click('#new-plan');
  await page.click('#new-azure-local');
  await page.waitForSelector('#notice-undo');
  await page.locator('#f-name').fill('Something else');
  await page.waitForSelector('#notice-undo', { state: 'detached' });
  await page.context().close();
});

test('without a clipboard, Copy link and Copy all say nothing was copied and select the text to copy by hand', async () => {
  const context = await env.browser.newContext();
  // A browser that gives the page no clipboard (a page over plain http on an intranet).
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  const page = env.watch(await context.newPage());
  await page.goto(env.url);
  await page.waitForSelector('[data-total]');
  await page.click('#copy-link');
  await page.waitForFunction(() => /Nothing was copied/.test(document.querySelector('#notice')?.textContent ?? ''));
  assert.match(await page.textContent('#notice'), /no clipboard here.*selected below/);
  await page.waitForFunction(() => document.activeElement?.id === 'share-link');
  const selected = await page.evaluate(() => {
    const input = document.querySelector('#share-link');
    return [input.selectionStart, input.selectionEnd, input.value.length, input.value.includes('#2')];
  });
  assert.deepEqual(selected, [0, selected[2], selected[2], true]);

  await page.locator('#below').scrollIntoViewIfNeeded();
  await page.waitForSelector('#fw-copy');
  await page.click('#fw-copy');
  await page.waitForSelector('#fw-copy-text');
  assert.match(await page.textContent('#notice'), /Nothing was copied: .*rows are selected in the box/);
  const box = await page.evaluate(() => {
    const area = document.querySelector('#fw-copy-text');
    return [document.activeElement === area, area.selectionEnd === area.value.length, area.value.includes('mcr.microsoft.com')];
  });
  assert.deepEqual(box, [true, true, true]);
  await context.close();
});
