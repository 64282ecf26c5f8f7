// Starts the WebAssembly app. An external module, so the strict CSP needs no hash or nonce.
import init from './app.js';
await init({ module_or_path: new URL('app_bg.wasm', import.meta.url) });
