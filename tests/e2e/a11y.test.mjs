// Accessibility: axe-core (from npm, injected into the release build) finds no serious or
// critical violation on the example, on a 20-cluster plan, on Azure Local, and on the parts the
// second module draws with an import preview and a comparison open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { start, reach, VMWARE } from './harness.mjs';

const AXE = fileURLToPath(new URL('../../tools/node_modules/axe-core/axe.min.js', import.meta.url));

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

/** Violations of every impact, as "rule (impact): count" lines, and the serious ones in detail. */
async function audit(page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => (await window.axe.run(document, {
    resultTypes: ['violations'],
    // An experimental rule, off by default: a button's visible text must be part of its name.
    rules: { 'label-content-name-mismatch': { enabled: true } },
  })).violations
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5), count: v.nodes.length })));
  return violations;
}

function assertNoSerious(violations, what) {
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, [], `${what}: ${JSON.stringify(serious, null, 1)}`);
}

/** A plan of `n` clusters (the example's segment). */
async function bigPlan(page, n) {
  const plan = JSON.parse(await page.evaluate(() => localStorage.getItem('aksarc-netplan.plan')));
  const base = plan.clusters[0];
  plan.clusters = Array.from({ length: n }, (_, i) => ({ ...base, name: `c${i}`, control_plane_ip: undefined, lb_pools: [] }));
  return plan;
}

test('axe-core: no serious or critical violation', async () => {
  // axe is injected as a script, which the page's Content-Security-Policy forbids: this context
  // bypasses it (the page itself keeps it everywhere else).
  const context = await env.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = env.watch(await context.newPage());
  await page.goto(env.url);
  await page.waitForSelector('[data-total]');
  const example = await audit(page);
  assertNoSerious(example, 'the example');
  assert.deepEqual(example.filter((v) => v.id === 'region' || v.id === 'label-content-name-mismatch'), [], 'region and label mismatches');

  await page.setInputFiles('#import-file', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(await bigPlan(page, 20))) });
  await page.waitForFunction(() => document.querySelector('#f-clusters-19-name'));
  await page.click('#suggest');
  await page.waitForSelector('#suggested');
  assertNoSerious(await audit(page), '20 clusters after Suggest');

  await page.click('#new-plan');
  await page.click('#example');
  await page.waitForSelector('#app .retired');
  assertNoSerious(await audit(page), 'the VMware example under its note');

  await page.click('#new-plan');
  await page.click('#example-azure-local');
  await page.waitForSelector('[data-total="ip_pool_needed"]');
  assertNoSerious(await audit(page), 'Azure Local');

  // The second module's parts, with a preview of Azure CLI output and a comparison open.
  await reach(page);
  await page.click('#copy-link');
  const link = await page.inputValue('#share-link');
  await page.click('#add-cluster');
  await page.locator('#compare-link').fill(link);
  await page.click('#compare-go');
  await page.waitForSelector('#compare-result');
  await page.setInputFiles('#used-file', fileURLToPath(new URL('../data/azure/lnet-list.json', import.meta.url)));
  await page.waitForSelector('#used-preview');
  assertNoSerious(await audit(page), 'an Azure import preview and a comparison');
  await context.close();
});

test('on a phone the findings are one tap away', async () => {
  const page = await env.open('', { saved: VMWARE, contextOptions: { viewport: { width: 375, height: 800 }, isMobile: true } });
  await page.locator('#f-clusters-0-control_plane_ip').fill('10.20.0.150');
  await page.waitForSelector('[data-rule="cp-in-dhcp"]');
  const jump = page.locator('#jump-findings');
  assert.match(await jump.textContent(), /1 error/);
  const top = await jump.evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(top < 800, `the jump link is ${top} px down`);
  await jump.click();
  await page.waitForFunction(() => Math.abs(document.querySelector('#findings').getBoundingClientRect().top) < 200);
  await page.context().close();
});
