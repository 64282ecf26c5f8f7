#!/usr/bin/env bash
# Builds the app and serves it on http://127.0.0.1:8080 (PORT=… to change).
# Installs what it needs first (see scripts/build-app.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-app.sh
cargo build --locked --release -p shuzhuan-cli
exec target/release/shuzhuan serve --dir dist --port "${PORT:-8080}"
