import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, total } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test('the release build shows the worked example and stays on 127.0.0.1', async () => {
  const page = await env.open();
  assert.equal(await total(page, 'node_ips'), 8);
  assert.equal(await total(page, 'control_plane_ips'), 2);
  assert.equal(await total(page, 'lb_ips'), 3);
  assert.deepEqual(env.errors, []);
  for (const url of env.requests) {
    assert.ok(url.startsWith(env.url) || url.startsWith('data:'), `request left the page: ${url}`);
  }
});
