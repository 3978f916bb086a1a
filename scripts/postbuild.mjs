// Trunk post-build hook (see Trunk.toml). Runs on the staged dist/ before Trunk publishes it:
//  1. adds the Content-Security-Policy to index.html (the one inline script allowed by its hash);
//  2. writes sw.js with this build's version and file list (offline after the first visit);
//  3. writes aksarc-netplan-offline.html: one self-contained file (CSS, JS glue and wasm inline)
//     that works when opened from disk with no network;
//  4. precompresses every file with zopfli as FILE.gz, for hosts that send those.
// Before all that it copies in the page's second module (the parts it draws, share links, the
// strict plan reader), which scripts/build-page built into target/page-tools, named by its
// content like Trunk's files, and the stylesheet of those parts (static/parts.css, loaded with
// the module); shortens both modules' import names (scripts/short-imports.mjs); and minifies
// the hosted glue, stylesheets and service worker with esbuild.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shortenImports } from './short-imports.mjs';
import esbuild from '../tools/node_modules/esbuild/lib/main.js';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set; run through `trunk build`');
  process.exit(1);
}
export const OFFLINE = 'aksarc-netplan-offline.html';

const sha256 = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const fail = (what) => { console.error(`postbuild: ${what}`); process.exit(1); };

function csp(scriptHashes, styleSrc, connect) {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.join(' ')} 'wasm-unsafe-eval'`,
    `style-src ${styleSrc}`,
    "img-src 'self' data: blob:",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

// esbuild minifies what the hosted page loads: the JS glue, the stylesheets and the service worker.
const minify = (code, loader, module = loader === 'js') => esbuild.transformSync(code, { loader, minify: true, format: module ? 'esm' : undefined }).code;

// 0. The second module, its import names shortened (scripts/short-imports.mjs), content-hashed,
// its glue minified (the offline file below inlines it as it was).
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, 'target', 'page-tools');
const toolsGlueOut = await readFile(join(toolsDir, 'aksarc-netplan-tools.js'), 'utf8')
  .catch(() => fail(`no second module in ${toolsDir}; build the page with scripts/build-page`));
const { glue: toolsGlueIn, wasm: toolsWasm } = shortenImports(await readFile(join(toolsDir, 'aksarc-netplan-tools_bg.wasm')), toolsGlueOut);
const toolsHash = createHash('sha256').update(toolsGlueIn).update(toolsWasm).digest('hex').slice(0, 16);
const toolsWasmName = `aksarc-netplan-tools-${toolsHash}_bg.wasm`;
const toolsGlueName = `aksarc-netplan-tools-${toolsHash}.js`;
await writeFile(join(staging, toolsWasmName), toolsWasm);
await writeFile(join(staging, toolsGlueName), minify(toolsGlueIn, 'js'));
// The parts' stylesheet, which the loader below links when it first loads the module: nothing of
// it is on the first screen, so a first visit does without it.
const partsCss = minify(await readFile(join(root, 'static', 'parts.css'), 'utf8'), 'css');
const partsName = `parts-${createHash('sha256').update(partsCss).digest('hex').slice(0, 16)}.css`;
await writeFile(join(staging, partsName), partsCss);
const toolsFiles = [toolsGlueName, toolsWasmName, partsName];

const indexPath = join(staging, 'index.html');
let index = await readFile(indexPath, 'utf8');
if (!/<script type="module">[\s\S]*?<\/script>/.test(index)) fail('no inline module script in index.html');
const glueName = index.match(/from '\.\/([^']+\.js)'/)?.[1] ?? fail('cannot find the JS glue in index.html');
const wasmName = index.match(/module_or_path: '\.\/([^']+\.wasm)'/)?.[1] ?? fail('cannot find the wasm file in index.html');
const cssName = index.match(/href="\.\/(style-[^"]+\.css)"/)?.[1] ?? fail('cannot find the stylesheet in index.html');

// The first module's import names shortened the same way, its glue and the stylesheet minified
// (the offline file below inlines the glue as it was: it finds the glue's exports by their
// lines); their links keep matching integrity hashes.
function withIntegrity(html, rel, name, text) {
  const link = new RegExp(`(<link rel="${rel}" href="\\./${name.replace(/\./g, '\\.')}"[^>]*integrity=")[^"]*(")`);
  if (!link.test(html)) fail(`no ${rel} link of ${name} in index.html`);
  const integrity = `sha384-${createHash('sha384').update(text).digest('base64')}`;
  return html.replace(link, (_, before, after) => `${before}${integrity}${after}`);
}
const short = shortenImports(await readFile(join(staging, wasmName)), await readFile(join(staging, glueName), 'utf8'));
if (short.renamed === 0) fail('no import names to shorten in the first module');
const glueFull = short.glue;
await writeFile(join(staging, wasmName), short.wasm);
const glueMin = minify(glueFull, 'js');
await writeFile(join(staging, glueName), glueMin);
index = withIntegrity(index, 'modulepreload', glueName, glueMin);
const cssMin = minify(await readFile(join(staging, cssName), 'utf8'), 'css');
await writeFile(join(staging, cssName), cssMin);
index = withIntegrity(index, 'stylesheet', cssName, cssMin);

// 1. The hosted page. The static heading and intro of index.html are the first paint: the wasm
// is fetched and started only after the first frame. The starter also defines how the page
// loads its second module, once, when first needed, with the parts' stylesheet: linked at the
// end of the head (after the page's, as in the offline file); the module resolves once both are
// in, so the parts never draw unstyled. A stylesheet that failed goes, so "Try again" links it
// anew. (Like the module, it has no integrity hash: from the page's own origin, it would guard
// nothing that index.html does not, at some 60 bytes of every first visit.)
// Then the policy: scripts from itself plus the one inline starter, by hash (of the starter as
// minified: every first visit carries it).
const starter = minify(`
let tools;
globalThis.aksarcNetplanTools = () => tools ??= Promise.all([
  import('./${toolsGlueName}').then(async (m) => { await m.default({ module_or_path: './${toolsWasmName}' }); return m; }),
  new Promise((onload, no) => document.head.append(Object.assign(document.createElement('link'),
    { rel: 'stylesheet', href: './${partsName}', onload, onerror() { this.remove(); no(new Error('its stylesheet did not load')); } }))),
]).then(([m]) => m)
  .catch((e) => { tools = undefined; throw e; });
await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
const { default: init } = await import('./${glueName}');
await init({ module_or_path: './${wasmName}' });
`, 'js');
index = index.replace(/<script type="module">[\s\S]*?<\/script>/, () => `<script type="module">${starter}</script>`);
// The wasm is not preloaded: fetched once the first frame is painted, it does not compete with
// it. (Preloaded, Lighthouse's simulated phone counted its download into the largest paint:
// 2.0 s against 0.9 s.)
if (!/<link rel="preload"[^>]*_bg\.wasm"[^>]*>/.test(index)) fail('no wasm preload in index.html to take out');
index = index.replace(/<link rel="preload"[^>]*_bg\.wasm"[^>]*>\s*/, '');
const hostedPolicy = csp(["'self'", sha256(starter)], "'self'", "'self'");
// (Replacement functions, not strings: the inserted text may contain `$` patterns.)
index = index.replace('<meta charset="utf-8">',
  () => `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${hostedPolicy}">`);
await writeFile(indexPath, index);

// 2. The service worker, versioned by the content of every file it caches. It precaches the
// shell; the second module and its stylesheet it keeps once the page fetches them, and fetches
// them itself on a later visit (LATER), so a first visit loads only the shell.
// The PNG icons are fetched by the browser only when someone installs the page; not precached.
const files = (await readdir(staging))
  .filter((f) => f !== 'sw.js' && f !== OFFLINE && !f.endsWith('.png') && !f.endsWith('.gz') && !toolsFiles.includes(f)).sort();
const hash = createHash('sha256');
for (const f of [...files, ...toolsFiles]) hash.update(f).update(await readFile(join(staging, f)));
const version = hash.digest('hex').slice(0, 16);
const sw = (await readFile(join(staging, 'sw.js'), 'utf8'))
  .replace("'__VERSION__'", `'${version}'`)
  .replace('__FILES__', JSON.stringify(['./', ...files.filter((f) => f !== 'index.html').map((f) => `./${f}`)]))
  .replace('__LATER__', JSON.stringify(toolsFiles.map((f) => `./${f}`)));
// (A classic script, not a module.)
await writeFile(join(staging, 'sw.js'), minify(sw, 'js', false));

// 3. The single file: the glue as an inline module without its export line, the wasm as base64
// started with initSync, the stylesheet inline; its policy allows exactly these by hash.
// The second module is inline too, its glue inside a function (its names would clash with the
// first's), started on first use like the hosted page's; its parts' stylesheet is inline from
// the start, after the page's.
const exportLine = /^export \{([^}]*)\};?\s*$/m;
const glue = glueFull.replace(exportLine, '');
const wasm = (await readFile(join(staging, wasmName))).toString('base64');
const toolsExports = [
  ...(toolsGlueIn.match(exportLine) ?? fail('no export line in the second module\'s glue'))[1]
    .split(',').map((e) => e.trim()).filter((e) => e && !e.includes(' as ')),
  ...[...toolsGlueIn.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]),
];
const toolsInline = `(() => {
${toolsGlueIn.replace(exportLine, '').replace(/^export (function|class) /gm, '$1 ')}
initSync({ module: fromBase64("${toolsWasm.toString('base64')}") });
return { ${toolsExports.join(', ')} };
})`;
const css = await readFile(join(staging, cssName), 'utf8');
const script = `${glue}
const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
let tools;
globalThis.aksarcNetplanTools = () => tools ??= Promise.resolve().then(${toolsInline});
initSync({ module: fromBase64("${wasm}") });
`;
const offlinePolicy = csp([sha256(script)], `${sha256(css)} ${sha256(partsCss)}`, "'none'");
const head = index
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, () => `<meta http-equiv="Content-Security-Policy" content="${offlinePolicy}">`)
  .replace(/<link rel="stylesheet"[^>]*>/, () => `<style>${css}</style>\n  <style>${partsCss}</style>`)
  .replace(/<script type="module">[\s\S]*?<\/script>/, () => `<script type="module">${script}</script>`)
  .replace(/<link rel="(modulepreload|preload|manifest|apple-touch-icon)"[^>]*>/g, '')
  .replace(/<link rel="icon"[^>]*>/g, '')
  // Filled in with the hosted page's address when the page hands out this file, so share links
  // made in the file point back there.
  .replace('</title>', () => '</title>\n  <meta name="aksarc-netplan-home" content="">\n  <link rel="icon" href="data:,">');
await writeFile(join(staging, OFFLINE), head);

// 4. Every file but the PNG icons also as FILE.gz, made by zopfli: standard gzip that takes about
// 5 % less than gzip -9, for hosts that send a file's .gz when there is one (nginx gzip_static,
// Caddy's precompressed, scripts/serve). Without zopfli (scripts/setup installs it) there are no
// .gz files and such hosts compress as they always do.
let precompressed = 0;
let zopfli = true;
try {
  execFileSync('zopfli', ['-h'], { stdio: 'ignore' });
} catch {
  zopfli = false;
  console.warn('postbuild: zopfli is not installed (scripts/setup installs it); no precompressed .gz files');
}
// (A zopfli that is there but fails stops the build: half the files precompressed is no state.)
for (const f of zopfli ? await readdir(staging) : []) {
  if (f.endsWith('.png') || f.endsWith('.gz')) continue;
  execFileSync('zopfli', ['--i15', join(staging, f)]);
  precompressed++;
}
console.log(`postbuild: CSP added, sw.js version ${version} (${files.length} files), ${OFFLINE} ${(head.length / 1024).toFixed(0)} KiB, ${precompressed} files precompressed`);
