// Registers the service worker (www/sw.js) that keeps the app's static files for use with no
// network, offers an update when a new version has been installed in the background, and says so
// when a new version could not be installed (a file failed its check, or the network failed).
//
// index.html and assess.html load this module on its own (it imports nothing), so none of this
// waits for the app: a page whose WebAssembly fails to start still registers the worker and is
// still offered a good new build. On a first visit the registration (whose install downloads the
// precached files) waits until the app has started — boot.js and assess-boot.js then call
// registerServiceWorker(), and the worker finds the app's files in the browser's HTTP cache — or
// has failed to start, or for 10 s, whichever comes first. A page the worker already controls
// registers at once.
const TEXT = {
  zh: {
    offer: '有新版本可用。更新会重新载入页面，当前填写的内容将被清空。',
    update: '更新',
    failedUpdate: '更新未能安装（{why}），将稍后重试。',
    failedFirst: '离线使用未能准备好（{why}），下次打开时重试。',
    check: '文件校验失败',
    network: '网络中断',
    storage: '存储空间不足',
    close: '关闭',
  },
  en: {
    offer: 'A new version is available. Updating reloads the page and clears what you have entered.',
    update: 'Update',
    failedUpdate: 'The update could not be installed ({why}); it will be retried.',
    failedFirst: 'Offline use could not be set up ({why}); it will be retried on the next visit.',
    check: 'a file failed its check',
    network: 'the network failed',
    storage: 'not enough storage',
    close: 'Close',
  },
};

const lang = () => (document.documentElement.lang === 'en' ? 'en' : 'zh');

/** A notice at the bottom of the page (non-blocking, role=status) with one button. */
function notice(id, text, label, onClick) {
  document.getElementById(id)?.remove();
  document.getElementById('sw-failed')?.remove();
  const box = document.createElement('div');
  box.id = id;
  box.className = 'sw-update no-print';
  box.setAttribute('role', 'status');
  const p = document.createElement('p');
  p.textContent = text;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button';
  button.textContent = label;
  button.addEventListener('click', onClick);
  box.append(p, button);
  document.body.append(box);
  return box;
}

function offer(worker) {
  if (document.getElementById('sw-update')) return;
  const t = TEXT[lang()];
  notice('sw-update', t.offer, t.update, () => {
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    worker.postMessage('skip-waiting');
  });
}

/** The worker's report that a version could not be installed: in the page's language first, then
 *  in the other (the app may not have started, so its language switch may not be there). */
function failed({ reason, file }) {
  if (document.getElementById('sw-update')) return; // a newer version is ready all the same
  const key = navigator.serviceWorker.controller ? 'failedUpdate' : 'failedFirst';
  const say = (t) => t[key].replace('{why}', t[reason] || t.check);
  const [first, second] = lang() === 'en' ? [TEXT.en, TEXT.zh] : [TEXT.zh, TEXT.en];
  const box = notice('sw-failed', `${say(first)} · ${say(second)}`, first.close, () => box.remove());
  box.dataset.reason = reason;
  box.dataset.file = file;
}

function track(worker) {
  worker?.addEventListener('statechange', () => {
    if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
  });
}

let registration = null;

/** Registers the worker (once; later calls return the same promise). */
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return Promise.resolve(null);
  registration ||= (async () => {
    const reg = await navigator.serviceWorker.register(new URL('sw.js', import.meta.url));
    if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
    // An update the browser started on this navigation, before this module ran.
    track(reg.installing);
    reg.addEventListener('updatefound', () => track(reg.installing));
    return reg;
  })();
  return registration;
}

if ('serviceWorker' in navigator) {
  const sw = navigator.serviceWorker;
  sw.addEventListener('message', (event) => {
    if (event.data?.type === 'shuzhuan-install-failed') failed(event.data);
  });
  sw.startMessages();
  if (sw.controller) {
    registerServiceWorker().catch(() => {});
  } else {
    // First visit: once the new worker controls this page, it is told which files the page
    // loaded before that, so a page outside the precache (e.g. host-demo.html) works offline too.
    sw.addEventListener('controllerchange', () => {
      const urls = performance.getEntriesByType('resource').map((e) => e.name);
      sw.controller?.postMessage({ type: 'cache-used', urls: [location.origin + location.pathname, ...urls] });
    }, { once: true });
    const later = () => registerServiceWorker().catch(() => {});
    addEventListener('error', later, { once: true });
    addEventListener('unhandledrejection', later, { once: true });
    setTimeout(later, 10_000);
  }
}
