// The page's requirement tables show exactly the figures of the CLI's JSON report, cell by cell,
// for plans imported through the page. The CLI is the native build `cargo test` leaves in
// target/debug (scripts/test runs that first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'target', 'debug', 'aksarc-netplan');

let env;
before(async () => {
  assert.ok(existsSync(cli), `${cli} is missing: run cargo test (or cargo build) first`);
  env = await start();
});
after(async () => { await env.stop(); });

/** The CLI's report of a plan, as JSON. */
function report(plan) {
  const file = join(mkdtempSync(join(tmpdir(), 'figures-')), 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  let out;
  try {
    out = execFileSync(cli, ['check', '--format', 'json', file], { encoding: 'utf8' });
  } catch (e) {
    out = e.stdout; // exit 1: the plan has errors, the report is still printed
  }
  return JSON.parse(out);
}

const example = JSON.parse(readFileSync(join(root, 'examples', 'contoso.json'), 'utf8'));

/** The example with figures that differ from each other, and a second segment and cluster. */
function varied() {
  const plan = structuredClone(example);
  plan.name = 'Varied figures';
  plan.segments[0].dhcp_in_use = 7;
  plan.segments.push({ name: 'edge', subnet: '10.30.0.0/26', gateway: '10.30.0.1', dhcp: ['10.30.0.10-10.30.0.40', '10.30.0.35-10.30.0.50'], dhcp_in_use: 3 });
  plan.clusters[1].services = 2;
  plan.clusters[1].lb_pools = ['10.20.0.40-10.20.0.44'];
  plan.clusters.push({ name: 'edge-1', segment: 'edge', control_plane_ip: '10.30.0.5', control_plane_nodes: 5,
    node_pools: [{ name: 'a', nodes: 4 }, { name: 'b', nodes: 6 }], services: 9, lb_pools: ['10.30.0.55-10.30.0.58'] });
  return plan;
}

/** Opens the page with `plan` imported through the file input. */
async function openWith(plan) {
  const page = await env.open();
  await page.setInputFiles('#import-file', { name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)) });
  await page.waitForFunction((name) => document.querySelector('#f-name').value === name, plan.name);
  return page;
}

/** Every requirement table of the page: rows of cell texts, header row left out. */
async function tables(page) {
  return page.$$eval('#requirements table', (ts) => ts.map((t) => [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim()))));
}

const azureLocal = JSON.parse(readFileSync(join(root, 'examples', 'azure-local.json'), 'utf8'));

for (const [what, plan] of [['the example', example], ['a plan of varied figures', varied()], ["Microsoft's Azure Local example", azureLocal]]) {
  test(`the page's tables show the CLI's figures for ${what}`, async () => {
    const want = report(plan).requirements;
    const pools = plan.platform === 'azure-local';
    const page = await openWith(plan);
    const [totals, clusters, segments] = await tables(page);

    const t = want.totals;
    assert.deepEqual(totals.map((r) => r.slice(1, 3).map(Number)), [
      [t.node_ips, t.node_ips_recommended],
      [t.control_plane_ips, t.control_plane_ips],
      [t.lb_ips, t.lb_ips_recommended],
      ...(pools ? [[t.ip_pool_needed, t.ip_pool_needed]] : []),
      [t.all_ips, t.all_ips_recommended],
    ]);
    const keys = ['node_ips', 'node_ips_recommended', 'control_plane_ips', 'lb_ips', 'lb_ips_recommended', 'all_ips', 'all_ips_recommended'];
    for (const key of pools ? [...keys, 'ip_pool_needed'] : keys) {
      assert.equal(Number(await page.textContent(`[data-total="${key}"]`)), t[key], key);
    }
    assert.deepEqual(clusters, want.clusters.map((c) => [c.name, c.segment, ...[c.node_ips, c.node_ips_recommended,
      c.control_plane_ips, c.lb_ips, c.lb_ips_recommended, c.lb_pool_size].map(String)]));
    // Logical networks show their IP pools; segments their DHCP scopes.
    const columns = pools
      ? (s) => [s.ip_pool_size, s.ip_pool_needed, s.node_ips_needed, s.node_ips_recommended, s.static_free]
      : (s) => [s.dhcp_size, s.dhcp_in_use, s.dhcp_available, s.node_ips_needed, s.node_ips_recommended, s.static_free];
    assert.deepEqual(segments, want.segments.map((s) => [s.name, s.subnet, ...columns(s).map(String)]));
    await page.context().close();
  });
}
