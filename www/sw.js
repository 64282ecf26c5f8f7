// The service worker: precaches every static file of the app (and of the widgets, when built)
// under a cache named for this build, and serves them from there, so the app works with no
// network after one visit (the offline kiosk). Only these static files are stored — never
// anything a user typed: inputs live in the page's memory and the URL fragment, and fragments
// are not part of requests.
//
// scripts/build-app.sh fills in VERSION (a hash of the built files) and ASSETS (their list).
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = `shuzhuan-${VERSION}`;

self.addEventListener('install', (event) => {
  // A new version waits until the page agrees to switch (it offers "update" to the user), except
  // on the first install, when there is nothing to replace.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS.map((a) => new Request(a, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('shuzhuan-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Navigations (any ?query, e.g. ?kiosk or embed.html?widget=…) are answered by their page.
    const key = req.mode === 'navigate' ? url.pathname : req;
    const hit = await cache.match(key, { ignoreSearch: req.mode === 'navigate' });
    if (hit) return hit;
    return fetch(req);
  })());
});
