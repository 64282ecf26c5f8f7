#!/usr/bin/env bash
# Measures the served app with Lighthouse 13 (mobile defaults: simulated slow 4G, 4x CPU) in
# Debian's chromium and prints performance, accessibility, TTI and LCP. Measured, not asserted:
# the figures go to docs/performance.md. Installs Lighthouse into tools/perf on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_chromium
[ -d dist ] || scripts/build-app.sh
cargo build --locked --release -p shuzhuan-cli
if [ ! -x tools/perf/node_modules/.bin/lighthouse ]; then
  (cd tools/perf && npm install --no-audit --no-fund)
fi
PORT=${PORT:-8944}
target/release/shuzhuan serve --dir dist --port "$PORT" > /dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
sleep 0.5
OUT=target/lighthouse
mkdir -p "$OUT"
CHROME_PATH=/usr/bin/chromium tools/perf/node_modules/.bin/lighthouse "http://127.0.0.1:$PORT/" \
  --quiet --output=json --output-path="$OUT/report.json" \
  --only-categories=performance,accessibility \
  --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
node -e '
const r = require(process.argv[1]);
const a = r.audits, c = r.categories;
const ms = (k) => a[k] ? (a[k].numericValue / 1000).toFixed(2) + " s" : "n/a";
console.log(`performance   ${c.performance.score}`);
console.log(`accessibility ${c.accessibility.score}`);
console.log(`FCP ${ms("first-contentful-paint")}  LCP ${ms("largest-contentful-paint")}  TTI ${ms("interactive")}  TBT ${ms("total-blocking-time")}  CLS ${a["cumulative-layout-shift"].numericValue.toFixed(3)}`);
' "$PWD/$OUT/report.json"
