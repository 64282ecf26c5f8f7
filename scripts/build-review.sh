#!/usr/bin/env bash
# Builds the reviewers' pages into dist/ beside the app: the batch pre-screening page (review.html,
# review.js, review-worker.js: the Web Worker that screens the file) and the Fuzhou provider-
# selection page (providers.html, providers.js), with office.js (shared) and review-pkg/
# (crates/wasm built again with only the `batch` and `providers` exports and the embedded GB/T 4754
# codes; no GBK tables: the browser's TextDecoder decodes GBK). Only those pages load them, so the
# main app's first load does not change.
# Run after scripts/build-app.sh (which empties dist/). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_wasm_pack

[ -f dist/index.html ] || { echo "dist/ has no app: run scripts/build-app.sh first"; exit 1; }
out=target/review-pkg
echo "== building the reviewers' page core (crates/wasm --no-default-features --features batch,providers,embedded-catalogue)"
# Built for speed (profile wasm-speed, wasm-opt -O3), not size: 1.4x faster screening for 50 KB
# brotli more, on an office page that reads lists of 100 000 rows (docs/performance.md).
PATH="$PWD/node_modules/.bin:$PATH" wasm-pack --quiet build crates/wasm --mode no-install --target web \
  --profile wasm-speed --no-opt --no-gitignore --no-pack --out-dir "$PWD/$out" --out-name shuzhuan \
  -- --locked --no-default-features --features batch,providers,embedded-catalogue
node_modules/.bin/wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals \
  "$out/shuzhuan_bg.wasm" -o "$out/shuzhuan_bg.wasm"

rm -rf dist/review-pkg && mkdir -p dist/review-pkg
cp "$out/shuzhuan.js" "$out/shuzhuan_bg.wasm" dist/review-pkg/
cp www/review.html www/review.js www/review-worker.js www/review.css www/office.js www/providers.html www/providers.js dist/
# The offline service worker precaches every file in dist/: list these too.
write_service_worker
for f in dist/review-pkg/* dist/review.html dist/review.js dist/review-worker.js dist/review.css dist/office.js dist/providers.html dist/providers.js; do
  case "$f" in *.br|*.gz) continue ;; esac
  gzip -9 -k -f "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done
total=0
for f in dist/review.html dist/review.js dist/review-worker.js dist/review.css dist/office.js dist/styles.css dist/review-pkg/shuzhuan.js dist/review-pkg/shuzhuan_bg.wasm; do
  [ -f "$f.br" ] && total=$((total + $(stat -c%s "$f.br")))
done
echo "== the reviewers' pages are ready: review.html $total bytes brotli in all"
