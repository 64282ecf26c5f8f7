// The reviewers' page's worker: reads the chosen file in slices, decodes it with the browser's
// own TextDecoder (UTF-8, UTF-16, or GBK when the core's `sniff` says the bytes are not UTF-8,
// or the one the reviewer chose on the page),
// and hands the text to the core's streaming screener (`Batch`, crates/wasm built with the
// `batch` feature into review-pkg/). After each slice it posts the progress; at the end, the rows
// to check and the rows for the page's table (the first of each verdict); the output CSV is
// gathered as Blobs, so the page never holds it as one string.
// A screen carries the page's `id`; a newer `screen` or a `stop` ends the one running at its next
// slice (nothing more is posted for it), so the page re-runs without restarting the worker.
import init, { Batch, batchTemplate, programmes, defaultProgrammes, todayInChina, loadRules } from './review-pkg/shuzhuan.js';

/** Bytes read per step: small enough for a smooth progress bar, large enough to be fast. */
const SLICE = 1 << 18;
// The site's rules (rules.json, the app's), fetched beside the module; a pack with problems is
// refused by `loadRules`, and every message then answers with its problems (no screening).
const rules = fetch(new URL('rules.json', import.meta.url))
  .then((r) => { if (!r.ok) throw new Error(`rules.json: HTTP ${r.status}`); return r.text(); });
const ready = Promise.all([init({ module_or_path: new URL('review-pkg/shuzhuan_bg.wasm', import.meta.url) }), rules])
  .then(([exports, text]) => { loadRules(text, 'rules.json'); return exports; });

const DECODERS = { utf8: 'utf-8', utf8_bom: 'utf-8', utf16_le: 'utf-16le', utf16_be: 'utf-16be', gbk: 'gbk' };
const NAMES = { utf8: 'UTF-8', utf8_bom: 'UTF-8 (BOM)', utf16_le: 'UTF-16LE', utf16_be: 'UTF-16BE', gbk: 'GBK', ascii: 'ASCII' };

/** The screen the page wants now (its id); 0 after a stop. */
let current = 0;

function fail(e, id) {
  postMessage({ type: 'error', id, message: String(e?.message ?? e), errors: e?.errors ?? null });
}

async function screen({ id, file, programmes: ids, asOf, lang, encoding: chosen = 'auto' }) {
  const started = performance.now();
  const batch = new Batch(ids, { ...(asOf ? { as_of: asOf } : {}), lang });
  try {
    // ASCII reads the same in every encoding these files come in, so slices are decoded as
    // ASCII until the first that holds other bytes; `sniff` on that one picks the decoder (and
    // tells the core, so the summary says how sure the guess is). An encoding the reviewer chose
    // is used from the first byte, not sniffed.
    let decoder = null;
    let encoding = 'ascii';
    if (chosen === 'utf8' || chosen === 'gbk') {
      batch.chooseEncoding(chosen);
      encoding = chosen;
      decoder = new TextDecoder(DECODERS[chosen]);
    }
    const ascii = new TextDecoder('utf-8');
    const parts = [];
    const flagged = [];
    const shown = [];
    let rows = 0;
    let read = 0;
    do {
      const end = Math.min(file.size, read + SLICE);
      const bytes = new Uint8Array(await file.slice(read, end).arrayBuffer());
      if (current !== id) return; // stopped, or replaced by a newer screen
      const last = end >= file.size;
      if (!decoder) {
        const s = batch.sniff(bytes, last);
        if (s !== 'ascii') {
          encoding = s;
          decoder = new TextDecoder(DECODERS[s]);
        }
      }
      rows += batch.pushText(decoder ? decoder.decode(bytes, { stream: !last }) : ascii.decode(bytes));
      if (last) rows += batch.finish();
      const csv = batch.takeCsvBytes();
      if (csv.length) parts.push(new Blob([csv]));
      const found = batch.takeFlagged();
      flagged.push(...found);
      shown.push(...batch.takeRows());
      read = end;
      postMessage({ type: 'progress', id, read, total: file.size, rows });
    } while (read < file.size);
    // The module's linear memory never shrinks: its size now is the peak of the run.
    const wasmMemory = (await ready).memory.buffer.byteLength;
    if (current !== id) return;
    postMessage({
      type: 'done',
      id,
      rows,
      ms: performance.now() - started,
      wasmMemory,
      encoding: NAMES[encoding],
      summary: batch.summary(),
      flagged,
      flaggedTotal: batch.flaggedTotal,
      shown,
      rowCounts: batch.rowCounts,
      rowsLimit: batch.rowsLimit,
      blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }),
    });
  } finally {
    batch.free();
  }
}

onmessage = async (e) => {
  const m = e.data;
  try {
    await ready;
    if (m.type === 'programmes') {
      // "Today" is the core's (China's date from the clock), unless the page gives a date. With a
      // broken clock and no date the core throws, and the page says why (no fallback date).
      // `defaults`: the ones to tick until the reviewer ticks any (in force on the day, else the
      // most recent: the core's rule).
      const day = m.asOf || todayInChina();
      const opts = (lang) => ({ lang, as_of: day });
      postMessage({
        type: 'programmes', seq: m.seq, today: day, defaults: defaultProgrammes(opts('zh')),
        list: { zh: programmes(opts('zh')), en: programmes(opts('en')) },
      });
    } else if (m.type === 'template') {
      postMessage({ type: 'template', text: batchTemplate(m.lang) });
    } else if (m.type === 'screen') {
      current = m.id;
      await screen(m);
    } else if (m.type === 'stop') {
      current = 0;
    }
  } catch (err) {
    if (m.type !== 'screen' || m.id === current) fail(err, m.id);
  }
};
