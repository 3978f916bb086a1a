// The page as a user drives it: the release build in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, total, shots, VMWARE } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')));
const rules = (page) => page.$$eval('[data-rule]', (els) => els.map((e) => e.dataset.rule));

test('a control plane IP inside DHCP is reported and its field marked', async () => {
  const page = await env.open('', { saved: VMWARE });
  const field = page.locator('#f-clusters-0-control_plane_ip');
  await field.fill('10.20.0.150');
  await page.waitForSelector('[data-rule="cp-in-dhcp"]');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const described = await field.getAttribute('aria-describedby');
  const message = await page.textContent(`#${described}`);
  assert.match(message, /10\.20\.0\.150.*DHCP scope 10\.20\.0\.100-10\.20\.0\.199/);
  // The finding's button takes the keyboard focus to the field.
  await page.locator('[data-rule="cp-in-dhcp"] button:has-text("Go to")').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-clusters-0-control_plane_ip');
  await field.fill('10.20.0.22');
  await page.waitForSelector('[data-rule="cp-in-dhcp"]', { state: 'detached' });
  assert.equal(await field.getAttribute('aria-invalid'), null);
  await page.context().close();
});

test('a refused count says why and keeps the plan', async () => {
  const page = await env.open();
  await page.locator('#f-clusters-0-services').fill('-2');
  const text = await page.textContent('#f-clusters-0-services-msg');
  assert.match(text, /Cluster cluster-a: LoadBalancer services must be a whole number/);
  assert.equal((await saved(page)).clusters[0].services, 3);
  await page.context().close();
});

test('typing into a number field replaces it, as in any form', async () => {
  const page = await env.open('', { saved: VMWARE });
  const field = page.locator('#f-clusters-0-node_pools-0-nodes');
  assert.equal(await field.inputValue(), '3');
  await field.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  // Empty while retyping: shown empty, marked invalid, the plan keeps its number.
  await page.waitForSelector('#f-clusters-0-node_pools-0-nodes[aria-invalid="true"]');
  assert.equal(await field.inputValue(), '');
  assert.match(await page.textContent('#f-clusters-0-node_pools-0-nodes-msg'), /node pool pool1: worker nodes is empty/);
  assert.equal((await saved(page)).clusters[0].node_pools[0].nodes, 3);
  await page.keyboard.type('5');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('aksarc-netplan.plan')).clusters[0].node_pools[0].nodes === 5);
  assert.equal(await field.inputValue(), '5');
  assert.equal(await field.getAttribute('aria-invalid'), null);
  await page.context().close();
});

test('Suggest fills missing addresses, clears the errors, and can be undone', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.locator('#f-clusters-1-control_plane_ip').fill('');
  await page.locator('#f-clusters-1-services').fill('4');
  await page.waitForSelector('[data-rule="cp-missing"]');
  assert.ok((await rules(page)).includes('lb-short'));
  await page.click('#suggest');
  await page.waitForSelector('#suggested');
  assert.deepEqual(await rules(page), []);
  const plan = await saved(page);
  assert.equal(plan.clusters[1].control_plane_ip, '10.20.0.4');
  // Lowest free run of four: .8-.9 is too short, .15-.19 fits.
  assert.deepEqual(plan.clusters[1].lb_pools, ['10.20.0.15-10.20.0.18']);
  assert.match(await page.textContent('#suggested summary'), /^Filled 1 control plane IP and 1 load balancer range: show$/);
  assert.match(await page.textContent('#suggested'), /Cluster cluster-b: control plane IP set to 10\.20\.0\.4/);
  await page.click('#undo');
  await page.waitForSelector('[data-rule="cp-missing"]');
  assert.equal((await saved(page)).clusters[1].control_plane_ip, undefined);
  await page.context().close();
});

test('a copied link opens the same plan in a fresh browser', async () => {
  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await env.open('', { context });
  await page.locator('#f-name').fill('Shared plan ✓');
  await page.locator('#f-clusters-0-lb_pools').fill('10.20.0.30-10.20.0.33, 10.20.0.40');
  await page.click('#copy-link');
  await page.waitForSelector('#share-link');
  const url = await page.inputValue('#share-link');
  assert.ok(url.startsWith(env.url + '#2'), url);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
  const original = await saved(page);
  await context.close();

  const fresh = await env.browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await other.waitForSelector('#notice');
  assert.match(await other.textContent('#notice'), /Opened the plan from the share link/);
  assert.deepEqual(await saved(other), original);
  assert.equal(await other.inputValue('#f-name'), 'Shared plan ✓');
  // The fragment is dropped so a reload shows later edits, not the link's original.
  assert.equal(new URL(other.url()).hash, '');
  await fresh.close();
});

test('a corrupt link shows a message and keeps the current plan', async () => {
  const page = await env.open();
  await page.locator('#f-name').fill('Keep me');
  const before = await saved(page);
  await page.evaluate(() => { location.hash = '#1AAAA-not-a-plan'; });
  await page.waitForSelector('#notice.error');
  assert.match(await page.textContent('#notice'), /could not be opened.*current plan is unchanged/);
  assert.deepEqual(await saved(page), before);
  assert.equal(await page.inputValue('#f-name'), 'Keep me');

  // A real link with one character changed (a chat tool, a typo) is refused by its checksum.
  await page.click('#copy-link');
  await page.waitForSelector('#share-link');
  const good = new URL(await page.inputValue('#share-link')).hash;
  const damaged = good.slice(0, 30) + (good[30] === 'A' ? 'B' : 'A') + good.slice(31);
  await page.click('#notice button');
  await page.evaluate((h) => { location.hash = h; }, damaged);
  await page.waitForSelector('#notice.error');
  assert.match(await page.textContent('#notice'), /checksum does not match.*current plan is unchanged|current plan is unchanged.*checksum does not match/);
  assert.deepEqual(await saved(page), before);

  await page.evaluate(() => { location.hash = '#9abc'; });
  await page.waitForFunction(() => /format "9"/.test(document.querySelector('#notice')?.textContent ?? ''));

  // The same on opening: the autosaved plan stays.
  await page.goto(env.url + '#1' + 'x'.repeat(50));
  await page.waitForSelector('#notice.error');
  assert.equal(await page.inputValue('#f-name'), 'Keep me');
  await page.context().close();
});

test('a reload keeps the autosaved plan', async () => {
  const page = await env.open('', { saved: VMWARE });
  await page.locator('#f-segments-0-dhcp').fill('10.20.0.100-10.20.0.149, 10.20.0.160-10.20.0.199');
  await page.click('#add-cluster');
  await page.waitForSelector('#f-clusters-2-name');
  await page.reload();
  await page.waitForSelector('[data-total]');
  assert.equal(await page.inputValue('#f-segments-0-dhcp'), '10.20.0.100-10.20.0.149, 10.20.0.160-10.20.0.199');
  assert.equal(await page.inputValue('#f-clusters-2-name'), 'cluster1');
  assert.equal(await total(page, 'node_ips'), 11);
  await page.context().close();
});

test('JSON export then import gives the same plan', async () => {
  const page = await env.open();
  await page.locator('#f-name').fill('Round trip');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  assert.equal(download.suggestedFilename(), 'round-trip.plan.json');
  const text = await readFile(await download.path(), 'utf8');
  const before = await saved(page);
  assert.deepEqual(JSON.parse(text), before);

  // New plan asks for the platform first, with the focus on the first choice.
  await page.getByRole('button', { name: 'New plan' }).click();
  assert.equal(await page.getAttribute('#new-plan', 'aria-expanded'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'new-azure-local');
  await page.click('#new-vmware');
  await page.waitForFunction(() => document.querySelector('#f-name').value === 'New plan');
  assert.equal(await page.inputValue('#platform'), 'vmware');
  assert.equal(await page.$('#new-plan-for'), null);
  await page.setInputFiles('#import-file', { name: 'round-trip.plan.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForFunction(() => document.querySelector('#f-name').value === 'Round trip');
  assert.deepEqual(await saved(page), before);

  // A file that is not a plan leaves the plan alone and names the field.
  await page.setInputFiles('#import-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"schema":1,"clusters":[{"nmae":"x"}]}') });
  await page.waitForSelector('#notice.error');
  assert.match(await page.textContent('#notice'), /clusters\[0\].*nmae/);
  assert.deepEqual(await saved(page), before);
  await page.context().close();
});

test('the keyboard alone reaches and works every control', async () => {
  const page = await env.open('', { saved: VMWARE });
  // Every visible control gets a name: its id, or its tag, text and position where it has none.
  const controls = await page.$$eval('button:not([disabled]), input:not([tabindex="-1"]), select, summary, a[href], textarea',
    (els) => els.filter((e) => e.offsetParent !== null).map((e, i) => {
      const name = e.id ? `#${e.id}` : `${e.tagName.toLowerCase()} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40)}" (${i})`;
      e.dataset.kbName = name;
      return name;
    }));
  const reached = new Set();
  await page.focus('body');
  for (let i = 0; i < controls.length + 5; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => document.activeElement?.dataset?.kbName ?? null);
    if (name) reached.add(name);
  }
  const missed = controls.filter((c) => !reached.has(c));
  assert.deepEqual(missed, [], `Tab never reached ${missed.length} of ${controls.length} controls`);
  assert.equal(reached.size, controls.length);
  // The controls a user needs most are among them, by id.
  for (const id of ['#suggest', '#copy-link', '#import', '#export', '#add-cluster', '#f-name', '#f-clusters-0-control_plane_ip', '#fw-filter']) {
    assert.ok(reached.has(id), `${id} not reached by Tab`);
  }

  // Add a cluster with the keyboard, then fix it with Suggest, all by keys.
  await page.focus('#add-cluster');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#f-clusters-2-name');
  await page.waitForSelector('[data-rule="cp-missing"]');
  await page.focus('#suggest');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#suggested');
  assert.deepEqual(await rules(page), []);
  await page.focus('#undo');
  await page.keyboard.press(' ');
  await page.waitForSelector('[data-rule="cp-missing"]');
  await page.context().close();
});

// The screenshots are written for people to look at (target/screenshots); what this test
// asserts is the layout: no sideways scroll on a phone, and a print that is the report alone.
test("on a phone addresses never break inside, and Go to leaves the field's label in view", async () => {
  const page = await env.open('', { contextOptions: { viewport: { width: 390, height: 844 }, isMobile: true } });
  await page.click('#new-plan');
  await page.click('#example-azure-local');
  await page.waitForSelector('[data-total="ip_pool_needed"]');
  await page.locator('#f-clusters-1-lb_pools').fill('10.220.32.20-10.220.32.21');
  await page.waitForSelector('ol.findings li');
  // No address or host name is broken inside: in the tables (which scroll sideways when too
  // wide) and in code.
  const broken = await page.$$eval('td, code', (els) => els
    .filter((e) => e.offsetParent !== null && /^\s*[0-9a-f.:*\-\/]*[0-9a-z][0-9a-z.:*\-\/]+\s*$/i.test(e.textContent) && /[.:]/.test(e.textContent))
    // A range may break at its dash, between its two ends; an address never breaks inside.
    .filter((e) => {
      const node = [...e.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
      if (!node) return false;
      let at = 0;
      return node.textContent.split('-').some((part) => {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + part.length);
        at += part.length + 1;
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
      });
    })
    .map((e) => e.textContent.trim()));
  assert.deepEqual(broken, [], 'addresses broken across lines');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  // A finding's Go to: the field takes the keyboard and its label is on the screen.
  await page.locator('ol.findings li button.link').first().click();
  const place = await page.evaluate(() => {
    const field = document.activeElement;
    const label = document.querySelector(`label[for="${field.id}"]`);
    return [field.tagName, label ? label.getBoundingClientRect().top : -1, window.innerHeight];
  });
  assert.equal(place[0], 'INPUT');
  assert.ok(place[1] >= 0 && place[1] < place[2], `the label is at ${place[1]}px`);
  await page.context().close();
});

test('the phone layout fits the screen and the print shows the report without the editor', async () => {
  for (const [name, options, media] of [
    ['desktop-light', { viewport: { width: 1280, height: 900 }, colorScheme: 'light' }, 'screen'],
    ['desktop-dark', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }, 'screen'],
    ['phone', { viewport: { width: 375, height: 800 }, colorScheme: 'light', isMobile: true }, 'screen'],
    ['print', { viewport: { width: 900, height: 1200 }, colorScheme: 'light' }, 'print'],
  ]) {
    const page = await env.open('', { saved: VMWARE, contextOptions: options });
    await page.locator('#f-clusters-0-control_plane_ip').fill('10.20.0.150');
    await page.waitForSelector('[data-rule="cp-in-dhcp"]');
    await page.emulateMedia({ media });
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
    const shown = (sel) => page.$eval(sel, (e) => getComputedStyle(e).display !== 'none');
    assert.equal(await shown('#requirements'), true, name);
    assert.equal(await shown('#findings'), true, name);
    assert.equal(await shown('.editor'), media !== 'print', `${name}: the editor`);
    assert.equal(await shown('#suggest'), media !== 'print', `${name}: the toolbar's buttons`);
    // Every assigned address is in the report as it stands, nothing to open first.
    const assigned = await page.$eval('#assigned', (e) => e.innerText);
    for (const address of ['10.20.0.150', '10.20.0.21', '10.20.0.30-10.20.0.32', '10.20.0.100-10.20.0.199', '10.20.0.6-10.20.0.7']) {
      assert.ok(assigned.includes(address), `${name}: ${address} in the assigned addresses`);
    }
    if (media === 'print') {
      // No table runs past the edge of the page.
      const cut = await page.$$eval('table', (tables) => tables
        .filter((t) => t.offsetParent !== null && t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((t) => t.closest('section')?.id ?? t.className));
      assert.deepEqual(cut, [], `${name}: tables wider than the page`);
    }
    await page.context().close();
  }
  // Printed on A4, the report starts on the first page: it is not nearly empty.
  const page = await env.open('', { saved: VMWARE });
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000);
  assert.ok(await page.$eval('#findings', (e) => e.getBoundingClientRect().top) < 1000, 'the findings start on page one');
  await page.context().close();
  assert.deepEqual(env.errors, []);
  for (const url of env.requests) {
    assert.ok(url.startsWith(env.url) || url.startsWith('data:') || url.startsWith('blob:'), `request left the page: ${url}`);
  }
});
