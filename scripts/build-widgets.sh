#!/usr/bin/env bash
# Builds the embeddable widgets into dist/ beside the app and the npm package:
# - embed.js (the loader a CMS page includes; ≤ 3 KB gzip, checked here), widget/ (the UI modules
#   and stylesheet it fetches when a widget scrolls into view), embed.html (the iframe page),
#   embed-frame.js (the parent-side resizer), embed-builder.html (the snippet generator, with the
#   Subresource Integrity hashes of embed.js and embed-frame.js computed here), host-demo.html;
# - widget/pkg-check/ and widget/pkg-estimate/: the npm package built again for each widget, with
#   only the exports it calls and without the embedded GB/T 4754 codes (crates/wasm
#   `--no-default-features --features check|estimate`): the estimate widget never needs the codes,
#   and the check widget fetches gbt4754-2017.csv (in dist/ for the app) and hands it to loadCodes.
# Then lists every file for the service worker and writes precompressed siblings.
# Run after scripts/build-app.sh (which empties dist/) and scripts/build-pkg.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_wasm_pack

[ -f dist/index.html ] || { echo "dist/ has no app: run scripts/build-app.sh first"; exit 1; }
[ -f dist/gbt4754-2017.csv ] || { echo "dist/gbt4754-2017.csv missing: run scripts/build-app.sh first"; exit 1; }

# One module per widget, each with only the exports its widget calls (crates/wasm features
# `check` / `estimate`) and without the embedded catalogue.
for kind in check estimate; do
  out="target/widget-pkg/$kind"
  echo "== building the $kind widget's core (crates/wasm --no-default-features --features $kind)"
  PATH="$PWD/node_modules/.bin:$PATH" wasm-pack --quiet build crates/wasm --mode no-install --target web \
    --profile wasm --no-opt --no-gitignore --no-pack --out-dir "$PWD/$out" --out-name shuzhuan \
    -- --locked --no-default-features --features "$kind"
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "$out/shuzhuan_bg.wasm" -o "$out/shuzhuan_bg.wasm"
done

echo "== copying the widgets to dist/"
rm -rf dist/widget && mkdir -p dist/widget/pkg-check dist/widget/pkg-estimate
for kind in check estimate; do
  cp "target/widget-pkg/$kind/shuzhuan.js" "target/widget-pkg/$kind/shuzhuan_bg.wasm" "dist/widget/pkg-$kind/"
done
# What a host page fetches goes without its comment lines (scripts/strip-comments.mjs: whole
# comment lines only, so the code is the source's, line for line): 2.5 KB less brotli per widget.
# The commented sources are www/embed.js, www/embed-frame.js and www/widget/.
for f in www/widget/*.js www/widget/*.css; do node scripts/strip-comments.mjs "$f" "dist/widget/$(basename "$f")"; done
for f in embed.js embed-frame.js; do node scripts/strip-comments.mjs "www/$f" "dist/$f"; done
cp www/embed.html www/embed-builder.html www/embed-builder.js www/host-demo.html www/host-demo.css www/host-demo.js dist/

# The loader's budget: 3 KB gzip (issue 4).
gz=$(gzip -9 -c dist/embed.js | wc -c)
if [ "$gz" -gt 3072 ]; then echo "dist/embed.js is $gz bytes gzip, over the 3 KB budget"; exit 1; fi

# Subresource Integrity of the two scripts a host page includes, written into the builder's
# snippets (sha384, base64, as the integrity attribute takes it).
sri() { node -e 'const c = require("node:crypto"); console.log("sha384-" + c.createHash("sha384").update(require("node:fs").readFileSync(process.argv[1])).digest("base64"))' "$1"; }
embed_sri=$(sri dist/embed.js)
frame_sri=$(sri dist/embed-frame.js)
sed -i "s#__EMBED_INTEGRITY__#$embed_sri#; s#__FRAME_INTEGRITY__#$frame_sri#" dist/embed-builder.js
grep -q "$embed_sri" dist/embed-builder.js || { echo "the builder lacks embed.js's integrity"; exit 1; }

# The service worker precaches every file in dist/, these included.
write_service_worker

for f in dist/widget/*.js dist/widget/*.css dist/widget/pkg-*/* dist/embed.js dist/embed-frame.js dist/embed.html \
  dist/embed-builder.html dist/embed-builder.js dist/host-demo.html dist/host-demo.css dist/host-demo.js; do
  case "$f" in *.br|*.gz) continue ;; esac
  gzip -9 -k -f "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done

size() { stat -c%s "$1"; }
br() { if [ -f "$1.br" ]; then size "$1.br"; else echo 0; fi; }
printf "   %-28s %8s raw %6s gzip %6s brotli\n" embed.js "$(size dist/embed.js)" "$gz" "$(br dist/embed.js)"
for w in check estimate; do
  files=(dist/embed.js dist/widget/common.js dist/widget/widget.css "dist/widget/$w.js" "dist/widget/pkg-$w/shuzhuan.js" "dist/widget/pkg-$w/shuzhuan_bg.wasm")
  [ "$w" = check ] && files+=(dist/gbt4754-2017.csv)
  total=0
  for f in "${files[@]}"; do total=$((total + $(br "$f"))); done
  printf "   one %-8s widget, everything fetched: %6s bytes brotli (%s files)\n" "$w" "$total" "${#files[@]}"
done
echo "== widgets are ready (embed.js integrity $embed_sri)"
