// Starts the WebAssembly app. An external module, so the strict CSP needs no hash or nonce.
// Kiosk mode (index.html?kiosk): large type, no autofill, idle wipe, links that keep kiosk mode,
// the QR code of the result. First, so that the static page's links keep kiosk mode too.
const kiosk = new URLSearchParams(location.search).has('kiosk') ? import('./kiosk.js') : null;
// The static start page in index.html paints first. The app replaces those nodes, so it waits
// until the browser has recorded that paint (its largest-contentful-paint candidate; at most
// 300 ms): otherwise the paint is dropped and the page counts as painted only once the WASM runs.
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
// Fetched only now, so the static page's paint never waits on the app's bytes. The module is
// requested beside its glue, not by the glue once it has arrived and run: one round trip less
// before the app is interactive.
const wasm = fetch(new URL('app_bg.wasm', import.meta.url));
// The rules (a pack built by `shuzhuan rules build`; a city deploys its own by replacing this
// file), fetched beside the module. A failure is handed to the app, which then says so and gives
// no verdict.
const rules = fetch(new URL('rules.json', import.meta.url)).then(
  (res) => (res.ok ? res.text() : Promise.reject(new Error(`HTTP ${res.status}`))),
);
rules.catch(() => {}); // (answered below, once the app can say it)
const app = await import('./app.js');
await app.default({ module_or_path: wasm });
try {
  app.load_rules(await rules);
} catch (e) {
  app.rules_unavailable(String(e && e.message || e));
}
// Instantiating, reading the rules (a step per programme) and mounting run as short tasks with
// the browser free to handle input (and paint) between them, so none is a long task even on a
// slow phone.
const yieldToBrowser = () => new Promise((resolve) => setTimeout(resolve, 0));
do await yieldToBrowser(); while (!app.prepare());
await yieldToBrowser();
app.mount();
await kiosk; // (had it failed to load, the page would say so here)
// Offline support: index.html loads offline.js on its own (so a page whose app fails still gets
// the worker and its update offer); on a first visit it registers the worker once this says the
// app has started, so the worker's downloads do not compete with the app's.
import('./offline.js').then((m) => m.registerServiceWorker()).catch(() => {});
