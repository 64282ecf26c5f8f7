// The embed builder (embed-builder.html): widget, programme, language, theme colour, compact and
// an optional evaluation date → the two snippets a web team pastes into its CMS, and a live
// preview. URLs are absolute, from where this page is served (the widgets' origin).
// scripts/build-widgets.sh writes the Subresource Integrity hashes of embed.js and embed-frame.js
// into the two constants below (sha384 of the exact bytes in dist/).
import { ready, rulesOf, useRules } from './widget/common.js';

const EMBED_INTEGRITY = '__EMBED_INTEGRITY__';
const FRAME_INTEGRITY = '__FRAME_INTEGRITY__';
const BASE = new URL('./', import.meta.url);
const TITLES = {
  check: { zh: '数字化转型试点申报条件自查', en: 'Digital-transformation pilot eligibility self-check' },
  estimate: { zh: '数字化转型试点补贴估算', en: 'Digital-transformation pilot subsidy estimate' },
};

const $ = (id) => document.getElementById(id);
const picked = (name) => document.querySelector(`input[name="${name}"]:checked`).value;
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function choice() {
  return {
    widget: picked('widget'),
    programme: $('b-programme').value,
    lang: picked('lang'),
    color: $('b-color').value,
    compact: $('b-compact').checked,
    asOf: $('b-as-of').value,
    method: picked('method'),
  };
}

/** The widget's attributes (`compact` is a boolean attribute, added apart). */
function attributes(c) {
  return [['programme', c.programme], ['lang', c.lang], ['theme-color', c.color], ['as-of', c.asOf]].filter(([, v]) => v);
}

export function scriptSnippet(c) {
  const tag = `shuzhuan-${c.widget}`;
  const attrs = attributes(c).map(([k, v]) => ` ${k}="${esc(v)}"`).join('') + (c.compact ? ' compact' : '');
  return `<script type="module" src="${new URL('embed.js', BASE)}" integrity="${EMBED_INTEGRITY}" crossorigin="anonymous"></script>\n`
    + `<${tag}${attrs}></${tag}>`;
}

function frameURL(c) {
  const url = new URL('embed.html', BASE);
  url.searchParams.set('widget', c.widget);
  for (const [k, v] of attributes(c)) url.searchParams.set(k, v);
  if (c.compact) url.searchParams.set('compact', '');
  return url.href;
}

export function iframeSnippet(c) {
  return `<iframe src="${esc(frameURL(c))}" title="${esc(TITLES[c.widget][c.lang])}" width="100%" height="${c.widget === 'check' ? 900 : 1000}" loading="lazy" style="border:0"></iframe>\n`
    + `<script src="${new URL('embed-frame.js', BASE)}" integrity="${FRAME_INTEGRITY}" crossorigin="anonymous" defer></script>`;
}

/** The preview: the same element or iframe the snippet makes. A changed setting of the same widget
 *  is applied to it in place (the widget re-renders and keeps what was typed). */
function preview(c) {
  const box = $('preview');
  const current = box.firstElementChild;
  if (c.method === 'iframe') {
    const src = frameURL(c);
    if (current?.localName === 'iframe' && current.src === src) return;
    const frame = document.createElement('iframe');
    frame.id = 'preview-frame';
    frame.title = TITLES[c.widget][c.lang];
    frame.src = src;
    frame.height = '400';
    frame.style.setProperty('border', '0');
    frame.style.setProperty('width', '100%');
    box.replaceChildren(frame);
    return;
  }
  let el = current;
  if (el?.localName !== `shuzhuan-${c.widget}`) {
    el = document.createElement(`shuzhuan-${c.widget}`);
    el.id = 'preview-widget';
    box.replaceChildren(el);
  }
  for (const name of ['programme', 'lang', 'theme-color', 'as-of']) el.removeAttribute(name);
  for (const [k, v] of attributes(c)) el.setAttribute(k, v);
  el.toggleAttribute('compact', c.compact);
}

let programmes = [];

/** The programme choices for the widget: the check may cover every programme; an estimate is for one. */
function fillProgrammes(widget, lang) {
  const select = $('b-programme');
  const keep = select.value;
  const options = programmes.map((p) => new Option(`${p.city} · ${p.title}`, p.id));
  if (widget === 'check') options.unshift(new Option(lang === 'en' ? 'Every programme' : '全部试点政策', ''));
  select.replaceChildren(...options);
  select.value = options.some((o) => o.value === keep) ? keep : (widget === 'check' ? '' : programmes[0]?.id ?? '');
}

function refresh() {
  const c = choice();
  $('snippet-script').value = scriptSnippet(c);
  $('snippet-iframe').value = iframeSnippet(c);
  preview(c);
}

for (const kind of ['script', 'iframe']) {
  const area = $(`snippet-${kind}`);
  area.style.setProperty('width', '100%');
  area.style.setProperty('font', '14px/1.4 ui-monospace, monospace');
  $(`copy-${kind}`).addEventListener('click', async () => {
    const status = $(`copied-${kind}`);
    try {
      await navigator.clipboard.writeText(area.value);
      status.textContent = '已复制 Copied';
    } catch {
      area.select();
      status.textContent = '请按 Ctrl+C 复制 Press Ctrl+C to copy';
    }
  });
}

document.addEventListener('change', (e) => {
  if (!e.target.closest('#builder') && e.target.name !== 'method') return;
  if (e.target.name === 'widget' || e.target.name === 'lang') fillProgrammes(picked('widget'), picked('lang'));
  refresh();
});
$('b-color').addEventListener('input', refresh);

// The site's rules (rules.json beside the widgets' files: the page has no `rules` attribute).
const [core, pack] = await Promise.all([ready('check'), rulesOf(document.documentElement)]);
useRules(core, pack);
programmes = core.programmes().filter((p) => p.audience === 'enterprise');
fillProgrammes(picked('widget'), picked('lang'));
refresh();
document.documentElement.dataset.builder = 'ready';
