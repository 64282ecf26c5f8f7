// Starts the WebAssembly app. An external module, so the strict CSP needs no hash or nonce.
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
// Fetched only now, so the static page's paint never waits on the app's bytes.
const { default: init } = await import('./app.js');
await init({ module_or_path: new URL('app_bg.wasm', import.meta.url) });
