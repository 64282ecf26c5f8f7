// The iframe page (embed.html?widget=check|estimate&programme=…&lang=…&theme-color=…&compact&as-of=…):
// puts the one widget the query names on the page, and whenever the page's height changes tells
// the parent page by postMessage, so that the parent's embed-frame.js can size the iframe. Only
// the height is sent — never an input or a result — so any parent may receive it ('*'). No
// cookies, no storage: everything the user types stays in this page's memory.
const query = new URLSearchParams(location.search);
const widget = document.createElement(query.get('widget') === 'estimate' ? 'shuzhuan-estimate' : 'shuzhuan-check');
for (const name of ['programme', 'lang', 'theme-color', 'as-of']) {
  const value = query.get(name);
  if (value) widget.setAttribute(name, value);
}
if (query.has('compact') && query.get('compact') !== 'false') widget.setAttribute('compact', '');
document.documentElement.lang = query.get('lang') === 'en' ? 'en' : 'zh-CN';
// Through the CSSOM: the strict CSP allows no style attribute.
document.body.style.setProperty('margin', '0');
document.body.append(widget);

if (window.parent !== window) {
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ shuzhuan: 'height', height }, '*');
    }
  }).observe(document.documentElement);
}
