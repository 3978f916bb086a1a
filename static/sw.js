// Service worker: keeps the app shell so the page works offline after the first visit.
// The build (scripts/postbuild.mjs) fills in VERSION (a hash of every shell file) and FILES;
// a new build has a new VERSION, so the browser installs it, and old caches are removed.
const VERSION = '__VERSION__';
const FILES = __FILES__;
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

// Pages: network first (a new build is picked up), the cached shell when offline.
// Hashed assets: cache first. Nothing else is fetched by the page.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() => caches.match('./index.html', { ignoreSearch: true }).then((r) => r ?? Response.error())),
    );
    return;
  }
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? fetch(request)));
});
