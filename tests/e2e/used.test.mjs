// Importing the addresses in use on the page: paste or a file, a preview, accept, undo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { start, VMWARE } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')));
const sample = (name) => fileURLToPath(new URL(`../data/used/${name}`, import.meta.url));

test('a pasted list is previewed, added on accept, and undone', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.locator('#used-text').fill('# storage\n10.20.0.90\n10.20.0.91\n10.20.0.300\n');
  await page.waitForSelector('#used-preview');
  const preview = await page.textContent('#used-preview');
  assert.match(preview, /Read as list of addresses: 2 addresses in use; 1 reserved entry to add; 1 row that does not read skipped/);
  assert.match(preview, /pasted: 10\.20\.0\.90-10\.20\.0\.91/);
  assert.match(preview, /line 4: "10\.20\.0\.300" is not an IP address/);
  // Nothing changes before Accept.
  assert.equal((await saved(page)).reserved.length, 2);
  await page.click('#used-accept');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).reserved.length === 3);
  assert.equal(await page.$('#used-preview'), null, 'the preview closes');
  // The notice says what was done, in the past tense, and where it came from.
  assert.match(await page.textContent('#notice'), /Added 2 addresses in use from the pasted text as 1 reserved entry/);
  await page.click('#notice-undo');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).reserved.length === 2);
  await page.context().close();
});

test('a Windows lease export sets the leases in use and adds what lies outside the scope', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.setInputFiles('#used-file', sample('windows-leases.csv'));
  await page.waitForSelector('#used-preview');
  const preview = await page.textContent('#used-preview');
  assert.match(preview, /Windows DHCP leases \(CSV\): 5 addresses in use/);
  assert.match(preview, /segment aks-seg: DHCP leases in use 0 → 3/);
  assert.match(preview, /skipped as not in use: 1 declined, 1 expired/);
  assert.match(preview, /windows-leases\.csv: lab-pc\.contoso\.local: 10\.20\.0\.60/);
  await page.click('#used-accept');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).segments[0].dhcp_in_use === 3);
  // The same file again: nothing new.
  await page.setInputFiles('#used-file', sample('windows-leases.csv'));
  await page.waitForSelector('#used-accept[disabled]');
  assert.match(await page.textContent('#used-accept'), /Nothing new to add/);
  await page.context().close();
});

test("a scan that lists the plan's own addresses adds only the others, and says so", async () => {
  // nmap-contoso.gnmap scanned the example plan's network: its gateway (.1), DNS servers (.2, .3),
  // resource bridge (.5, .6), vCenter (.10, a reserved entry), cluster-a's control plane IP (.20)
  // and an address of its load balancer range (.31); .25 to .27 are not in the plan.
  const page = await env.open('', { saved: VMWARE });
  await page.setInputFiles('#used-file', sample('nmap-contoso.gnmap'));
  await page.waitForSelector('#used-preview');
  const preview = await page.textContent('#used-preview');
  assert.match(preview, /2 reserved entries to add; 7 addresses are the plan's own \(gateway, DNS server, resource bridge control plane IP, resource bridge appliance VM IPs, control plane IP, load balancer pool\) and will not be added; 1 the plan has already/);
  const own = await page.locator('#used-own li').allTextContents();
  assert.equal(own.length, 7);
  assert.match(own[0], /^10\.20\.0\.1: gateway 10\.20\.0\.1 of segment "?aks-seg/);
  assert.match(own[6], /^10\.20\.0\.31: load balancer pool 10\.20\.0\.30-10\.20\.0\.32 of cluster "?cluster-a/);
  await page.click('#used-accept');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).reserved.length === 4);
  const reserved = (await saved(page)).reserved.map((r) => r.addresses);
  assert.deepEqual(reserved, ['10.20.0.10', '10.20.0.11-10.20.0.14', '10.20.0.25', '10.20.0.26-10.20.0.27']);
  assert.match(await page.textContent('#notice'),
    /^Added 3 addresses in use from nmap-contoso\.gnmap as 2 reserved entries \(read as nmap grepable output: 11 addresses in use\); 7 addresses are the plan's own \(.*\) and were not added; 1 the plan has already\./);
  await page.context().close();
});

test('a file of no known format lists the formats read', async () => {
  const page = await env.open();
  await page.locator('#used-text').fill('meeting notes\nnothing here\n');
  await page.waitForSelector('#used-error');
  assert.match(await page.textContent('#used-error'), /matches no format.*nmap grepable output/);
  await page.context().close();
});
