#!/usr/bin/env bash
# Prints the transfer size of the built app (raw, gzip -9, brotli -q 11): the first load (budget
# 250 KB brotli), then the self-assessment page, which only assess.html loads. Run after build-app.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || { echo "dist/ missing: run scripts/build-app.sh"; exit 1; }
total_raw=0; total_gz=0; total_br=0
printf "%-22s %10s %10s %10s\n" file raw gzip brotli
for f in dist/app_bg.wasm dist/app.js dist/boot.js dist/styles.css dist/index.html; do
  raw=$(stat -c%s "$f"); gz=$(gzip -9c "$f" | wc -c)
  if command -v brotli >/dev/null; then br=$(brotli -c -q 11 "$f" | wc -c); else br=0; fi
  printf "%-22s %10d %10d %10d\n" "${f#dist/}" "$raw" "$gz" "$br"
  total_raw=$((total_raw+raw)); total_gz=$((total_gz+gz)); total_br=$((total_br+br))
done
printf "%-22s %10d %10d %10d\n" "total" "$total_raw" "$total_gz" "$total_br"
# Loaded only when opened, not part of the first load: the self-assessment page (assess.html and
# its own module; styles.css is the app's, already counted and cached).
part_raw=0; part_gz=0; part_br=0
echo
echo "loaded when opened: the self-assessment page (not counted above)"
for f in dist/assess_bg.wasm dist/assess.js dist/assess-boot.js dist/assess.html; do
  [ -f "$f" ] || continue
  raw=$(stat -c%s "$f"); gz=$(gzip -9c "$f" | wc -c)
  if command -v brotli >/dev/null; then br=$(brotli -c -q 11 "$f" | wc -c); else br=0; fi
  printf "%-22s %10d %10d %10d\n" "${f#dist/}" "$raw" "$gz" "$br"
  part_raw=$((part_raw+raw)); part_gz=$((part_gz+gz)); part_br=$((part_br+br))
done
printf "%-22s %10d %10d %10d\n" "assess.html total" "$part_raw" "$part_gz" "$part_br"
