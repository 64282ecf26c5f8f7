// Registers the service worker (www/sw.js) that keeps the app's static files for use with no
// network, and offers an update when a new version has been installed in the background.
// Loaded by boot.js once the app is running, so it is never on the first paint's path.
const TEXT = {
  zh: { msg: '有新版本可用。更新会重新载入页面，当前填写的内容将被清空。', button: '更新' },
  en: { msg: 'A new version is available. Updating reloads the page and clears what you have entered.', button: 'Update' },
};

function offer(worker) {
  if (document.getElementById('sw-update')) return;
  const t = TEXT[document.documentElement.lang === 'en' ? 'en' : 'zh'];
  const box = document.createElement('div');
  box.id = 'sw-update';
  box.className = 'sw-update no-print';
  box.setAttribute('role', 'status');
  const p = document.createElement('p');
  p.textContent = t.msg;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button';
  button.textContent = t.button;
  button.addEventListener('click', () => {
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    worker.postMessage('skip-waiting');
  });
  box.append(p, button);
  document.body.append(box);
}

export async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return null;
  const reg = await navigator.serviceWorker.register(new URL('sw.js', import.meta.url));
  if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const worker = reg.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
  return reg;
}
