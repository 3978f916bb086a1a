// Accepting a finding on purpose (SPEC §17): two clusters share load balancer addresses, which is
// an lb-overlap error; the team accepts it with a reason. The finding stays listed, marked
// accepted with the reason, and no longer fails the plan: the verdict passes and the deployment
// exports are offered. Take back, Undo, Cancel and a waiver that matches nothing, as a user meets
// them, with the keyboard where a user would use it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, shots } from './harness.mjs';

const REASON = 'Shared VIPs: the edge firewall NATs them to one cluster at a time';
let env;
let bare;
let withUnused;
before(async () => {
  env = await start();
  const plan = JSON.parse(readFileSync(fileURLToPath(new URL('../data/waivers.json', import.meta.url)), 'utf8'));
  const link = (name, value) => {
    const file = join(shots, name);
    writeFileSync(file, JSON.stringify(value));
    return execFileSync('cargo', ['run', '--quiet', '--', 'link', file], { encoding: 'utf8' }).trim();
  };
  // The plan without its waivers, and with only the one that matches nothing.
  bare = link('waivers-bare.json', { ...plan, waivers: [] });
  withUnused = link('waivers-unused.json', { ...plan, waivers: [plan.waivers[1]] });
});
after(async () => { await env.stop(); });

const overlap = '#findings li[data-rule="lb-overlap"]';

test('a finding accepted with a reason stays listed and no longer fails the plan', async () => {
  const page = await env.open(bare);
  assert.equal(await page.getAttribute(overlap, 'class'), 'error');
  assert.match(await page.textContent('#findings-summary'), /^1 error\(s\), 0 warning\(s\)\.$/);
  assert.match(await page.textContent('#export-az-aksarc'), /the plan has 1 error/);

  await page.click(`${overlap} button:has-text("Accept…")`);
  await page.waitForSelector('#accept-form');
  assert.match(await page.textContent('#accept-title'), /^Accept lb-overlap at cluster cluster-b: load balancer pool/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'accept-reason', 'the keyboard is in the reason');
  // A blank reason (spaces only) is refused by the browser and accepts nothing.
  await page.keyboard.type('   ');
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval('#accept-reason', (i) => i.validity.valid), false);
  assert.equal(await page.getAttribute(overlap, 'class'), 'error');

  await page.fill('#accept-reason', REASON);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${overlap}.accepted`);
  assert.ok((await page.textContent(overlap)).includes(`Accepted: ${REASON}`));
  assert.equal(await page.textContent('#findings-summary'), '0 error(s), 0 warning(s), 1 accepted. The plan passes (warnings only).');
  assert.equal(await page.getAttribute('#findings-summary', 'class'), 'summary ok');
  assert.equal(await page.$('#accept-form'), null, 'the form goes once the finding is accepted');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'findings-summary');
  assert.equal(await page.textContent('#jump-findings'), 'Findings: none, the plan passes');
  // The deployment exports are no longer held back, and the plan file carries the waiver.
  await page.waitForFunction(() => !document.querySelector('#export-az-aksarc').textContent.includes('the plan has'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(saved.waivers, [{ rule: 'lb-overlap', field: 'clusters[1].lb_pools[0]', reason: REASON }]);
  await page.screenshot({ path: join(shots, 'waiver-accepted.png'), fullPage: true });

  // Take back makes it an error again; Undo brings the waiver back.
  await page.click(`${overlap} button:has-text("Take back")`);
  await page.waitForSelector(`${overlap}.error`);
  await page.click('#undo');
  await page.waitForSelector(`${overlap}.accepted`);
});

test('Escape and Cancel close the form without accepting', async () => {
  const page = await env.open(bare);
  await page.click(`${overlap} button:has-text("Accept…")`);
  await page.waitForSelector('#accept-form');
  await page.keyboard.type('half a reason');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#accept-form', { state: 'detached' });
  await page.click(`${overlap} button:has-text("Accept…")`);
  await page.click('#accept-form button:has-text("Cancel")');
  await page.waitForSelector('#accept-form', { state: 'detached' });
  assert.equal(await page.getAttribute(overlap, 'class'), 'error');
});

test('a waiver that matches nothing is a warning with a way to remove it', async () => {
  const page = await env.open(withUnused);
  const unused = '#findings li[data-rule="waiver-unused"]';
  assert.equal(await page.getAttribute(unused, 'class'), 'warning');
  assert.match(await page.textContent(unused), /Waiver 1 accepts rule cp-in-ip-pool at cluster cluster-a: control plane IP, but no finding matches it/);
  await page.click(`${unused} button:has-text("Remove waiver")`);
  await page.waitForSelector(unused, { state: 'detached' });
  assert.match(await page.textContent('#findings-summary'), /^1 error\(s\), 0 warning\(s\)\.$/);
});
