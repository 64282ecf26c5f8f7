// Starts the WebAssembly app. An external module, so the strict CSP needs no hash or nonce.
// The static start page in index.html paints first; the app takes over after that frame.
import init from './app.js';
await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
await init({ module_or_path: new URL('app_bg.wasm', import.meta.url) });
