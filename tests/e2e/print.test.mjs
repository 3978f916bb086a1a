// Printing and finding in the page see the whole plan: the parts the second module draws (the
// addresses assigned, the address map, the checklist) are drawn before a print, even when the
// visitor never scrolled near them. A plan of 20 clusters opened from a link, printed at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, shots } from './harness.mjs';

let env;
let link;
let plan;
before(async () => {
  env = await start();
  const text = execFileSync('cargo', ['run', '--quiet', '--example', 'synthetic', '--', '20'], { encoding: 'utf8' });
  plan = JSON.parse(text);
  const file = join(shots, 'print-plan.json');
  writeFileSync(file, text);
  link = execFileSync('cargo', ['run', '--quiet', '--', 'link', file], { encoding: 'utf8' }).trim();
});
after(async () => { await env.stop(); });

/** Opens the plan's link without scrolling, with window.print recorded instead of run. */
async function openUnscrolled() {
  const page = await env.open(link, { stay: true, contextOptions: { viewport: { width: 390, height: 844 } } });
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  assert.equal(await page.$('#assigned'), null, 'the parts are drawn before anything asked for them');
  return page;
}

/** Every control plane IP and load balancer range of the plan is in the addresses assigned. */
async function assertWhole(page) {
  const assigned = await page.textContent('#assigned');
  for (const cluster of plan.clusters) {
    assert.ok(assigned.includes(cluster.control_plane_ip), `${cluster.name}: ${cluster.control_plane_ip} missing`);
    for (const range of cluster.lb_pools) assert.ok(assigned.includes(range), `${cluster.name}: ${range} missing`);
  }
  assert.ok(await page.$('#address-map'), 'no address map');
  assert.ok(await page.$('#firewall'), 'no firewall checklist');
}

test('Print report draws the parts first, then prints', async () => {
  const page = await openUnscrolled();
  await page.click('#print');
  await page.waitForFunction(() => window.printed === 1);
  await assertWhole(page);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(shots, 'print.png'), fullPage: true });
  await page.close();
});

test('printing from the browser draws the parts, and so does opening its find', async () => {
  let page = await openUnscrolled();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.waitForSelector('#assigned', { state: 'attached' });
  await assertWhole(page);
  await page.close();
  page = await openUnscrolled();
  await page.keyboard.press('Control+f');
  await page.waitForSelector('#assigned', { state: 'attached' });
  await assertWhole(page);
  await page.close();
});
