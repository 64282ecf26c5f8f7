// Shared steps for the service-worker specs: waiting for the worker, reading its cache, and
// publishing builds on a copy of dist/ served by a `shuzhuan serve` of its own (so the other tests
// never see a changed sw.js or a tampered file).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST } from './helpers.mjs';
import { writeServiceWorker } from '../../scripts/write-sw.mjs';

const BINARY = fileURLToPath(new URL('../../target/release/shuzhuan', import.meta.url));

/** What the worker precaches (scripts/write-sw.mjs), by URL path: what the offline journeys need —
 *  the app with its catalogue files and the kiosk's, and the self-assessment page. */
export const PRECACHED_PATHS = [
  '/', '/index.html', '/boot.js', '/offline.js', '/app.js', '/app_bg.wasm', '/rules.json', '/styles.css', '/icon.svg',
  '/manifest.webmanifest', '/gbt4754-2017.csv', '/gbt4754-2017-notes.csv', '/kiosk.js', '/kiosk.css',
  '/vendor/uqr.mjs', '/assess.html', '/assess-boot.js', '/assess.css', '/assess.js', '/assess_bg.wasm',
];

/** A captive portal's answer, as a hotel Wi-Fi gives it for any address until one logs in. */
export const LOGIN_PAGE = '<!doctype html><title>Hotel Wi-Fi</title><form>请登录 · Please log in</form>';

/** Waits until the service worker controls the page and has finished installing. */
export async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

/** The worker's caches and the URL paths each holds, sorted: { 'shuzhuan-…': ['/', …] }. */
export async function cached(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const key of await caches.keys()) {
      out[key] = (await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname).sort();
    }
    return out;
  });
}

/** A copy of dist/ (target/tmp/NAME) served on a free port: { dir, base, close }. */
export async function serveCopy(name) {
  const dir = fileURLToPath(new URL(`../../target/tmp/${name}`, import.meta.url));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(DIST, dir, { recursive: true });
  const server = spawn(BINARY, ['serve', '--dir', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`shuzhuan serve exited ${code}: ${out}`)));
  });
  return { dir, base, close: () => server.kill() };
}

/** Makes the copy's server answer `file` with `bytes` (its precompressed siblings removed, so it
 *  sends exactly these). */
export function serveFile(dir, file, bytes) {
  for (const ext of ['.br', '.gz']) fs.rmSync(path.join(dir, file + ext), { force: true });
  fs.writeFileSync(path.join(dir, file), bytes);
}

/** Publishes the copy's files as they are now as a build: sw.js written again with their hashes
 *  and a new version, as scripts/tools.sh does. Returns the version. */
export function publish(dir) {
  const { version } = writeServiceWorker(dir);
  for (const ext of ['.br', '.gz']) fs.rmSync(path.join(dir, 'sw.js' + ext), { force: true });
  return version;
}

/** A module that is still valid WebAssembly but not byte for byte the same: `wasm` with a custom
 *  section appended (as a new build of the app would differ). */
export function withCustomSection(wasm, text = 'build 2') {
  const name = Buffer.from('shuzhuan');
  const body = Buffer.concat([Buffer.from([name.length]), name, Buffer.from(text)]);
  if (body.length > 127) throw new Error('custom section too long for a one-byte size');
  return Buffer.concat([wasm, Buffer.from([0, body.length]), body]);
}
