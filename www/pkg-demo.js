// The npm package from plain JavaScript: import, init, call. Also exposes the module as
// `window.shuzhuan` once ready (the browser tests drive it from there) and marks
// <html data-pkg="ready"> — or "failed" with the reason in the output box.
import init, * as shuzhuan from './pkg/shuzhuan.js';

const out = document.getElementById('demo-output');
try {
  await init({ module_or_path: new URL('./pkg/shuzhuan_bg.wasm', import.meta.url) });
  window.shuzhuan = shuzhuan;
  const run = () => {
    try {
      const report = shuzhuan.check(document.getElementById('demo-input').value, { lang: document.documentElement.lang === 'en' ? 'en' : 'zh' });
      out.textContent = report.programmes.map((p) => `${p.city} ${p.id}: ${p.verdict_text}`).join('\n');
    } catch (e) {
      // An InputError: every bad field with its message in Chinese and English.
      out.textContent = (e.errors || []).map((f) => `${f.field}: ${f.message.zh} / ${f.message.en}`).join('\n') || String(e);
    }
  };
  document.getElementById('demo-form').addEventListener('submit', (ev) => { ev.preventDefault(); run(); });
  document.getElementById('demo-run').disabled = false;
  run();
  document.documentElement.dataset.pkg = 'ready';
} catch (e) {
  out.textContent = `failed to load: ${e}`;
  document.documentElement.dataset.pkg = 'failed';
}
