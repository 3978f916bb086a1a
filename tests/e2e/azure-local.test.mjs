// Azure Local on the page: convert a VMware plan and undo it, edit an IP pool until it runs out,
// switch platforms without losing fields, share an Azure Local plan by link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, total, VMWARE } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const rules = (page) => page.$$eval('[data-rule]', (els) => els.map((e) => e.dataset.rule));
const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')));

test('a VMware plan converts to Azure Local, keeps its addresses, and undo brings it back', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.click('#convert');
  await page.waitForFunction(() => document.querySelector('#h-segments').textContent === 'Logical networks');
  assert.equal(await page.inputValue('#platform'), 'azure-local');
  assert.equal(await page.inputValue('#f-segments-0-ip_pools'), '10.20.0.100-10.20.0.199');
  assert.equal(await page.locator('#f-segments-0-dhcp').count(), 0, 'no DHCP field left on the logical network');
  // The DHCP server still leases what is now the IP pool: the notice says to stop it.
  assert.match(await page.textContent('#notice'),
    /^Converted to Azure Local\. Segment aks-seg: 10\.20\.0\.100-10\.20\.0\.199 was a DHCP scope and is now an IP pool; stop the DHCP server leasing it \(remove the scope or exclude the range\) before Azure Local assigns those addresses\. The resource bridge's addresses became reserved entries/);
  // 14 pool addresses for 3+5+1 and 1+3+1 node VMs and upgrades; explicit control plane IPs.
  assert.equal(await total(page, 'ip_pool_needed'), 14);
  assert.deepEqual(await rules(page), []);
  const plan = await saved(page);
  assert.equal(plan.platform, 'azure-local');
  assert.deepEqual(plan.reserved.map((r) => r.addresses), ['10.20.0.10', '10.20.0.11-10.20.0.14', '10.20.0.5', '10.20.0.6-10.20.0.7']);
  await page.click('#undo');
  await page.waitForSelector('#convert');
  assert.equal(await page.inputValue('#f-segments-0-dhcp'), '10.20.0.100-10.20.0.199');
  assert.equal((await saved(page)).platform, undefined);
  await page.context().close();
});

test('an IP pool that runs short is reported, and the report goes when it is long enough', async () => {
  const page = await env.open();
  await page.click('#new-plan');
  await page.click('#example-azure-local');
  await page.waitForFunction(() => document.querySelector('#f-name').value === 'Contoso on Azure Local');
  assert.equal(await total(page, 'ip_pool_needed'), 16);
  assert.equal(await total(page, 'all_ips_recommended'), 19);
  assert.deepEqual(await rules(page), []);
  const pools = page.locator('#f-segments-0-ip_pools');
  await pools.fill('10.220.32.18-10.220.32.32');
  await page.waitForSelector('[data-rule="ip-pool-exhausted"]');
  assert.equal(await pools.getAttribute('aria-invalid'), 'true');
  await pools.fill('10.220.32.18-10.220.32.37');
  await page.waitForSelector('[data-rule="ip-pool-exhausted"]', { state: 'detached' });
  assert.deepEqual(await rules(page), []);
  // Switching to VMware keeps the pools, names them as not applicable, and switching back restores all.
  await page.selectOption('#platform', 'vmware');
  await page.waitForSelector('[data-rule="not-applicable"]');
  assert.equal(await page.inputValue('#f-segments-0-ip_pools'), '10.220.32.18-10.220.32.37');
  await page.selectOption('#platform', 'azure-local');
  await page.waitForFunction(() => !document.querySelector('[data-rule]'));
  await page.context().close();
});

test('an Azure Local plan travels in a share link', async () => {
  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await env.open('', { context });
  await page.click('#new-plan');
  await page.click('#example-azure-local');
  await page.waitForFunction(() => document.querySelector('#f-name').value === 'Contoso on Azure Local');
  await page.locator('#f-segments-0-vlan').fill('120');
  await page.click('#copy-link');
  const url = await page.inputValue('#share-link');
  const plan = await saved(page);
  await context.close();
  const fresh = await env.browser.newContext();
  const other = env.watch(await fresh.newPage());
  await other.goto(url);
  await other.waitForSelector('#notice');
  assert.equal(await other.inputValue('#platform'), 'azure-local');
  assert.equal(await other.inputValue('#f-segments-0-vlan'), '120');
  assert.deepEqual(await saved(other), plan);
  await fresh.close();
});

test('a plan with errors gets no deployment script: its buttons say why and show the findings', async () => {
  const page = await env.open();
  await page.click('#new-plan');
  await page.click('#example-azure-local');
  await page.waitForFunction(() => document.querySelector('#f-name').value === 'Contoso on Azure Local');
  await page.locator('#f-segments-0-vlan').fill('5000');
  await page.waitForSelector('[data-rule="invalid-count"]');
  await page.waitForFunction(() => document.querySelector('#export-az-lnet')?.textContent.includes('the plan has 1 error'));
  // Other exports stay: they help fix the plan.
  assert.match(await page.textContent('#export-metallb'), /^MetalLB YAML$/);
  let downloaded = false;
  page.on('download', () => { downloaded = true; });
  await page.click('#export-az-lnet');
  await page.waitForFunction(() => document.activeElement?.id === 'findings-summary');
  assert.equal(downloaded, false);
  // Fixed, the script is offered again.
  await page.locator('#f-segments-0-vlan').fill('120');
  await page.waitForFunction(() => document.querySelector('#export-az-lnet')?.textContent === 'Logical networks (az)');
  await page.context().close();
});
