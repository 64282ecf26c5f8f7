#!/usr/bin/env bash
# Builds the browser app into dist/ (static files any web server can host).
# Installs what it needs first, skipping what is already there at the right version:
# the wasm32 target, wasm-bindgen-cli 0.2.130, and npm's binaryen (wasm-opt 132).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_wasm_tools

echo "== building app (release, wasm32)"
cargo build --locked --profile wasm --target wasm32-unknown-unknown -p shuzhuan-app
rm -rf dist && mkdir -p dist
wasm-bindgen --target web --no-typescript --out-dir dist --out-name app \
  target/wasm32-unknown-unknown/wasm/shuzhuan_app.wasm
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals \
  dist/app_bg.wasm -o dist/app_bg.wasm
cp www/index.html www/boot.js www/styles.css www/icon.svg dist/
# The catalogue notes, fetched by the app when the self-check starts (not part of the first load).
cp crates/policy/data/gbt4754-2017-notes.csv dist/
# Precompressed siblings for servers that serve them (shuzhuan serve does; so do nginx and most CDNs).
for f in dist/*.wasm dist/*.js dist/*.css dist/*.html dist/*.svg dist/*.csv; do
  gzip -9 -k -f "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done
echo "== dist/ is ready: $(du -sh dist | cut -f1)"
