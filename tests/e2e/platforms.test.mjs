// Multi-rack and bare metal on the page: the picker offers all four platforms, each example opens
// with Microsoft's figures, the editor shows each platform's own fields, and switching platforms
// loses no field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, total, VMWARE } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const rules = (page) => page.$$eval('[data-rule]', (els) => els.map((e) => e.dataset.rule));
const named = (page, text) => page.waitForFunction((t) => document.querySelector('#f-name').value === t, text);
const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')));

test('the picker offers the four platforms, VMware retired and bare metal a preview', async () => {
  const page = await env.open();
  const options = await page.$$eval('#platform option', (els) => els.map((o) => [o.value, o.textContent]));
  assert.deepEqual(options.map(([v]) => v), ['azure-local', 'azure-local-multi-rack', 'aks-bare-metal', 'vmware']);
  assert.match(options.find(([v]) => v === 'vmware')[1], /retired/);
  assert.match(options.find(([v]) => v === 'aks-bare-metal')[1], /preview/);
  await page.click('#new-plan');
  const choices = await page.$$eval('#new-plan-for button[id^="new-"]', (els) => els.map((b) => b.id));
  assert.deepEqual(choices, ['new-azure-local', 'new-azure-local-multi-rack', 'new-aks-bare-metal', 'new-vmware']);
  await page.context().close();
});

test('VMware plans, files and links still open as VMware, under the note that it is retired', async () => {
  const note = /^Note: Microsoft retired AKS on VMware \(preview\) on 16 March 2026 and recommends AKS on Azure Local/;
  const isVmware = async (page, name) => {
    await named(page, name);
    assert.equal(await page.inputValue('#platform'), 'vmware');
    assert.equal(await page.textContent('#h-segments'), 'VMware segments');
    assert.match(await page.textContent('#app .retired'), note);
  };
  // A plan saved on an earlier visit.
  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await env.open('', { saved: VMWARE, context });
  await isVmware(page, 'Contoso lab');
  // The seed's figures: 8 node IPs from DHCP, 2 control plane and 3 load balancer IPs.
  assert.equal(await total(page, 'node_ips'), 8);
  assert.equal(await total(page, 'control_plane_ips'), 2);
  assert.equal(await total(page, 'lb_ips'), 3);
  await page.click('#copy-link');
  const link = await page.inputValue('#share-link');
  // A plan file written before plans named their platform.
  const old = { ...JSON.parse(VMWARE), name: 'Old file' };
  delete old.platform;
  await page.setInputFiles('#import-file', { name: 'old.plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(old)) });
  await isVmware(page, 'Old file');
  // Switching to Azure Local takes the note away; switching back brings it.
  await page.selectOption('#platform', 'azure-local');
  await page.waitForSelector('.retired', { state: 'detached' });
  await page.selectOption('#platform', 'vmware');
  await page.waitForSelector('#app .retired');
  await context.close();
  // A link in a browser that never saw the page.
  const fresh = await env.open(new URL(link).hash);
  await isVmware(fresh, 'Contoso lab');
  assert.match(await fresh.textContent('#notice'), /^Opened the plan from the share link\./);
  await fresh.context().close();
});

test("the multi-rack walk-through: 10 pool addresses, 13 in all, no control plane IP field", async () => {
  const page = await env.open();
  await page.click('#new-plan');
  await page.click('#example-multi-rack');
  await page.waitForFunction(() => document.querySelector('#f-name').value === 'Contoso on Azure Local multi-rack');
  assert.equal(await page.inputValue('#platform'), 'azure-local-multi-rack');
  assert.equal(await total(page, 'ip_pool_needed'), 10);
  assert.equal(await total(page, 'all_ips'), 13);
  assert.deepEqual(await rules(page), []);
  // The platform assigns every control plane IP: no field for one; the fabric network has one.
  assert.equal(await page.locator('#f-clusters-0-control_plane_ip').count(), 0);
  await page.locator('#f-segments-0-fabric_network').fill('/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedNetworkFabric/l3IsolationDomains/l3/internalNetworks/aks');
  // A /29 is too small.
  await page.locator('#f-segments-0-subnet').fill('10.220.32.0/29');
  await page.waitForSelector('[data-rule="subnet-too-small"]');
  await page.locator('#f-segments-0-subnet').fill('10.220.32.0/24');
  await page.waitForSelector('[data-rule="subnet-too-small"]', { state: 'detached' });
  assert.equal((await saved(page)).segments[0].fabric_network.endsWith('/internalNetworks/aks'), true);
  await page.context().close();
});

test('the bare metal example: machines, typed control plane IPs, no load balancer fields', async () => {
  const page = await env.open();
  await page.click('#new-plan');
  await page.click('#example-bare-metal');
  await page.waitForFunction(() => document.querySelector('#f-name').value === 'Contoso stores on bare metal');
  assert.equal(await total(page, 'node_ips'), 2);
  assert.equal(await total(page, 'control_plane_ips'), 1);
  assert.equal(await total(page, 'all_ips'), 3);
  assert.deepEqual(await rules(page), []);
  assert.equal(await page.locator('#f-clusters-0-lb_pools').count(), 0, 'no load balancer field');
  assert.equal(await page.locator('#f-clusters-0-host_ip').count(), 1);
  // A control plane IP in the DHCP scope is to be reserved; the machine's own address, left blank.
  await page.locator('#f-clusters-1-control_plane_ip').fill('192.168.10.150');
  await page.waitForSelector('[data-rule="cp-reserve"]');
  await page.locator('#f-clusters-1-control_plane_ip').fill('192.168.10.12');
  await page.waitForSelector('[data-rule="cp-is-host"]');
  await page.locator('#f-clusters-1-control_plane_ip').fill('');
  await page.waitForFunction(() => !document.querySelector('[data-rule]'));
  // Add cluster: a machine, no node pool.
  await page.click('#add-cluster');
  await page.waitForSelector('#f-clusters-2-host_ip');
  assert.deepEqual((await saved(page)).clusters[2].node_pools, []);
  await page.context().close();
});

test('switching through every platform keeps every field, and switching back clears the findings', async () => {
  const page = await env.open();
  await page.click('#new-plan');
  await page.click('#example-bare-metal');
  await page.waitForFunction(() => document.querySelector('#f-name').value === 'Contoso stores on bare metal');
  const before = await saved(page);
  for (const platform of ['azure-local-multi-rack', 'azure-local', 'vmware', 'aks-bare-metal']) {
    await page.selectOption('#platform', platform);
    await page.waitForFunction((p) => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).platform === p
      || (p === 'vmware' && JSON.parse(localStorage.getItem('aksarc-netplan.plan')).platform === undefined), platform);
    if (platform !== 'aks-bare-metal') {
      // The machine addresses are kept and named as not applicable, in the field that holds them.
      await page.waitForSelector('[data-rule="not-applicable"]');
      assert.equal(await page.inputValue('#f-clusters-0-host_ip'), '192.168.10.11');
    }
  }
  await page.waitForFunction(() => !document.querySelector('[data-rule]'));
  assert.deepEqual(await saved(page), before);
  await page.context().close();
});
