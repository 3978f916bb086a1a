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

test("printed, the checklist's Open column shows boxes, ticked where confirmed, and the body starts where the heading does", async () => {
  const page = await env.open(link, { contextOptions: { viewport: { width: 1280, height: 900 } } });
  await page.waitForSelector('table.fw input[type=checkbox]');
  const boxes = page.locator('table.fw input[type=checkbox]');
  // Tick the first row; the second stays open.
  await boxes.nth(0).check();
  await page.waitForFunction(() => document.querySelectorAll('table.fw input:checked').length === 1);
  await page.emulateMedia({ media: 'print' });
  const drawn = await page.evaluate(() => [...document.querySelectorAll('table.fw input[type=checkbox]')].slice(0, 2).map((box) => {
    const style = getComputedStyle(box);
    const tick = getComputedStyle(box, '::after');
    const rect = box.getBoundingClientRect();
    return {
      checked: box.checked, display: style.display, width: rect.width, height: rect.height,
      border: [style.borderTopStyle, parseFloat(style.borderTopWidth), style.borderTopColor],
      tick: tick.content !== 'none' && parseFloat(tick.borderRightWidth) > 0 && parseFloat(tick.borderBottomWidth) > 0,
    };
  }));
  for (const box of drawn) {
    assert.notEqual(box.display, 'none', 'the box is printed');
    assert.ok(box.width >= 10 && box.height >= 10, `a box of ${box.width}×${box.height} px`);
    assert.deepEqual(box.border.slice(0, 1), ['solid']);
    assert.ok(box.border[1] >= 1, `a border of ${box.border[1]} px`);
    assert.equal(box.border[2], 'rgb(0, 0, 0)', 'a black border');
  }
  assert.deepEqual(drawn.map((b) => [b.checked, b.tick]), [[true, true], [false, false]], 'the ticked row prints a tick, the other an empty box');
  // The heading and the body start at the same left edge.
  const lefts = await page.evaluate(() => Object.fromEntries(['header.top h1', '#h-req', '#h-findings', '#h-fw'].map((s) => {
    const el = document.querySelector(s);
    return [s, el ? Math.round(el.getBoundingClientRect().left) : null];
  })));
  const heading = lefts['header.top h1'];
  for (const [s, left] of Object.entries(lefts)) assert.equal(left, heading, `${s} starts at ${left} px, the heading at ${heading} px`);
  await page.screenshot({ path: join(shots, 'print-checklist.png'), fullPage: true });
  await page.pdf({ path: join(shots, 'print.pdf'), format: 'A4' });
  await page.close();
});
