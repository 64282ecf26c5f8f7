// The package's entry in Node (package.json's "node" export condition): the same bindings as
// shuzhuan.js, over the module built for speed (profile wasm-speed, wasm-opt -O3: about twice as
// fast as the browser's size build, for about 55 % more bytes, which a server does not download),
// initialised from the file beside this one when imported — no `init()` or `initSync()` needed
// (calling either afterwards does nothing). Built by scripts/build-pkg.sh into node/.
import { readFileSync } from 'node:fs';
import { initSync } from './shuzhuan.js';

initSync({ module: readFileSync(new URL('./shuzhuan_bg.wasm', import.meta.url)) });

export * from './shuzhuan.js';
export { default } from './shuzhuan.js';
