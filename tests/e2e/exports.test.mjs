// Every export from its button on the page: a download with a sensible name and the same
// content the CLI prints for the same plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, VMWARE, shots } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const KINDS = ['firewall-csv', 'firewall-list', 'firewall-squid', 'connectivity-sh', 'connectivity-ps1',
  'metallb', 'requirements-csv', 'summary-md', 'dhcp-exclusions', 'dhcp-ps1', 'map-svg'];

test('each export downloads the file the CLI makes for the same plan', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.locator('tr[data-key="gcr.io"] input[type=checkbox]').check();
  const plan = await page.evaluate(() => localStorage.getItem('aksarc-netplan.plan'));
  const dir = await mkdtemp(join(tmpdir(), 'aksarc-exports-'));
  const planFile = join(dir, 'plan.json');
  await writeFile(planFile, plan);
  for (const kind of KINDS) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#export-${kind}`)]);
    assert.ok(download.suggestedFilename().startsWith('contoso-lab'), download.suggestedFilename());
    const text = await readFile(await download.path(), 'utf8');
    const cli = execFileSync('cargo', ['run', '--quiet', '--', 'export', kind, planFile], { encoding: 'utf8' });
    assert.equal(text.trimEnd(), cli.trimEnd(), `${kind}: page and CLI differ`);
  }
  await page.context().close();
});

// (A separate page: Chromium holds back an eleventh download from one page in quick succession.)
test('a tick on the page shows in the firewall CSV', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.locator('tr[data-key="mcr.microsoft.com"] input[type=checkbox]').check();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-firewall-csv')]);
  const rows = (await readFile(await csv.path(), 'utf8')).split(/\r?\n/);
  const mcr = rows.find((r) => r.startsWith('mcr.microsoft.com,'));
  assert.match(mcr, /^mcr\.microsoft\.com,no,mcr\.microsoft\.com,443,HTTPS,10\.20\.0\.0\/24,AKS,yes,/);
  await page.context().close();
});

test('MetalLB also downloads as one file per cluster, the same as the CLI with --cluster', async () => {
  const page = await env.open('', { saved: VMWARE });
  const plan = await page.evaluate(() => localStorage.getItem('aksarc-netplan.plan'));
  const dir = await mkdtemp(join(tmpdir(), 'aksarc-metallb-'));
  const planFile = join(dir, 'plan.json');
  await writeFile(planFile, plan);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-metallb-0')]);
  assert.equal(download.suggestedFilename(), 'contoso-lab-metallb-cluster-a.yaml');
  // cluster-b has no load balancer range (examples/contoso.json): no file of its own to offer.
  assert.equal(await page.locator('#export-metallb-1').count(), 0);
  const text = await readFile(await download.path(), 'utf8');
  const cli = execFileSync('cargo', ['run', '--quiet', '--', 'export', 'metallb', '--cluster', 'cluster-a', planFile], { encoding: 'utf8' });
  assert.equal(text.trimEnd(), cli.trimEnd());
  await page.context().close();
});

test("each network's map downloads as SVG from beside it, the same as the CLI with --network", async () => {
  const page = await env.open('', { saved: VMWARE });
  const plan = await page.evaluate(() => localStorage.getItem('aksarc-netplan.plan'));
  const dir = await mkdtemp(join(tmpdir(), 'aksarc-map-'));
  const planFile = join(dir, 'plan.json');
  await writeFile(planFile, plan);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('figure.strip[data-segment="aks-seg"] button.map-svg')]);
  assert.equal(download.suggestedFilename(), 'contoso-lab-map-aks-seg.svg');
  const text = await readFile(await download.path(), 'utf8');
  const cli = execFileSync('cargo', ['run', '--quiet', '--', 'export', 'map-svg', '--network', 'aks-seg', planFile], { encoding: 'utf8' });
  assert.equal(text.trimEnd(), cli.trimEnd());
  assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  await page.context().close();
});

test('networks of one subnet share one map, which each of them downloads', async () => {
  // aks-seg and 2,000 copies of it: one strip, not 2,001 strips of 2,001 gateways each.
  const plan = JSON.parse(VMWARE);
  const seg = plan.segments.find((s) => s.name === 'aks-seg');
  for (let i = 0; i < 2000; i++) plan.segments.push({ ...seg, name: `copy-${i}` });
  const page = await env.open('', { saved: JSON.stringify(plan) });
  const strips = page.locator('figure.strip');
  await strips.first().waitFor();
  const captions = await page.locator('figure.strip figcaption').allTextContents();
  assert.equal(captions.filter((c) => c.includes('2001 networks (aks-seg, copy-0, copy-1, …)')).length, 1, captions.join('\n'));
  const shared = page.locator('figure.strip[data-segment="aks-seg"]');
  // Three gateways drawn at its address, the third standing for the rest.
  const titles = await shared.locator('rect.mark-gateway title').allTextContents();
  assert.equal(titles.length, 3, titles.join('\n'));
  assert.match(titles[2], /of segment "copy-1" \(and 1998 more at the same addresses\)$/);
  await shared.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'map-shared-subnet.png') });
  const dir = await mkdtemp(join(tmpdir(), 'aksarc-map-shared-'));
  const planFile = join(dir, 'plan.json');
  await writeFile(planFile, JSON.stringify(plan));
  const [download] = await Promise.all([page.waitForEvent('download'), shared.locator('button.map-svg').click()]);
  const text = await readFile(await download.path(), 'utf8');
  const cli = execFileSync('cargo', ['run', '--quiet', '--', 'export', 'map-svg', '--network', 'copy-1999', planFile], { encoding: 'utf8' });
  assert.equal(text.trimEnd(), cli.trimEnd(), 'the map of a copy is the shared map');
  await page.context().close();
});

test('the preflight scripts download as the CLI makes them', async () => {
  const page = await env.open('', { saved: VMWARE });
  const plan = await page.evaluate(() => localStorage.getItem('aksarc-netplan.plan'));
  const dir = await mkdtemp(join(tmpdir(), 'aksarc-preflight-'));
  const planFile = join(dir, 'plan.json');
  await writeFile(planFile, plan);
  for (const [kind, file] of [['preflight-bash', 'contoso-lab-preflight-bash.sh'], ['preflight-ps1', 'contoso-lab-preflight-ps1.ps1']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#export-${kind}`)]);
    assert.equal(download.suggestedFilename(), file);
    const text = await readFile(await download.path(), 'utf8');
    const cli = execFileSync('cargo', ['run', '--quiet', '--', 'export', kind, planFile], { encoding: 'utf8' });
    assert.equal(text.trimEnd(), cli.trimEnd(), kind);
  }
  await page.context().close();
});

/** Each file of a zip (an xlsx workbook) and its content, read by Python's zipfile. */
function unzipped(path) {
  const script = 'import json, sys, zipfile\n'
    + 'z = zipfile.ZipFile(sys.argv[1])\n'
    + 'print(json.dumps({n: z.read(n).decode("utf-8") for n in z.namelist()}))';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

test('the workbook downloads as an xlsx file holding what the CLI writes', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.locator('tr[data-key="gcr.io"] input[type=checkbox]').check();
  const plan = await page.evaluate(() => localStorage.getItem('aksarc-netplan.plan'));
  const dir = await mkdtemp(join(tmpdir(), 'aksarc-xlsx-'));
  const planFile = join(dir, 'plan.json');
  await writeFile(planFile, plan);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
  assert.equal(download.suggestedFilename(), 'contoso-lab-xlsx.xlsx');
  const saved = await download.path();
  const bytes = await readFile(saved);
  // A zip file: its local file header's signature.
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  const cliFile = join(dir, 'cli.xlsx');
  execFileSync('cargo', ['run', '--quiet', '--', 'export', 'xlsx', planFile, '-o', cliFile]);
  // The same sheets, cell for cell (the compressed bytes may differ between the two builds).
  const [fromPage, fromCli] = [unzipped(saved), unzipped(cliFile)];
  assert.deepEqual(Object.keys(fromPage), Object.keys(fromCli));
  for (const name of Object.keys(fromCli)) assert.equal(fromPage[name], fromCli[name], name);
  assert.match(fromPage['xl/sharedStrings.xml'], /gcr\.io/);
  assert.match(fromPage['xl/worksheets/sheet5.xml'], /t="b"><v>1<\/v>/, 'the tick is in the Firewall sheet');
  await page.context().close();
});
