// The host page's own script: listens for the widgets' results (a `shuzhuan-result` event bubbles
// out of each widget with the report as `detail`) and lists them, as a CMS page might forward them
// to its own analytics or a "download the application form" step. Also registers the service
// worker (the widgets' files are cached as they are first used, and the files this page loaded
// before the worker took control are cached then, so it works offline after one visit).
const log = document.getElementById('events');
document.addEventListener('shuzhuan-result', (event) => {
  const report = event.detail;
  const widget = event.target.localName;
  const text = widget === 'shuzhuan-estimate'
    ? `${widget}: ${report.programme} total_yuan=${report.total_yuan}`
    : `${widget}: ${report.programmes.map((p) => `${p.id}=${p.verdict}`).join(', ')}`;
  const li = document.createElement('li');
  li.dataset.widget = widget;
  li.textContent = text;
  log.append(li);
  while (log.children.length > 20) log.firstElementChild.remove();
});
import('./offline.js').then((m) => m.registerServiceWorker()).catch(() => {});
