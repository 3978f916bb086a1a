// The firewall checklist on the page: rows, ticks that persist and travel, filter, copy all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, reach, VMWARE } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test('the checklist shows the 29 AKS rows and the resource bridge section', async () => {
  const page = await env.open('', { saved: VMWARE });
  assert.equal(await page.locator('[data-section="aks"] tbody tr').count(), 29);
  // 27 outbound rows of the resource bridge allowlist and 5 rows of ports between its machines.
  assert.equal(await page.locator('[data-section="bridge"] tbody tr').count(), 32);
  const http = page.locator('[data-section="aks"] tr[data-key="ctldl.windowsupdate.com"] td.port');
  assert.equal((await http.textContent()).trim(), 'HTTP 80');
  const replaced = page.locator('tr[data-key="k8connecthelm.download.prss.microsoft.com"]');
  assert.match(await replaced.textContent(), /k8connecthelm\.azureedge\.net/);
  const wildcard = page.locator('tr[data-key=".dp.prod.appliances.azure.com"]');
  assert.match(await wildcard.textContent(), /every subdomain of dp\.prod\.appliances\.azure\.com.*\*\.dp\.prod\.appliances\.azure\.com/);
  // The resource bridge's ports carry the plan's addresses.
  assert.match(await page.textContent('[data-section="bridge"]'), /appliance VMs 10\.20\.0\.6-10\.20\.0\.7/);
  await page.context().close();
});

test('ticks survive a reload and travel in the share link', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.locator('tr[data-key="management.azure.com"] input[type=checkbox]').check();
  await page.locator('tr[data-key="gcr.io"] input[type=checkbox]').check();
  await page.waitForFunction(() => /2 of \d+ rows confirmed/.test(document.querySelector('#fw-progress').textContent));
  await page.reload();
  await page.waitForSelector('[data-total]');
  await reach(page);
  assert.ok(await page.locator('tr[data-key="management.azure.com"] input[type=checkbox]').isChecked());
  assert.ok(await page.locator('tr[data-key="gcr.io"] input[type=checkbox]').isChecked());

  await page.click('#copy-link');
  const url = await page.inputValue('#share-link');
  const fresh = await env.browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await other.waitForSelector('[data-total]');
  await reach(other);
  assert.match(await other.textContent('#fw-progress'), /^2 of/);
  assert.ok(await other.locator('tr[data-key="gcr.io"] input[type=checkbox]').isChecked());
  await fresh.close();
  await page.context().close();
});

test('the filter narrows the rows and copy all copies what is shown', async () => {
  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await env.open('', { saved: VMWARE, context });
  await page.locator('#fw-filter').fill('azurecr');
  const rows = await page.locator('table.fw tbody tr').count();
  // Five azurecr.io hosts of the AKS table, two of the resource bridge's (ecpacr, linuxgeneva).
  assert.equal(rows, 7);
  await page.click('#fw-copy');
  await page.waitForSelector('#notice');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied.split('\n').length, rows);
  assert.match(copied, /hybridaks\.azurecr\.io\tHTTPS\/443\tAKS/);
  await context.close();
});
