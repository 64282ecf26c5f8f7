#!/usr/bin/env bash
# Builds the npm package @shuzhuan/policy (crates/wasm: wasm-bindgen bindings over the policy
# core, wasm-pack --target web) into target/pkg/ — the browser's module built for size, and in
# target/pkg/node/ the same bindings built for speed, which Node imports — then copies the
# browser's part to dist/pkg/ beside the app with the plain-JS demo page (dist/pkg-demo.html)
# that the browser tests drive.
# Run after scripts/build-app.sh, which empties dist/. Installs what it needs first, skipping what
# is already there: the wasm32 target, wasm-bindgen-cli, wasm-pack, npm's binaryen.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_wasm_pack

OUT=target/pkg
echo "== building the npm package (wasm-pack, profile wasm: opt-level z, LTO, one codegen unit, panic=abort)"
# --profile wasm is the workspace's size profile (the app's too, so the core's artifacts are
# shared). --no-opt: npm's wasm-opt runs below with the app's flags (wasm-pack would otherwise
# look for binaryen on GitHub). --mode no-install: wasm-pack uses the wasm-bindgen 0.2.130 on PATH.
# npm's .bin goes first on PATH all the same, so no other wasm-opt can be picked up.
PATH="$PWD/node_modules/.bin:$PATH" wasm-pack --quiet build crates/wasm --mode no-install --target web \
  --profile wasm --no-opt --no-gitignore --out-dir "$PWD/$OUT" --out-name shuzhuan -- --locked
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals \
  "$OUT/shuzhuan_bg.wasm" -o "$OUT/shuzhuan_bg.wasm"
# Node's entry (package.json's "node" condition): the same bindings built for speed (profile
# wasm-speed, wasm-opt -O3), since a server does not download the module and screens many firms:
# about twice as fast per call (docs/performance.md). Same features, so wasm-bindgen writes the
# same glue; node/index.js (crates/wasm/node.js) initialises it from its own file when imported.
echo "== building the package's Node module for speed (profile wasm-speed, wasm-opt -O3)"
PATH="$PWD/node_modules/.bin:$PATH" wasm-pack --quiet build crates/wasm --mode no-install --target web \
  --profile wasm-speed --no-opt --no-gitignore --no-pack --out-dir "$PWD/target/pkg-speed" --out-name shuzhuan -- --locked
cmp -s target/pkg-speed/shuzhuan.js "$OUT/shuzhuan.js" \
  || { echo "the speed build's glue differs from the size build's: node/ would not match shuzhuan.d.ts"; exit 1; }
rm -rf "$OUT/node" && mkdir -p "$OUT/node"
node_modules/.bin/wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals \
  target/pkg-speed/shuzhuan_bg.wasm -o "$OUT/node/shuzhuan_bg.wasm"
cp target/pkg-speed/shuzhuan.js "$OUT/node/shuzhuan.js"
cp crates/wasm/node.js "$OUT/node/index.js"
# The catalogue notes travel with the package for loadNotes (fetched only by hosts that want them).
cp crates/policy/data/gbt4754-2017-notes.csv "$OUT/"
# wasm-pack names the package after the crate; publish it as @shuzhuan/policy.
node - "$OUT/package.json" <<'JS'
const fs = require('node:fs');
const file = process.argv[2];
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
pkg.name = '@shuzhuan/policy';
pkg.description = 'Eligibility and subsidy estimates for China\'s SME digital-transformation pilot cities, in WebAssembly: check, estimate, programmes, searchIndustry, validateUscc';
pkg.files = [...new Set([...(pkg.files || []), 'node/', 'gbt4754-2017-notes.csv', 'README.md'])];
// Node gets the speed build, ready on import; browsers and bundlers the size build. Every file
// stays reachable by its path (the wasm for initSync, the notes for loadNotes).
// node/index.js initialises the module when imported: a side effect a bundler must keep.
pkg.sideEffects = [...new Set([...(pkg.sideEffects || []), './node/index.js'])];
pkg.exports = {
  '.': { types: './shuzhuan.d.ts', node: './node/index.js', default: './shuzhuan.js' },
  './package.json': './package.json',
  './*': './*',
};
pkg.keywords = ['数字化转型', 'SME', 'subsidy', 'webassembly', 'GB/T 4754', 'USCC'];
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
JS

echo "== copying the package to dist/pkg/ with the demo page"
[ -f dist/index.html ] || { echo "dist/ has no app: run scripts/build-app.sh first"; exit 1; }
rm -rf dist/pkg && mkdir -p dist/pkg
cp "$OUT"/shuzhuan.js "$OUT"/shuzhuan_bg.wasm "$OUT"/shuzhuan.d.ts "$OUT"/shuzhuan_bg.wasm.d.ts \
  "$OUT"/package.json "$OUT"/README.md "$OUT"/gbt4754-2017-notes.csv dist/pkg/
# Not node/: no browser loads it, and dist/ is what `shuzhuan site` and the kiosk binary carry.
cp www/pkg-demo.html www/pkg-demo.js dist/
# Precompressed siblings, as build-app.sh writes them for the app.
for f in dist/pkg/*.wasm dist/pkg/*.js dist/pkg/*.csv dist/pkg-demo.html dist/pkg-demo.js; do
  gzip -9 -k -f "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done
for f in dist/pkg/shuzhuan_bg.wasm dist/pkg/shuzhuan.js; do
  raw=$(stat -c%s "$f"); gz=$(stat -c%s "$f.gz")
  br=$( [ -f "$f.br" ] && stat -c%s "$f.br" || echo "-")
  printf "   %-20s %8s raw %8s gzip %8s brotli\n" "${f#dist/pkg/}" "$raw" "$gz" "$br"
done
# The offline service worker precaches every file in dist/: list the package's files too.
if declare -F write_service_worker >/dev/null && [ -f www/sw.js ]; then write_service_worker; fi
echo "== dist/pkg/ is ready"
