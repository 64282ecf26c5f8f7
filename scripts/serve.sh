#!/usr/bin/env bash
# Builds the app and serves it on http://127.0.0.1:8080 (installs what it needs first).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "The browser app arrives with the next issue (app/, www/). For now the CLI works:"
cargo build --release --locked -p shuzhuan-cli
echo "  ./target/release/shuzhuan check tests/examples/xiamen-medium.json --format text"
