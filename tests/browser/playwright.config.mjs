// Browser tests: Debian's chromium driven by Playwright (no browser download), against the
// built app in dist/ served by `shuzhuan serve` on 127.0.0.1 (the same CSP as production).
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.SHUZHUAN_TEST_PORT || 8931);

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs/,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  // An assertion waits up to 10 s (Playwright's default is 5): on this 2-core machine, two workers
  // each starting a WebAssembly page once took longer than 5 s for a step that normally takes 1.
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../../target/playwright',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `../../target/release/shuzhuan serve --dir ${process.env.SHUZHUAN_DIST || '../../dist'} --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
