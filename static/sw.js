// Service worker: keeps the app shell so the page works offline after the first visit.
// The build (scripts/postbuild.mjs) fills in VERSION (a hash of every shell file) and FILES;
// a new build has a new VERSION, so the browser installs it, and old caches are removed.
const VERSION = '__VERSION__';
const FILES = __FILES__;
// The page's second module (the parts it draws, share links, the strict plan reader) and the
// stylesheet of its parts: not part of a first visit. Kept once the page fetches them, and
// fetched here on a later visit, so they are there offline from then on.
const LATER = __LATER__;
const CACHE = `aksarc-netplan-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('aksarc-netplan-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Pages: network first (a new build is picked up), the cached shell when offline. The shell is
// kept under './', the address the page is first opened at, so the precache revalidates what
// the browser already has instead of fetching index.html again under a second name.
// Hashed assets: cache first. Nothing else is fetched by the page.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.waitUntil(keepLater());
    event.respondWith(
      fetch(request).catch(() => caches.match('./', { ignoreSearch: true }).then((r) => r ?? Response.error())),
    );
    return;
  }
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? fetchAndKeep(request)));
});

async function fetchAndKeep(request) {
  const response = await fetch(request);
  if (response.ok && LATER.some((f) => request.url.endsWith(f.slice(1)))) {
    const copy = response.clone();
    await caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

// Fetches what LATER lists and is not kept yet; offline, it tries again on the next visit.
async function keepLater() {
  const cache = await caches.open(CACHE);
  for (const f of LATER) {
    if (!(await cache.match(f))) await cache.add(f).catch(() => {});
  }
}
