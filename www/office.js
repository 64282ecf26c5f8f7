// Shared by the office pages (review.html, providers.html): elements built as text (never HTML),
// the zh/en string tables, tables, the error box and downloads. Plain DOM, no framework.

/** The strings of the pages' shared header (skip link, brand, navigation, language switch). */
export const HEADER = {
  zh: {
    skip: '跳到主要内容', brand: '数转 自查', nav: '主导航', 'nav.check': '企业自查', 'nav.library': '政策原文与规则', 'nav.review': '批量初筛', 'nav.providers': '服务商遴选',
    switch: 'English', switchLang: 'en',
  },
  en: {
    skip: 'Skip to main content', brand: 'shuzhuan self-check', nav: 'Main navigation', 'nav.check': 'Self-check', 'nav.library': 'Policies and rules', 'nav.review': 'Batch screening', 'nav.providers': 'Provider selection',
    switch: '中文', switchLang: 'zh-CN',
  },
};

/** An element: `el('td', {class: 'num'}, 'text', child…)`; text is always text, never HTML. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null) e.append(c);
  return e;
}

/** `{name}` placeholders filled from `vars`. */
export const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

/** Today's date in China by the core's rule (`todayInChina` of the module), or '' when the
 *  device's clock cannot be right: the date field is then left for the user to fill. */
export function today(todayInChina) {
  try {
    return todayInChina();
  } catch {
    return '';
  }
}

/** A page's strings: `t(key)` in the current language, falling back to Chinese, then the key. */
export function strings(texts, state) {
  const t = (key) => texts[state.lang][key] ?? texts.zh[key] ?? key;
  const fmt = (n) => Number(n).toLocaleString(state.lang === 'en' ? 'en' : 'zh-CN');
  /** Sets the page's language: `lang`, title, every `data-t` text and `data-t-label` label, the switch. */
  const apply = () => {
    const L = texts[state.lang];
    document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
    document.title = L.doc;
    for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
    for (const e of document.querySelectorAll('[data-t-label]')) e.setAttribute('aria-label', t(e.dataset.tLabel));
    const b = document.getElementById('lang');
    b.textContent = L.switch;
    b.lang = L.switchLang;
  };
  /** A table: the first cell of each row is its header; numbers right-aligned and formatted.
   *  Every cell carries its column's name (`data-label`), for a page that shows rows as cards. */
  const table = (head, rows, cls = '') =>
    el('div', { class: 'table-scroll' }, el('table', { class: cls },
      el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => (i === 0
        ? el('th', { scope: 'row', 'data-label': head[i] }, c)
        : el('td', { class: typeof c === 'number' ? 'num' : null, 'data-label': head[i] }, typeof c === 'number' ? fmt(c) : c))))))));
  /** Shows a list of problems in `box` (an error summary) and moves focus there. */
  const problem = (box, title, lines) => {
    box.replaceChildren(el('p', { class: 'strong' }, title), el('ul', {}, lines.map((l) => el('li', {}, l))));
    box.hidden = false;
    box.focus();
  };
  return { t, fmt, apply, table, problem };
}

/** The messages of a thrown `InputError` (or any error) in `lang`. */
export const messages = (e, lang) =>
  (e?.errors?.length ? e.errors.map((x) => `${x.field ? `${x.field}: ` : ''}${x.message?.[lang] ?? x.message?.zh ?? ''}`) : [String(e?.message ?? e)]);

/** Downloads a Blob through a temporary link (no network: the Blob is in memory). */
export function offer(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
