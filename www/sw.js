// The service worker: keeps the static files of one build in a cache named for that build and
// serves them from there, so the app works with no network after one visit (the offline kiosk).
// Only static files are stored — never anything a user typed: inputs live in the page's memory
// and the URL fragment, and fragments are not part of requests.
//
// Nothing is cached unless its body is the build's: scripts/write-sw.mjs writes into this file the
// SHA-256 of every file of the build (HASHES), and each body is checked against it before it is
// stored. A captive portal's login page answered with 200 for app_bg.wasm is therefore never
// kept: a first install fails (nothing cached, the network is used), an update fails (the old
// version stays active), and the pages say so (offline.js); the browser tries again on a later
// visit.
//
// PRECACHE is what the offline journeys need (the app with its catalogue and kiosk script, the
// self-assessment page), fetched at install. Every other listed file (the npm package, the
// widgets, the reviewers' pages, the demo pages) is cached when a page first uses it.
//
// scripts/write-sw.mjs fills in VERSION (a hash of the built files), PRECACHE and HASHES.
const VERSION = '__VERSION__';
const PRECACHE_PATHS = __PRECACHE__;
const HASH_OF_PATH = __HASHES__;
const CACHE = `shuzhuan-${VERSION}`;

// Absolute URLs, so that a request's URL is looked up as it is.
const at = (path) => new URL(path, self.location).href;
const HASHES = new Map(Object.entries(HASH_OF_PATH).map(([path, hash]) => [at(path), hash]));
const PRECACHE = PRECACHE_PATHS.map(at);

/** Why a file could not be stored: 'network' (no answer) or 'check' (not the build's body). */
class Failure extends Error {
  constructor(reason, url) {
    super(`${reason}: ${url}`);
    this.reason = reason;
    this.url = url;
  }
}

/** True when `res` is a plain 200 whose body has the SHA-256 the build listed for `url`. */
async function verified(url, res) {
  if (res.status !== 200 || res.redirected) return false;
  const digest = await crypto.subtle.digest('SHA-256', await res.clone().arrayBuffer());
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return hex === HASHES.get(url);
}

/** A response for a listed file with the build's body: from an older version's cache when the file
 *  did not change, else from the browser's HTTP cache (the page has usually just fetched it), else
 *  from the network. Throws a Failure when none of them has the right body. */
async function obtain(url) {
  const old = await caches.match(url);
  if (old && await verified(url, old)) return old;
  for (const cache of ['force-cache', 'reload']) {
    let res;
    try {
      res = await fetch(url, { cache });
    } catch {
      throw new Failure('network', url);
    }
    if (await verified(url, res)) return res;
  }
  throw new Failure('check', url);
}

/** Stores a listed file's response in this version's cache, if its body is the build's and this
 *  version is still the one in use (a newer one deletes this cache when it takes over). */
async function keep(url, res) {
  if (!(await verified(url, res)) || !(await caches.has(CACHE))) return;
  await (await caches.open(CACHE)).put(url, res);
}

/** Tells the open pages (offline.js) that this version could not be installed, and why. */
async function tell(failure) {
  const file = failure instanceof Failure ? new URL(failure.url).pathname.slice(new URL(at('./')).pathname.length) : '';
  const reason = failure instanceof Failure ? failure.reason : 'storage';
  for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
    client.postMessage({ type: 'shuzhuan-install-failed', reason, file });
  }
}

self.addEventListener('install', (event) => {
  // A new version waits until the page agrees to switch (it offers "update" to the user), except
  // on the first install, when there is nothing to replace. Nothing is stored until every
  // precached file has passed its check; on any failure this version's cache is removed and the
  // install fails, so the version before (if any) stays in use.
  event.waitUntil((async () => {
    try {
      const files = await Promise.all(PRECACHE.map(async (url) => [url, await obtain(url)]));
      const cache = await caches.open(CACHE);
      for (const [url, res] of files) await cache.put(url, res);
      // Files the version before cached when they were used, and this build did not change.
      for (const url of HASHES.keys()) {
        if (PRECACHE.includes(url)) continue;
        const old = await caches.match(url);
        if (old && await verified(url, old)) await cache.put(url, old);
      }
    } catch (failure) {
      await caches.delete(CACHE);
      await tell(failure);
      throw failure;
    }
  })());
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
  // A page that loaded before this worker controlled it lists the files it used (offline.js):
  // those of the build that are not cached yet are stored now, checked like the rest.
  if (event.data?.type === 'cache-used' && Array.isArray(event.data.urls)) {
    event.waitUntil((async () => {
      const cache = await caches.open(CACHE);
      for (const url of new Set(event.data.urls)) {
        if (!HASHES.has(url) || await cache.match(url)) continue;
        const res = await obtain(url).catch(() => null);
        if (res) await keep(url, res);
      }
    })());
  }
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  // Navigations (any ?query, e.g. ?kiosk or embed.html?widget=…) are answered by their page.
  const key = req.mode === 'navigate' ? url.origin + url.pathname : req.url;
  event.respondWith((async () => {
    const hit = await (await caches.open(CACHE)).match(key);
    if (hit) return hit;
    const res = await fetch(req);
    // A listed file not cached yet (a module other than the precached ones, used for the first
    // time) is stored once its body has passed the check; the page gets the response either way.
    if (HASHES.has(key)) event.waitUntil(keep(key, res.clone()));
    return res;
  })());
});
