# Shared install steps for the build and test scripts (sourced, not run).
WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1

ensure_wasm_tools() {
  if ! rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; then
    echo "== installing the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
    echo "== installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 7 minutes, once)"
    # Not --locked: the registry snapshot here lacks a crate its lockfile names.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
  ensure_npm
}

ensure_wasm_pack() {
  ensure_wasm_tools
  if ! wasm-pack --version 2>/dev/null | grep -q " $WASM_PACK_VERSION"; then
    echo "== installing wasm-pack $WASM_PACK_VERSION (about 3.5 minutes, once)"
    # Not --locked, as for wasm-bindgen-cli. wasm-pack is run with --mode no-install: it uses the
    # wasm-bindgen above and never downloads tools itself.
    cargo install wasm-pack --version "$WASM_PACK_VERSION"
  fi
}

ensure_npm() {
  # npm ci empties node_modules before installing: through a symlink that would empty another
  # checkout's packages (a worktree linked to the main one's). Refuse instead.
  if [ -L node_modules ]; then
    echo "node_modules is a symlink (to $(readlink node_modules)): npm ci would empty the folder it points to." >&2
    echo "node_modules 是符号链接：npm ci 会清空它指向的文件夹。请删除该链接后再运行（会在本目录重新安装）。" >&2
    return 1
  fi
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@playwright/test ] || [ package.json -nt node_modules/.package-lock.json ]; then
    echo "== installing npm packages (binaryen's wasm-opt, Playwright, axe-core)"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || ! command -v brotli >/dev/null || [ ! -d /usr/share/fonts/truetype/wqy ]; then
    echo "== installing Debian's chromium (about 90 seconds, once)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium brotli fonts-wqy-microhei >/dev/null
  fi
}

# Writes dist/sw.js from www/sw.js (scripts/write-sw.mjs): the SHA-256 of every file in dist/ (and
# below, e.g. the widgets' pkg/), which the worker checks each body against before caching it, the
# files it precaches, and a version that is the hash of them all. Run again after adding files to dist/.
write_service_worker() {
  node scripts/write-sw.mjs dist
  rm -f dist/sw.js.br dist/sw.js.gz
  gzip -9 -k -f dist/sw.js
  if command -v brotli >/dev/null; then brotli -q 11 -k -f dist/sw.js; fi
}
