// What both widgets share: the WebAssembly policy core (instantiated once per page), the interface
// strings in Chinese and English, the shadow-root shell with its stylesheet, form fields with
// inline errors, and lenient evaluation (the core leaves a field in error out, the rest still answers).
// Every decision is the core's: this file only moves what the user typed in and the report out.
const modules = {};
/** The WebAssembly policy core built for one widget (`check` | `estimate`: widget/pkg-check/ or
 *  widget/pkg-estimate/, each with only the exports its widget calls), fetched and instantiated
 *  once per page however many widgets use it. Resolves to the module's exports. */
export function ready(kind) {
  modules[kind] ||= import(`./pkg-${kind}/shuzhuan.js`)
    .then(async (core) => {
      await core.default({ module_or_path: new URL(`./pkg-${kind}/shuzhuan_bg.wasm`, import.meta.url) });
      return core;
    })
    .catch((e) => { modules[kind] = null; throw e; });
  return modules[kind];
}

const packs = {};
const inUse = new Map();
/** The rule pack a widget evaluates with: the URL in its `rules` attribute (relative to the host
 *  page), else the `rules.json` beside the widgets' files. Fetched once per URL. */
export function rulesOf(host) {
  const url = rulesUrl(host);
  packs[url] ||= fetch(url)
    .then((r) => { if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`); return r.text(); })
    .catch((e) => { delete packs[url]; throw e; });
  return packs[url].then((text) => ({ url, text }));
}

/** The URL of the widget's pack (see `rulesOf`). */
const rulesUrl = (host) => {
  const attr = (host.getAttribute('rules') || '').trim();
  return new URL(attr || '../rules.json', attr ? document.baseURI : import.meta.url).href;
};

/** True when `core` evaluates with the widget's pack (`pack`, updated in place when the `rules`
 *  attribute changed: the new pack is fetched and `redo` runs once it is there). Otherwise the
 *  box shows why (every problem of a pack that does not validate) and no verdict is given. */
export function applyRules(host, core, box, lang, pack, redo) {
  if (pack.url !== rulesUrl(host)) {
    rulesOf(host).then((p) => { Object.assign(pack, p); redo(); }, (e) => rulesProblems(box, e, lang));
    return false;
  }
  try {
    useRules(core, pack);
    return true;
  } catch (e) {
    rulesProblems(box, e, lang);
    return false;
  }
}

/** Makes `core` evaluate with `pack` (nothing to do when it already does: widgets of one kind
 *  share a core, and each may name its own pack). Throws the core's `RulesError`, whose
 *  `problems` list every problem of a pack that does not validate. */
export function useRules(core, pack) {
  if (inUse.get(core) === pack.url) return;
  core.loadRules(pack.text, pack.url);
  inUse.set(core, pack.url);
}

/** What a widget shows instead of its form when its pack cannot be used: every problem, and no
 *  verdict or amount. */
export function rulesProblems(box, e, lang) {
  // Each problem in the widget's language: `message_zh` in Chinese, `message` in English.
  const say = (p) => (lang === 'en' ? p.message : p.message_zh || p.message);
  const items = (e.problems || []).map((p) => h('li', {}, h('code', {}, `${p.file}${p.line ? `:${p.line}:${p.column}` : ''}: ${p.path}: ${say(p)}`)));
  fill(box, h('div', { class: 'error-summary', role: 'alert', id: 'rules-problems' },
    h('h2', {}, t(lang, 'rules.problems')),
    items.length ? h('ul', {}, items) : h('p', {}, String(e.message || e))));
}

let codes;
/** The GB/T 4754 codes and names (the app's copy, gbt4754-2017.csv), fetched once: the widgets'
 *  core is built without them (the estimate widget never needs them); the check widget hands
 *  them to its core with `loadCodes`. */
export function catalogue() {
  codes ||= fetch(new URL('../gbt4754-2017.csv', import.meta.url))
    .then((r) => { if (!r.ok) throw new Error(`gbt4754-2017.csv: HTTP ${r.status}`); return r.text(); })
    .catch((e) => { codes = null; throw e; });
  return codes;
}

/** Interface strings in Chinese and English: those both widgets use here; each widget adds its
 *  own (`addStrings`), so a page fetches only the strings of the widgets it shows. */
const STRINGS = {
  zh: {
    'private': '所填信息只在本机浏览器中计算，不会上传。结论仅供自查参考，以主管部门认定为准。',
    'errors.title': '请先修改以下内容',
    'errors.left_out': '以下填写有误，相关项目暂未计入：',
    'unknown_programme': '没有编号为“{id}”的政策。可用：',
    'field.choose': '请选择',
    'answer.yes': '是',
    'answer.no': '否',
    'answer.unsure': '不清楚',
    'unit.wan': '万元',
    'results.source': '依据',
    'rules.problems': '政策规则文件有问题，暂不给出结论或金额',
  },
  en: {
    'private': 'What you enter is computed in this browser and never uploaded. A self-check, not a decision: the office decides.',
    'errors.title': 'There is a problem',
    'errors.left_out': 'Some answers have problems and were left out:',
    'unknown_programme': 'No programme "{id}". Known: ',
    'field.choose': 'Choose',
    'answer.yes': 'Yes',
    'answer.no': 'No',
    'answer.unsure': 'Not sure',
    'unit.wan': '10k yuan',
    'results.source': 'Source',
    'rules.problems': 'The policy rules file has problems: no verdict or amount is given',
  },
};

/** Adds a widget's strings to the table. */
export function addStrings(more) {
  for (const lang of ['zh', 'en']) Object.assign(STRINGS[lang], more[lang]);
}

/** The interface string `key` in `lang` (`zh` | `en`). */
export const t = (lang, key) => STRINGS[lang][key] ?? STRINGS.zh[key] ?? key;

/** The widget's settings, read from its attributes (again after each change). */
export function settings(host) {
  const compact = host.getAttribute('compact');
  return {
    lang: /^en\b/i.test(host.getAttribute('lang') || '') ? 'en' : 'zh',
    programmes: (host.getAttribute('programme') || '').split(/[\s,]+/).filter(Boolean),
    asOf: (host.getAttribute('as-of') || '').trim(),
    compact: compact !== null && compact !== 'false',
    theme: (host.getAttribute('theme-color') || '').trim(),
  };
}

/** The core's options for these settings: language, and the evaluation date when one is set. */
export const options = (s) => (s.asOf ? { lang: s.lang, as_of: s.asOf } : { lang: s.lang });

/** `h('p', {class: 'hint', id}, 'text', child…)`: an element. `on…` props are listeners; `value`,
 *  `checked`, `selected`, `hidden` and `disabled` are properties; the rest attributes. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (['value', 'checked', 'selected', 'hidden', 'disabled'].includes(k)) el[k] = v;
    else el.setAttribute(k === 'className' ? 'class' : k, v === true ? '' : v);
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return el;
}

/** Replaces `el`'s children (nested lists flattened; null and false left out, as in `h`). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c != null && c !== false));
}

/** Puts the stylesheet into the widget's shadow root and returns the widget's box once it has
 *  loaded (no flash of unstyled content). The box replaces embed.js's loading line when shown. */
export async function shell(host) {
  const root = host.shadowRoot;
  const link = h('link', { rel: 'stylesheet', crossorigin: 'anonymous', href: new URL('./widget.css', import.meta.url).href });
  const loaded = new Promise((resolve, reject) => {
    link.addEventListener('load', resolve);
    link.addEventListener('error', () => reject(new Error('widget.css did not load')));
  });
  const box = h('div', { class: 'sz', hidden: true });
  root.append(link, box);
  await loaded;
  return box;
}

/** Shows the box in place of the loading line and tells the host the widget is ready. */
export function reveal(host, box) {
  for (const n of [...host.shadowRoot.children]) if (n !== box && n.localName !== 'link') n.remove();
  box.hidden = false;
  box.dataset.state = 'ready';
  host.dispatchEvent(new CustomEvent('shuzhuan-ready', { bubbles: true, composed: true }));
}

/** Language, density and accent of the box. The accent is set through the CSSOM (allowed by a
 *  strict style-src), with black or white text on it, whichever contrasts more. */
export function dress(box, s) {
  box.lang = s.lang === 'en' ? 'en' : 'zh-CN';
  box.classList.toggle('compact', s.compact);
  box.style.removeProperty('--sz-accent');
  box.style.removeProperty('--sz-on-accent');
  if (s.theme && CSS.supports('color', s.theme)) {
    box.style.setProperty('--sz-accent', s.theme);
    box.style.setProperty('--sz-on-accent', textOn(box, s.theme));
  }
}

function textOn(box, color) {
  const probe = h('span');
  probe.style.setProperty('color', color);
  box.append(probe);
  const rgb = (getComputedStyle(probe).color.match(/[\d.]+/g) || []).map(Number);
  probe.remove();
  if (rgb.length < 3) return '#ffffff';
  const lin = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const l = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#0b0c0c' : '#ffffff';
}


/** `350000` → `¥350,000` (the core keeps the exact decimal string). */
export function yuan(s) {
  const [int, frac] = String(s).split('.');
  return `¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

/** A labelled text field: `{wrap, input}`; its hint and error are described-by the input. */
export function textField({ id, label, hint, unit, inputmode = 'decimal', type = 'text', value = '', onchange, oninput }) {
  const described = [hint && `${id}-hint`, unit && `${id}-unit`, `${id}-error`].filter(Boolean).join(' ');
  const input = h('input', { id, type, inputmode, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': described, value, onchange, oninput });
  const wrap = h('div', { class: 'field', 'data-for': id },
    h('label', { for: id }, label),
    hint && h('p', { class: 'hint', id: `${id}-hint` }, hint),
    unit ? h('div', { class: 'with-unit' }, input, h('span', { class: 'unit', id: `${id}-unit` }, unit)) : input,
    h('p', { class: 'error', id: `${id}-error`, hidden: true }));
  return { wrap, input };
}

/** A yes / no / not sure question as radio buttons; `get()` gives 'yes' | 'no' | ''. */
export function yesNo({ id, label, lang, value = '', onchange }) {
  const opt = (v, key) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: id, id: `${id}-${v || 'unsure'}`, value: v, checked: value === v, onchange }), t(lang, key));
  return h('fieldset', { class: 'field', id, 'data-for': id, 'aria-describedby': `${id}-error` },
    h('legend', {}, label),
    h('div', { class: 'choices' }, opt('yes', 'answer.yes'), opt('no', 'answer.no'), opt('', 'answer.unsure')),
    h('p', { class: 'error', id: `${id}-error`, hidden: true }));
}

/** `core.check` or `core.estimate` evaluating what is valid (the core's `lenient` option: each
 *  field in error left out, the rest still answers): `{report, errors}`, `report` null when nothing
 *  could run. Bad options are thrown by the core even then, and come back the same way. */
export function lenient(core, kind, input, opts) {
  try {
    return core[kind](input, { ...opts, lenient: true });
  } catch (e) {
    if (e?.name !== 'InputError') throw e;
    return { report: null, errors: e.errors };
  }
}

/** Shows each error under its field (`idOf(path)` names the field's element id) and marks the
 *  control invalid; errors with no field on the form are returned for a general list. */
export function showErrors(box, errors, lang, idOf) {
  for (const p of box.querySelectorAll('.field > .error')) { p.hidden = true; p.textContent = ''; }
  for (const c of box.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  const unplaced = [];
  for (const e of errors) {
    const id = idOf(e.field);
    const p = id && box.querySelector(`#${CSS.escape(id)}-error`);
    if (!p || p.parentElement.closest('[hidden]')) { unplaced.push(e); continue; }
    p.textContent = e.message[lang];
    p.hidden = false;
    const control = box.querySelector(`#${CSS.escape(id)}`);
    (control?.localName === 'fieldset' ? control.querySelector('input') : control)?.setAttribute('aria-invalid', 'true');
  }
  return unplaced;
}

/** The error summary shown on submit: every problem, each a link to its field (GOV.UK pattern). */
export function errorSummary(box, errors, lang, idOf) {
  const links = errors.map((e) => {
    const id = idOf(e.field);
    const target = id && box.querySelector(`#${CSS.escape(id)}`);
    const text = e.message[lang];
    if (!target) return h('li', {}, text);
    return h('li', {}, h('a', { href: `#${id}`, onclick: (ev) => { ev.preventDefault(); (target.querySelector?.('input') || target).focus(); } }, text));
  });
  return h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' }, h('p', { class: 'strong' }, t(lang, 'errors.title')), h('ul', {}, links));
}

/** Marks each field in error and keeps the error summary in step: shown once the user submits,
 *  then kept current while errors remain, focused on submit (both widgets). */
export function reportErrors(box, form, errors, lang, idOf, submitted) {
  showErrors(box, errors, lang, idOf);
  const old = box.querySelector('.error-summary');
  if (errors.length && (submitted || old)) {
    const summary = errorSummary(box, errors, lang, idOf);
    if (old) old.replaceWith(summary); else form.before(summary);
    if (submitted) summary.focus();
  } else old?.remove();
}

/** Sends a report to the host page: bubbles out of the shadow root, `detail` is the report. */
export function emit(host, report) {
  host.dispatchEvent(new CustomEvent('shuzhuan-result', { bubbles: true, composed: true, detail: report }));
}

/** `programme` attribute ids the core does not know, with the message naming the known ones. */
export function unknownProgrammes(s, known) {
  const bad = s.programmes.filter((id) => !known.includes(id));
  return bad.map((id) => t(s.lang, 'unknown_programme').replace('{id}', id) + known.join(', '));
}
