// Starting from what Azure has and reviewing a change on the page: the import panel reads the
// Azure CLI's JSON (tests/data/azure/), a cluster is added, and "Compare with another plan" lists
// the change and outlines its addresses on the address map. Expected values are typed from the
// files: two logical networks (aks-lnet 10.220.32.0/24, second), two clusters (cluster-a on
// aks-lnet, cluster-b) and cluster-a's two load balancers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { start, shots } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')));
const azure = (name) => fileURLToPath(new URL(`../data/azure/${name}`, import.meta.url));
const scratch = fileURLToPath(new URL('../../target/e2e-azure/', import.meta.url));

test('import the three files, add a cluster, compare with the imported plan, read the diff', async () => {
  const page = await env.open();
  await page.click('#new-plan');
  await page.click('#new-azure-local');
  await page.setInputFiles('#used-file', ['lnet-list.json', 'aksarc-list.json', 'lb-list.json'].map(azure));
  await page.waitForSelector('#used-preview');
  const preview = await page.textContent('#used-preview');
  assert.match(preview, /Read as Azure CLI output \(lnet-list\.json, aksarc-list\.json, lb-list\.json\): 2 logical networks, 2 clusters, 2 load balancers/);
  assert.match(preview, /logical network aks-lnet \(10\.220\.32\.0\/24/);
  assert.match(preview, /\+ cluster cluster-a: on aks-lnet, 3 control plane and 5 worker nodes/);
  // The new plan's blank network gives way to the imported ones.
  assert.match(preview, /- logical network logical-network1/);
  await page.click('#used-accept');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).clusters.length === 2);
  const imported = await saved(page);
  assert.deepEqual(imported.segments.map((s) => [s.name, s.subnet, s.existing]), [['aks-lnet', '10.220.32.0/24', true], ['second', '10.221.0.0/24', true]]);
  assert.deepEqual(imported.clusters.map((c) => [c.name, c.existing]), [['cluster-a', true], ['cluster-b', true]]);
  assert.deepEqual(imported.clusters[0].lb_pools_existing, ['10.220.32.47-10.220.32.49', '10.220.32.64/30']);
  assert.match(await page.textContent('#notice'), /Imported from Azure CLI output/);
  // Undo takes the import back, Redo brings it again.
  await page.click('#notice-undo');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).clusters.length === 0);
  await page.click('#redo');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).clusters.length === 2);
  const legends = await page.$$eval('legend', (els) => els.map((e) => e.textContent));
  assert.ok(legends.includes('Cluster cluster-a (exists in Azure)'), JSON.stringify(legends));
  assert.ok(legends.some((l) => /aks-lnet \(exists in Azure\)/.test(l)), JSON.stringify(legends));

  // The plan as imported, as a link and as a plan file.
  await page.click('#copy-link');
  const link = await page.inputValue('#share-link');
  const download = page.waitForEvent('download');
  await page.click('#export');
  mkdirSync(scratch, { recursive: true });
  const file = join(scratch, 'imported.json');
  await (await download).saveAs(file);

  // The change: a cluster with a load balancer range.
  await page.click('#add-cluster');
  await page.waitForSelector('#f-clusters-2-name');
  assert.equal(await page.inputValue('#f-clusters-2-name'), 'cluster1');
  await page.locator('#f-clusters-2-lb_pools').fill('10.220.32.80-10.220.32.82');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).clusters[2]?.lb_pools.length === 1);

  await page.locator('#compare').scrollIntoViewIfNeeded();
  await page.locator('#compare-link').fill(link);
  await page.click('#compare-go');
  await page.waitForSelector('#compare-result');
  const summary = await page.textContent('#compare-summary');
  assert.match(summary, /^1 change from the link to this plan\./);
  const changes = await page.$$eval('#compare-changes li', (els) => els.map((e) => [e.className, e.textContent]));
  assert.deepEqual(changes, [['added', '+added: cluster cluster1: on aks-lnet, 1 control plane and 3 worker nodes']]);
  // The totals that moved: three more addresses for load balancers.
  const lb = await page.$$eval('#compare-totals tr[data-total="lb_ips"] td', (els) => els.map((e) => Number(e.textContent)));
  assert.equal(lb[1] - lb[0], 3);
  // On the address map, the new range is outlined on aks-lnet, and nothing else.
  const outlined = await page.$$eval('figure.strip rect.mark-changed title', (els) => els.map((e) => e.textContent));
  assert.equal(outlined.length, 1, JSON.stringify(outlined));
  assert.match(outlined[0], /^10\.220\.32\.80-10\.220\.32\.82: /);
  assert.equal(await page.locator('figure.strip[data-segment="aks-lnet"] rect.mark-changed').count(), 1);
  assert.match(await page.textContent('#address-map .legend'), /new or changed since the compared plan/);
  await page.locator('#compare').screenshot({ path: join(shots, 'compare.png') });
  await page.locator('#address-map').screenshot({ path: join(shots, 'compare-map.png') });

  // The comparison follows edits until it is closed.
  await page.locator('#f-clusters-2-name').fill('cluster-c');
  await page.waitForFunction(() => /cluster cluster-c:/.test(document.querySelector('#compare-changes')?.textContent ?? ''));
  await page.click('#compare-stop');
  await page.waitForSelector('#compare-result', { state: 'detached' });
  assert.equal(await page.locator('rect.mark-changed').count(), 0);

  // The same comparison from the plan file the page exported.
  await page.setInputFiles('#compare-file', file);
  await page.waitForSelector('#compare-result');
  assert.match(await page.textContent('#compare-summary'), /^1 change from imported\.json to this plan\./);
  assert.match(await page.textContent('#compare-changes'), /cluster cluster-c: on aks-lnet/);
  await page.context().close();
});

test('what is not Azure CLI output, or not a plan, is refused naming it', async () => {
  mkdirSync(scratch, { recursive: true });
  const cut = join(scratch, 'cut.json');
  const whole = readFileSync(azure('lnet-list.json'), 'utf8');
  writeFileSync(cut, whole.slice(0, whole.length / 2));
  const page = await env.open();
  await page.setInputFiles('#used-file', cut);
  await page.waitForSelector('#used-error');
  assert.match(await page.textContent('#used-error'), /Nothing to import: cut\.json: not JSON the Azure CLI prints/);
  const before = await saved(page);
  await page.click('#used-cancel');
  await page.waitForSelector('#used-error', { state: 'detached' });
  assert.deepEqual(await saved(page), before, 'the plan is unchanged');

  await page.locator('#compare-link').fill('https://planner.invalid/#1garbage');
  await page.click('#compare-go');
  await page.waitForSelector('#compare-error');
  assert.match(await page.textContent('#compare-error'), /Nothing to compare: the link is neither a plan file nor a share link/);
  const notes = join(scratch, 'notes.json');
  writeFileSync(notes, '{"name": "not a plan", "clusters": 3}');
  await page.setInputFiles('#compare-file', notes);
  await page.waitForFunction(() => /notes\.json/.test(document.querySelector('#compare-error')?.textContent ?? ''));
  assert.equal(await page.locator('#compare-result').count(), 0);
  await page.context().close();
});
