#!/usr/bin/env bash
# Builds the rule-pack editor (rules.html) into dist/ beside the app: its page, boot script and
# style (www/rules.html, rules-boot.js, rules.css; office.js, shared with the reviewers' pages)
# and its own WebAssembly module, rules-editor.js + rules-editor_bg.wasm (apps/rules-editor: the
# core with its TOML reader and the embedded GB/T 4754 codes). Only rules.html loads them, so the
# main app's first load does not change.
# Run after scripts/build-app.sh (which empties dist/). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_wasm_tools

[ -f dist/index.html ] || { echo "dist/ has no app: run scripts/build-app.sh first"; exit 1; }
echo "== building the rule-pack editor (apps/rules-editor, profile wasm, wasm32)"
cargo build --locked --profile wasm --target wasm32-unknown-unknown -p shuzhuan-rules-editor
# wasm-bindgen (--target web) then npm binaryen's wasm-opt -Oz, as scripts/build-app.sh does.
wasm-bindgen --target web --no-typescript --out-dir dist --out-name rules-editor \
  target/wasm32-unknown-unknown/wasm/shuzhuan_rules_editor.wasm
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals \
  dist/rules-editor_bg.wasm -o dist/rules-editor_bg.wasm

files="dist/rules.html dist/rules-boot.js dist/rules.css dist/office.js dist/rules-editor.js dist/rules-editor_bg.wasm"
cp www/rules.html www/rules-boot.js www/rules.css www/office.js dist/
# The offline service worker lists every file in dist/ (cached when a page first uses it): these too.
write_service_worker
for f in $files; do
  gzip -9 -k -f "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done
total=0
for f in $files dist/styles.css; do
  [ -f "$f.br" ] && total=$((total + $(stat -c%s "$f.br")))
done
echo "== the rule-pack editor is ready: rules.html $total bytes brotli in all (module $(stat -c%s dist/rules-editor_bg.wasm) bytes raw)"
