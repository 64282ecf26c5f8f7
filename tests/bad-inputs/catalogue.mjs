// The bad-input catalogue (catalogue.json beside this file, described in README.md), for suites
// that run outside cargo: the browser suite drives the npm package and the app's fields with it.
// crates/cli/tests/bad_inputs.rs runs the same cases through the `shuzhuan` binary.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('./catalogue.json', import.meta.url));

/** The date every expectation assumes (all programmes in force): pass it as `options.today`. */
export const TODAY = '2025-06-30';

/** Every category; each is covered by at least one case (the CLI test checks the same list). */
export const CATEGORIES = Object.freeze([
  'empty', 'whitespace', 'negative', 'negative-zero', 'nan-infinity', '1e400', '30-digit',
  'fractional-staff', 'mixed-units', 'out-of-range', 'emoji', 'rtl', 'sql', 'html', 'huge-string',
  'wrong-type', 'bad-date', 'unknown-programme', 'unknown-industry', 'region', 'uscc',
  'control-chars', 'unknown-key', 'malformed-json', 'several-at-once',
]);

/** The cases exactly as catalogue.json holds them. */
export const catalogue = Object.freeze(JSON.parse(readFileSync(file, 'utf8')));

/**
 * The exact text a caller sends for a case: a string `input` is raw text (malformed JSON, or a
 * number JavaScript cannot hold such as 1e400, -0 or 30 digits) and is sent as it is; any other
 * `input` is a JSON document. `repeat` (the 1 MB cases) replaces its marker with the repeated text.
 */
export function inputText(entry) {
  const text = typeof entry.input === 'string' ? entry.input : JSON.stringify(entry.input);
  if (!entry.repeat) return text;
  const { marker, text: unit, times } = entry.repeat;
  return text.split(marker).join(unit.repeat(times));
}

/** The options for the npm package's `check`/`estimate`/`assess(input, options)`: `today` plus the case's. */
export function optionsOf(entry) {
  return { today: TODAY, ...(entry.options ?? {}) };
}

/** The cases refused on purpose (`expect.field`), and those accepted on purpose (`expect.ok`). */
export const refused = Object.freeze(catalogue.filter((e) => !e.expect.ok));
export const accepted = Object.freeze(catalogue.filter((e) => e.expect.ok));

export default catalogue;
