// A test that needs a build output (the npm package, the app, the release binary, the golden
// outputs) skips when a developer has not built it, and FAILS under scripts/test.sh (which builds
// everything first and sets SHUZHUAN_ALL_BUILT=1, as CI runs it): a green suite never hides a
// test that did not run.
import fs from 'node:fs';

/** Skips (locally) or fails (under scripts/test.sh) the enclosing tests when `ok` is false. */
export function requireBuilt(test, ok, what, how) {
  if (ok) return;
  if (process.env.SHUZHUAN_ALL_BUILT === '1') {
    throw new Error(`${what} is missing under scripts/test.sh, which builds it first (${how})`);
  }
  test.skip(true, `no ${what}: ${how}`);
}

/** `requireBuilt` for a file. */
export const requireFile = (test, path, how) => requireBuilt(test, fs.existsSync(path), path, how);
