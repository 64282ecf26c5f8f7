// Writes DIR/sw.js (default dist/) from www/sw.js: the SHA-256 of every file of the build, which
// the worker checks each body against before it caches it; the files it precaches on the first
// visit; and the version (a hash of all of them), which names its cache. Run after every step that
// adds or changes a file of dist/ (scripts/tools.sh `write_service_worker` does, then compresses).
// The browser tests run it on copies of dist/ to publish "new builds".
//
// Usage: node scripts/write-sw.mjs [DIR]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the offline journeys need, fetched when the worker installs: the app (page, loader,
 *  module, its rules, styles, icon, manifest, the worker's registration), the GB/T 4754 catalogue files the
 *  self-check fetches, the kiosk's script, style and QR encoder, and the self-assessment page with
 *  its module. Every other file of the build is cached when a page first uses it. */
export const PRECACHE = [
  'index.html', 'boot.js', 'offline.js', 'app.js', 'app_bg.wasm', 'rules.json', 'styles.css', 'icon.svg', 'manifest.webmanifest',
  'gbt4754-2017.csv', 'gbt4754-2017-notes.csv',
  'kiosk.js', 'kiosk.css', 'vendor/uqr.mjs',
  'assess.html', 'assess-boot.js', 'assess.css', 'assess.js', 'assess_bg.wasm',
];

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Every file below `dir` as a path relative to it ('/'-separated), in byte order; without the
 *  precompressed siblings (sent as Content-Encoding of their file), source maps and sw.js. */
function files(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return files(dir, rel);
    return /\.(br|gz|map)$/.test(e.name) || rel === 'sw.js' ? [] : [rel];
  }).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function writeServiceWorker(dir) {
  const hashes = Object.fromEntries(files(dir).map((f) => [f, sha256(fs.readFileSync(path.join(dir, f)))]));
  const missing = PRECACHE.filter((f) => !hashes[f]);
  if (missing.length) throw new Error(`${dir} lacks files the worker precaches: ${missing.join(', ')}`);
  const version = sha256(Object.entries(hashes).map(([f, h]) => `${h}  ${f}\n`).join('')).slice(0, 16);
  // "./" is the app's own address; the server answers it with index.html.
  const listed = { './': hashes['index.html'], ...hashes };
  const lines = Object.entries(listed).map(([f, h]) => `  ${JSON.stringify(f)}: ${JSON.stringify(h)},`);
  const template = fs.readFileSync(fileURLToPath(new URL('../www/sw.js', import.meta.url)), 'utf8');
  const out = template
    .replace('__VERSION__', version)
    .replace('__PRECACHE__', JSON.stringify(['./', ...PRECACHE]))
    .replace('__HASHES__', `{\n${lines.join('\n')}\n}`);
  fs.writeFileSync(path.join(dir, 'sw.js'), out);
  return { version, files: Object.keys(hashes).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { version, files: n } = writeServiceWorker(process.argv[2] || 'dist');
    console.log(`   sw.js: version ${version}, ${n} files listed, ${PRECACHE.length + 1} precached`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
