#!/usr/bin/env bash
# One command for the performance budgets (budgets.json): builds the release artefacts (the app,
# the npm package, the widgets, the reviewers' page, the CLI), then measures sizes, the core's
# native benchmarks, check/estimate in headless Chromium and Lighthouse, prints the table and exits
# non-zero when a budget is exceeded. `scripts/budgets.sh --size` measures the sizes only (what
# scripts/test.sh runs in CI, after its own build). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
if [ "${1:-}" != "--size" ]; then
  ensure_chromium
  scripts/build-app.sh
  scripts/build-pkg.sh
  scripts/build-widgets.sh
  scripts/build-review.sh
  cargo build --locked --release -p shuzhuan-cli
fi
exec node scripts/budgets.mjs "$@"
