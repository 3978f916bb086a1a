// The page's two modules keep to their sides: the first module, which every visit loads, holds
// none of what the second carries (the exports and the workbook writer, the used-address and
// Azure readers, the diff, the conversion, the firewall lists, the parts it draws, serde_json). The compiler
// already refuses a first-module call to them (feature `page-tools`); this reads the function
// names of the release build's first module (the wasm as rustc wrote it, before wasm-bindgen and
// wasm-opt drop the names) to be sure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// scripts/build-page builds on the pinned nightly into target/page-nightly, else on stable.
const candidates = ['target/page-nightly', 'target']
  .map((dir) => join(root, dir, 'wasm32-unknown-unknown', 'release', 'aksarc-netplan.wasm'))
  .filter((path) => { try { return statSync(path).isFile(); } catch { return false; } })
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);

// Mangled names (Rust's v0 scheme, and the legacy one alike) spell a path as its identifiers,
// each after its length: `aksarc_netplan::exports::x` holds `14aksarc_netplan7exports`. A
// crate's own code is a path into it (an identifier follows the crate's); a generic of another
// crate merely instantiated there ends with the crate's name, and is not counted.
const CHECK = /14aksarc_netplan5check/;
const SECOND = [
  ['serde_json', /10serde_json\d/],
  ['exports', /14aksarc_netplan7exports/],
  ['used', /14aksarc_netplan4used/],
  ['firewall', /14aksarc_netplan8firewall/],
  ['web::parts', /14aksarc_netplan3web5parts/],
  ['azure', /14aksarc_netplan5azure/],
  ['diff', /14aksarc_netplan4diff/],
  ['convert', /14aksarc_netplan7convert/],
  ['rust_xlsxwriter', /15rust_xlsxwriter\d/],
];

/** Every function name of a wasm file's name section, as one text. */
function names(path) {
  const module = new WebAssembly.Module(readFileSync(path));
  const sections = WebAssembly.Module.customSections(module, 'name');
  return sections.map((s) => Buffer.from(s).toString('latin1')).join('\n');
}

test('the first module holds no code of the second module or serde_json', () => {
  assert.ok(candidates.length > 0, 'no release build of the first module: run scripts/build-page');
  const text = names(candidates[0]);
  // The names are there at all: the engine's own checks are in the first module.
  assert.match(text, CHECK, `${candidates[0]} has no function names to read`);
  for (const [what, pattern] of SECOND) {
    const found = text.match(pattern);
    assert.equal(found, null, `the first module holds ${what} code (${found?.[0]})`);
  }
});

test('the check itself finds what it looks for', () => {
  // The same reading of the second module, which carries all of it, must find each.
  const tools = candidates.map((p) => p.replace(/aksarc-netplan\.wasm$/, 'aksarc-netplan-tools.wasm'))
    .filter((path) => { try { return statSync(path).isFile(); } catch { return false; } });
  assert.ok(tools.length > 0, 'no release build of the second module: run scripts/build-page');
  const text = names(tools[0]);
  for (const [what, pattern] of SECOND) {
    assert.match(text, pattern, `the second module's names have no ${what}: the check reads nothing`);
  }
});
