// The core answers the same in WebAssembly as natively. Every golden case of the CLI's test suite
// (target/tmp/golden-outputs.json, written by `cargo test -p shuzhuan-cli --test cases`) is run
// through the app's `evaluateJson` export in the page, in batches, and compared with what the CLI
// printed: the whole report for exit 0; the set of error fields (and their messages) for exit 2.
// Cases whose errors are about the CLI's own flags (`--as-of …`) have no WASM counterpart — the
// browser takes options as JSON — and are skipped, counted in the test title.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect, open } from './helpers.mjs';

const GOLDEN = fileURLToPath(new URL('../../target/tmp/golden-outputs.json', import.meta.url));
const BATCH = 80;

const cases = fs.existsSync(GOLDEN) ? JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) : null;
const isFlagError = (c) => c.exit === 2 && (c.output.errors || []).some((e) => e.field.startsWith('--'));
const reports = cases ? cases.filter((c) => c.exit === 0) : [];
const errors = cases ? cases.filter((c) => c.exit === 2 && !isFlagError(c)) : [];
const skipped = cases ? cases.filter(isFlagError) : [];

/** The first path where two JSON values differ, with both sides (for a readable failure). */
function firstDifference(a, b, path = '$') {
  if (Object.is(a, b)) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: wasm ${JSON.stringify(a)?.slice(0, 200)} ≠ cli ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** Runs the cases through `evaluateJson` in the page, BATCH per page.evaluate. */
async function runInWasm(page, list) {
  const out = [];
  for (let i = 0; i < list.length; i += BATCH) {
    const batch = list.slice(i, i + BATCH).map((c) => [c.command, c.input, JSON.stringify(c.options)]);
    out.push(...await page.evaluate(async (batch) => {
      const mod = await import('/app.js'); // the module boot.js already initialised
      return batch.map(([command, input, options]) => JSON.parse(mod.evaluateJson(command, input, options)));
    }, batch));
  }
  return out;
}

test.describe('WASM ⇔ CLI parity on the golden cases', () => {
  test.skip(!cases, `no ${GOLDEN}: run \`cargo test -p shuzhuan-cli --test cases\` first`);

  test('the golden file is there and covers both commands', () => {
    expect(cases.length).toBeGreaterThan(100);
    expect(new Set(reports.map((c) => c.command))).toEqual(new Set(['check', 'estimate']));
    expect(errors.length).toBeGreaterThan(10);
  });

  test(`${reports.length} reports (exit 0) are identical`, async ({ page }) => {
    await open(page, '#/');
    const got = await runInWasm(page, reports);
    const mismatches = reports.map((c, i) => {
      const d = firstDifference(got[i], c.output);
      return d && `${c.command} "${c.name}": ${d}`;
    }).filter(Boolean);
    expect(mismatches, `${mismatches.length} of ${reports.length} reports differ`).toEqual([]);
  });

  test(`${errors.length} input errors (exit 2) name the same fields — ${skipped.length} CLI-flag case(s) skipped`, async ({ page }) => {
    test.info().annotations.push(...skipped.map((c) => ({
      type: 'skipped', description: `"${c.name}": its error is about the CLI flag ${c.output.errors.map((e) => e.field).join(', ')}, which the browser API does not have`,
    })));
    await open(page, '#/');
    const got = await runInWasm(page, errors);
    const fields = (o) => (o.errors || []).map((e) => e.field).sort();
    const mismatches = errors.map((c, i) => {
      if (!got[i].errors) return `"${c.name}": wasm gave a report instead of errors ${JSON.stringify(fields(c.output))}`;
      const [w, n] = [fields(got[i]), fields(c.output)];
      if (JSON.stringify(w) !== JSON.stringify(n)) return `"${c.name}": wasm fields ${JSON.stringify(w)} ≠ cli ${JSON.stringify(n)}`;
      const d = firstDifference(got[i], c.output);
      return d && `"${c.name}": same fields, different message: ${d}`;
    }).filter(Boolean);
    expect(mismatches, `${mismatches.length} of ${errors.length} error cases differ`).toEqual([]);
  });
});
