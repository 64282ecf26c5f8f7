// Kiosk mode (index.html?kiosk, and every page the kiosk reaches: assess.html?kiosk): large type
// and touch targets, no autofill, an idle timeout that wipes the visit, and the result handed
// over as a QR code of its share link. Loaded first by boot.js and assess-boot.js, before the
// WebAssembly, only when the page's query has `kiosk`. Settings, all in the query:
//   idle=SECONDS          idle time before the wipe: whole seconds from 15 to 3600 (default 90);
//                         any other value is refused, the default applies and the status area
//                         says so. The last 10 s (or the last half, if shorter) show a countdown
//                         that any touch cancels
//   share-base=URL        the public address the QR code's link opens on a phone (default: this
//                         page's own address, which a phone cannot open when it is 127.0.0.1)
//   rules-max-age=DAYS    read by the app: warn on the start page when the rules are older
// Nothing is written to any storage; every input and result lives only in the page's memory.
//
// Kiosk mode holds on every page the kiosk can reach: each link to one of the kiosk's pages
// carries these settings, every other link is hidden (see KIOSK_PAGES).
//
// No history entry keeps a visitor's data, so Back and Forward after the wipe reach none of it:
// - on a kiosk the pages never put a visitor's data in their address (the app drops a fragment's
//   `?d=…` / `?level=N` once read, the self-assessment keeps its answers out of its fragment),
//   so an older entry reopened after the wipe loads empty;
// - the wipe replaces the current entry with a fresh document of the start page, discarding the
//   page's memory;
// - a page that the browser kept whole in its back/forward cache (its memory with it) is
//   reloaded from its address as soon as it is shown again (`pageshow` with `persisted`).

/** The query keys a kiosk carries from page to page. */
const SETTINGS = ['kiosk', 'idle', 'share-base', 'rules-max-age'];

/** The kiosk's pages, by file name in the site's folder (the folder itself is index.html). A
 *  link to one of them carries the kiosk's settings, so kiosk mode holds there: */
const KIOSK_PAGES = new Set([
  '', 'index.html', // the app: start, self-check, results, estimators, library
  'assess.html', // the self-assessment (header and estimator links): runs this script too
]);
// Every other link is hidden from the kiosk, because a visitor there would leave kiosk mode
// (no idle wipe, autofill back) and reach what is not for visitors:
// - review.html, providers.html (the app's footer links the first): the district reviewers'
//   office tools, which read applicant lists — not a visitor's; rules.html, the city bureaus'
//   rule-pack editor (also in the footer);
// - embed.html, embed-builder.html, host-demo.html, pkg-demo.html: the embedding and developer
//   demo pages, with no kiosk code;
// - any other address (another site, another folder): the kiosk is offline and must not be
//   browsed away from.

const here = new URL(location.href);
const site = new URL('./', here);
const page = here.pathname.slice(site.pathname.length);
/** This page's kiosk settings, as given (a setting the kiosk refuses is carried too, so every
 *  page says so). */
const query = here.search.slice(1).split('&').filter((p) => SETTINGS.includes(queryKey(p))).join('&');
const params = new URLSearchParams(query);

function queryKey(pair) {
  try { return decodeURIComponent(pair.split('=')[0]); } catch { return ''; }
}

const IDLE = { fallback: 90, min: 15, max: 3600 };
const idleGiven = params.get('idle');
const idleValid = idleGiven === null || (/^\d+$/.test(idleGiven) && Number(idleGiven) >= IDLE.min && Number(idleGiven) <= IDLE.max);
const idleSeconds = idleGiven !== null && idleValid ? Number(idleGiven) : IDLE.fallback;
const warnSeconds = Math.min(10, Math.ceil(idleSeconds / 2));
const shareBase = params.get('share-base') || `${location.origin}${location.pathname}`;
const TEXT = {
  zh: {
    title: '还在使用吗？', body: (s) => `${s} 秒后将清空本页填写的全部内容并回到首页。`, stay: '继续使用',
    loopback: '工作人员请注意：二维码指向本机地址，手机无法打开；请用 share-base 参数设置公开网址。',
    idle: (v) => `工作人员请注意：设置 idle=${v} 无效，空闲时间须为 ${IDLE.min} 到 ${IDLE.max} 之间的整数秒；现按默认的 ${IDLE.fallback} 秒清空。`,
  },
  en: {
    title: 'Still there?', body: (s) => `In ${s} s everything entered here is cleared and the start page returns.`, stay: 'Keep using',
    loopback: 'For staff: the QR code points at this machine, which a phone cannot open; set the public address with the share-base parameter.',
    idle: (v) => `For staff: the setting idle=${v} is refused: the idle time must be whole seconds from ${IDLE.min} to ${IDLE.max}; the default of ${IDLE.fallback} s applies.`,
  },
};
const text = () => TEXT[document.documentElement.lang === 'en' ? 'en' : 'zh'];

document.documentElement.classList.add('kiosk');
const css = document.createElement('link');
css.rel = 'stylesheet';
css.href = new URL('kiosk.css', import.meta.url).href;
document.head.append(css);

// --- the kiosk's status area: what staff must fix in the settings ----------------------------
if (!idleValid) {
  // Both languages at once: the staff who set the kiosk up may read either.
  const shown = idleGiven.length > 40 ? `${idleGiven.slice(0, 40)}…` : idleGiven;
  const status = document.createElement('div');
  status.id = 'kiosk-status';
  status.className = 'kiosk-status no-print';
  status.setAttribute('role', 'status');
  for (const lang of ['zh', 'en']) {
    const p = document.createElement('p');
    p.lang = lang === 'zh' ? 'zh-CN' : 'en';
    p.textContent = TEXT[lang].idle(shown);
    status.append(p);
  }
  document.body.prepend(status);
  console.warn(`${TEXT.zh.idle(shown)} / ${TEXT.en.idle(shown)}`);
}

// --- the pages a kiosk reaches ----------------------------------------------------------------
/** Gives a link to a kiosk page the kiosk's settings; hides any other link (see KIOSK_PAGES). */
function holdLink(a) {
  const href = a.getAttribute('href');
  if (href === null || href.startsWith('#')) return; // this page: its query stays as it is
  const url = new URL(href, here);
  const target = url.pathname.slice(site.pathname.length);
  if (url.origin === location.origin && url.pathname.startsWith(site.pathname) && KIOSK_PAGES.has(target)) {
    if (url.search !== `?${query}`) a.setAttribute('href', `${target || './'}?${query}${url.hash}`);
  } else if (!a.hidden) {
    a.hidden = true; // kiosk.css keeps it out of sight whatever the page's own style says
  }
}

// --- idle timeout -------------------------------------------------------------------------
let last = Date.now();
let overlay = null;
const activity = () => {
  last = Date.now();
  if (overlay) { overlay.remove(); overlay = null; }
};
for (const type of ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart']) {
  addEventListener(type, activity, { capture: true, passive: true });
}

/** The start page a wipe returns to: the app's start, from the app or any other kiosk page. */
const START = `${page === '' ? './' : 'index.html'}?${query}#/`;

function wipe() {
  // A fresh document at the start page, in place of the current history entry: the page's
  // memory, with every input and result, is gone, and the entry held no data in its address.
  const start = new URL(START, here);
  if (start.pathname === location.pathname && start.search === location.search) {
    // Only the fragment differs: a replace would stay in this document, so reload it.
    history.replaceState(null, '', start);
    location.reload();
  } else {
    // Another page (from the self-assessment): a new document of its own. (Reloading this one
    // at the start's address would leave the entries of this page's own steps sharing the new
    // document: Forward to one would show the start page under the step's address.)
    location.replace(start);
  }
}

// A page shown again from the back/forward cache kept its memory (a visitor's inputs, maybe one
// from before a wipe): it starts afresh from its address, which holds no data.
addEventListener('pageshow', (event) => {
  if (!event.persisted) return;
  document.documentElement.classList.add('kiosk-leaving');
  location.reload();
});

function showCountdown(left) {
  const t = text();
  if (!overlay) {
    overlay = document.createElement('div');
    overlay.id = 'kiosk-idle';
    overlay.className = 'kiosk-idle';
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-labelledby', 'kiosk-idle-title');
    overlay.setAttribute('aria-describedby', 'kiosk-idle-body');
    const box = document.createElement('div');
    const h = document.createElement('h2');
    h.id = 'kiosk-idle-title';
    const p = document.createElement('p');
    p.id = 'kiosk-idle-body';
    const stay = document.createElement('button');
    stay.type = 'button';
    stay.className = 'button primary big';
    stay.id = 'kiosk-stay';
    box.append(h, p, stay);
    overlay.append(box);
    document.body.append(overlay);
    stay.focus();
  }
  overlay.querySelector('h2').textContent = t.title;
  overlay.querySelector('p').textContent = t.body(left);
  overlay.querySelector('button').textContent = t.stay;
}

setInterval(() => {
  const idle = (Date.now() - last) / 1000;
  if (idle >= idleSeconds) wipe();
  else if (idle >= idleSeconds - warnSeconds) showCountdown(Math.ceil(idleSeconds - idle));
}, 250);

// --- what the browser would remember ----------------------------------------------------------
// No autofill suggestions from the previous visitor's entries.
function noAutofill(root) {
  for (const el of root.querySelectorAll('input, select, textarea')) el.setAttribute('autocomplete', 'off');
}

// --- the QR code of the share link -----------------------------------------------------------
// The encoder (npm uqr, 27 KB) is loaded when a result first shows one.
let qrEncoder = null;
const SVG = 'http://www.w3.org/2000/svg';
async function drawQr(figure) {
  const url = shareBase + (figure.dataset.fragment || '');
  if (figure.dataset.drawn === url) return;
  figure.dataset.drawn = url;
  qrEncoder ??= import('./vendor/uqr.mjs');
  const { encode } = await qrEncoder;
  if (figure.dataset.drawn !== url) return; // the result changed meanwhile: its own call draws it
  figure.dataset.url = url;
  const { size, data } = encode(url, { ecc: 'L', border: 2 });
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  const bg = document.createElementNS(SVG, 'rect');
  bg.setAttribute('width', size);
  bg.setAttribute('height', size);
  bg.setAttribute('fill', '#fff');
  let d = '';
  data.forEach((row, y) => row.forEach((on, x) => { if (on) d += `M${x},${y}h1v1h-1z`; }));
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.append(bg, path);
  const box = figure.querySelector('.qr');
  box.replaceChildren(svg);
  if (/^https?:\/\/(127\.|localhost|\[::1\])/.test(shareBase) && !figure.querySelector('.loopback')) {
    const note = document.createElement('p');
    note.className = 'loopback small';
    note.textContent = text().loopback;
    figure.append(note);
  }
}

// Runs on the static page now and after every change the app makes (before the browser paints
// it or handles a touch on it).
function scan() {
  noAutofill(document);
  for (const a of document.querySelectorAll('a[href]')) holdLink(a);
  const figure = document.getElementById('kiosk-qr');
  if (figure) drawQr(figure);
}
new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-fragment', 'href'] });
scan();
