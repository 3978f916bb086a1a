// A minimal static file server for dist/: what any static host does (gzip included), nothing more.
// Used by `scripts/serve` and by the end-to-end tests (which start it on a free port).
//   node scripts/static-server.mjs DIR [PORT]     (PORT 0 picks a free one; prints the URL)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `dir` on 127.0.0.1:`port`; resolves to { server, url, requests, sent } once
 *  listening (`sent`: the path and the body bytes of every answer, for the benchmarks). */
export function serve(dir, port = 0) {
  const root = resolve(dir);
  const requests = [];
  const sent = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      // Revalidated on every use (no-cache) but by its tag, as static hosts do: an unchanged file
      // is answered with 304 and no body.
      const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        etag,
        vary: 'accept-encoding',
      };
      if (req.headers['if-none-match'] === etag) {
        sent.push({ path, bytes: 0 });
        res.writeHead(304, headers).end();
        return;
      }
      let body = await readFile(file);
      // Text and wasm go compressed when the browser takes gzip, as static hosts send them: the
      // build's precompressed FILE.gz when there is one, else compressed here.
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && !['.png', '.ico'].includes(extname(file))) {
        body = await readFile(`${file}.gz`).catch(() => gzipSync(body, { level: 9 }));
        headers['content-encoding'] = 'gzip';
      }
      sent.push({ path, bytes: body.length });
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      ok({ server, url: `http://127.0.0.1:${server.address().port}/`, requests, sent });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  serve(dir, Number(port)).then(
    ({ url }) => console.log(`serving ${dir} on ${url} (Ctrl-C stops)`),
    (e) => {
      console.error(`cannot serve on 127.0.0.1:${port}: ${e.message}`);
      process.exit(1);
    },
  );
}
