// The single-file kiosk: `shuzhuan serve --kiosk` from a folder holding nothing but the binary
// (built by scripts/test.sh or scripts/build-kiosk.sh with dist/ inside) serves the whole app.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, appReady } from './helpers.mjs';

const BINARY = fileURLToPath(new URL('../../target/release/shuzhuan', import.meta.url));

test('one file: the binary alone serves the app, the kiosk and the catalogue, with the same bytes as dist/', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuzhuan-kiosk-'));
  const exe = path.join(dir, 'shuzhuan');
  fs.copyFileSync(BINARY, exe);
  fs.chmodSync(exe, 0o755);
  const server = spawn(exe, ['serve', '--kiosk', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const line = await new Promise((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (d) => { out += d; if (out.includes('\n')) resolve(out); });
      server.stderr.on('data', (d) => reject(new Error(`serve --kiosk failed: ${d}`)));
      server.on('exit', (c) => reject(new Error(`serve --kiosk exited ${c}: ${out}`)));
    });
    const base = line.match(/http:\/\/127\.0\.0\.1:\d+\//)[0];
    expect(line).toContain(`${base}?kiosk`);
    expect(fs.readdirSync(dir)).toEqual(['shuzhuan']);
    // Byte for byte what the build wrote, with the headers `serve --dir` sends.
    for (const file of ['index.html', 'app_bg.wasm', 'gbt4754-2017.csv', 'sw.js']) {
      const res = await fetch(base + file, { headers: { 'accept-encoding': 'identity' } });
      expect(res.status, file).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(fs.readFileSync(path.join(DIST, file))), file).toBe(true);
    }
    const wasm = await fetch(`${base}app_bg.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(wasm.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect((await fetch(`${base}../etc/passwd`)).status).toBe(404);

    await page.goto(`${base}?kiosk#/`);
    await appReady(page);
    await expect(page.locator('html')).toHaveClass(/\bkiosk\b/);
    await page.locator('#start-check').click();
    await page.locator('#f-industry').fill('集成电路');
    await expect(page.locator('button.hit[data-code="3973"]')).toBeVisible();
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
