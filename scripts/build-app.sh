#!/usr/bin/env bash
# Builds the browser app into dist/ (static files any web server can host).
# Installs what it needs first, skipping what is already there at the right version:
# the wasm32 target, wasm-bindgen-cli 0.2.130, and npm's binaryen (wasm-opt 132).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_wasm_tools

echo "== building app and self-assessment page (release, wasm32)"
# Two modules: the main app (app/) and the self-assessment page (apps/assess), which only
# assess.html loads, so the main app's first load does not carry it.
cargo build --locked --profile wasm --target wasm32-unknown-unknown -p shuzhuan-app -p shuzhuan-assess-app
rm -rf dist && mkdir -p dist
# wasm-bindgen (--target web) then npm binaryen's wasm-opt -Oz, the same way for each module.
bind_and_optimise() { # crate file name, output name
  wasm-bindgen --target web --no-typescript --out-dir dist --out-name "$2" \
    "target/wasm32-unknown-unknown/wasm/$1.wasm"
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "dist/$2_bg.wasm" -o "dist/$2_bg.wasm"
}
bind_and_optimise shuzhuan_app app
bind_and_optimise shuzhuan_assess_app assess
cp www/index.html www/boot.js www/offline.js www/kiosk.js www/kiosk.css www/styles.css www/icon.svg dist/
# The kiosk's QR encoder (npm uqr, MIT), loaded only in kiosk mode.
mkdir -p dist/vendor
cp node_modules/uqr/dist/index.mjs dist/vendor/uqr.mjs
cp node_modules/uqr/LICENSE dist/vendor/uqr.LICENSE.txt 2>/dev/null || true
# The GB/T 4754 catalogue, fetched by the app when the self-check starts (not part of the first load).
cp crates/policy/data/gbt4754-2017.csv crates/policy/data/gbt4754-2017-notes.csv dist/
cp www/manifest.webmanifest dist/
# The rules: the seed programmes as a pack (validated by `shuzhuan rules build`), fetched by the
# app beside its module. A city deploys its own by replacing this file (`shuzhuan site`).
cargo run --locked --quiet -p shuzhuan-cli -- rules build crates/policy/rules -o dist/rules.json
# The self-assessment page: its static shell and boot script (its module is assess.js + assess_bg.wasm).
cp www/assess.html www/assess-boot.js www/assess.css dist/
# The service worker precaches every file of this build under a cache named for its hash.
write_service_worker

# Precompressed siblings for servers that serve them (shuzhuan serve does; so do nginx and most CDNs).
for f in dist/*.wasm dist/*.js dist/*.css dist/*.html dist/*.svg dist/*.csv dist/*.json dist/*.webmanifest dist/vendor/*.mjs; do
  gzip -9 -k -f "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done
echo "== dist/ is ready: $(du -sh dist | cut -f1)"
