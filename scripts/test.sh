#!/usr/bin/env bash
# Runs every test of the project. Installs what it needs first (idempotent: skips what is there).
# Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== rust: unit, property, golden-case and doc tests"
cargo test --workspace --locked

echo "== rust: benches compile and run once (criterion test mode)"
cargo test --workspace --locked --benches

echo "== rust: clippy (warnings are errors)"
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy --workspace --all-targets --locked -- -D warnings
fi
