#!/usr/bin/env bash
# Builds the single-file kiosk: the app, the npm package and the widgets built into the
# `shuzhuan` binary, so a kiosk laptop needs that one file: `shuzhuan serve --kiosk`, then open
# http://127.0.0.1:8080/?kiosk full-screen. Installs what it needs (see tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-app.sh
scripts/build-pkg.sh
if [ -x scripts/build-widgets.sh ]; then scripts/build-widgets.sh; fi
echo "== building the shuzhuan binary with dist/ inside it"
SHUZHUAN_EMBED_DIST="$PWD/dist" cargo build --locked --release -p shuzhuan-cli
echo "== target/release/shuzhuan carries the app ($(du -h target/release/shuzhuan | cut -f1)): run it as"
echo "   shuzhuan serve --kiosk [--port N]   and open http://127.0.0.1:8080/?kiosk"
