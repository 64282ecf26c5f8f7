// Starts the self-assessment page's own WebAssembly module (apps/assess): loaded only when
// assess.html is opened, never by the main app. An external module, so the strict CSP needs no
// hash or nonce. As in boot.js, the static first step paints first and the module is fetched
// once the browser has recorded that paint (at most 300 ms), then mounts over it.
// Kiosk mode (assess.html?kiosk, reached from the kiosk's app): as on the app's pages, first.
const kiosk = new URLSearchParams(location.search).has('kiosk') ? import('./kiosk.js') : null;
await new Promise((resolve) => {
  const done = () => { clearTimeout(timer); resolve(); };
  const timer = setTimeout(done, 300);
  try {
    new PerformanceObserver((list, observer) => {
      if (list.getEntries().length) { observer.disconnect(); done(); }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {
    requestAnimationFrame(() => setTimeout(done, 0));
  }
});
// The site's rules (which programmes' subsidies a level changes), fetched beside the module.
const rules = fetch(new URL('rules.json', import.meta.url)).then(
  (res) => (res.ok ? res.text() : Promise.reject(new Error(`HTTP ${res.status}`))),
);
rules.catch(() => {}); // (answered below, once the page can say it)
const page = await import('./assess.js');
await page.default({ module_or_path: new URL('assess_bg.wasm', import.meta.url) });
try {
  page.load_rules(await rules);
} catch (e) {
  page.rules_unavailable(String(e && e.message || e));
}
// Parsing the embedded questionnaire and mounting run after a pause for input and paint.
await new Promise((resolve) => setTimeout(resolve, 0));
page.mount();
await kiosk; // (had it failed to load, the page would say so here)
// Offline support (the service worker precaches this page and its module too): assess.html loads
// offline.js on its own; this tells it the page has started (see boot.js).
import('./offline.js').then((m) => m.registerServiceWorker()).catch(() => {});
