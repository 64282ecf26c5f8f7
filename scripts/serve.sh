#!/usr/bin/env bash
# Builds the app (with the self-assessment page, the npm package, the widgets and the reviewers'
# batch page) and serves it on http://127.0.0.1:8080 (PORT=… to change).
# Installs what it needs first (see scripts/build-app.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-app.sh
scripts/build-pkg.sh      # the npm package (and its demo page)
scripts/build-widgets.sh  # the embeddable widgets, the iframe page and the snippet builder
scripts/build-review.sh   # the reviewers' batch pre-screening page
scripts/build-editor.sh   # the rule-pack editor (rules.html)
cargo build --locked --release -p shuzhuan-cli
exec target/release/shuzhuan serve --dir dist --port "${PORT:-8080}"
