#!/usr/bin/env bash
# Runs every test of the project. Installs what it needs first (idempotent: skips what is there):
# the wasm32 target, wasm-bindgen-cli, npm packages, Debian's chromium.
# Usage: scripts/test.sh            (everything)
#        SKIP_BROWSER=1 scripts/test.sh   (Rust only)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh

echo "== rust: unit, property, golden-case and doc tests"
cargo test --workspace --locked

echo "== rust: the catalogue without embedded notes (the browser app's build)"
cargo test --locked -p shuzhuan-policy --no-default-features --features embedded-rules --test late_notes

echo "== rust: benches compile and run once (criterion test mode)"
cargo test --locked -p shuzhuan-policy --benches

echo "== rust: formatting (cargo fmt --check) and clippy (warnings are errors), also on the core"
echo "   without its default features (the browser builds' configuration)"
if cargo fmt --version >/dev/null 2>&1; then
  cargo fmt --all --check
fi
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy --workspace --all-targets --locked -- -D warnings
  cargo clippy --locked -p shuzhuan-policy --no-default-features --all-targets -- -D warnings
fi

if [ "${SKIP_BROWSER:-0}" = 1 ]; then
  echo "== browser tests skipped (SKIP_BROWSER=1)"
  exit 0
fi

echo "== browser: build the app and run the Playwright suite in Debian's chromium"
ensure_chromium
scripts/build-app.sh
scripts/build-pkg.sh
scripts/build-widgets.sh
scripts/build-review.sh
scripts/build-editor.sh
echo "== rust: clippy on the widgets' and the reviewers' page's wasm32 builds of the package (warnings are errors)"
for f in check estimate batch,providers,embedded-catalogue; do
  cargo clippy --locked -p shuzhuan-wasm --target wasm32-unknown-unknown --no-default-features --features "$f" -- -D warnings
done
cargo clippy --locked -p shuzhuan-rules-editor --target wasm32-unknown-unknown -- -D warnings
# The release binary carries dist/ (serve --kiosk); the suite serves dist/ with it too.
SHUZHUAN_EMBED_DIST="$PWD/dist" cargo build --locked --release -p shuzhuan-cli
# Everything is built now: a browser test that would skip for a missing build output fails instead
# (tests/browser/built.mjs).
(cd tests/browser && SHUZHUAN_ALL_BUILT=1 ../../node_modules/.bin/playwright test --config playwright.config.mjs)
echo "== performance budgets: sizes (budgets.json; the full table: scripts/budgets.sh)"
scripts/budgets.sh --size
