// shuzhuan 数转 widgets: the one script a CMS page includes. Registers <shuzhuan-check> and
// <shuzhuan-estimate> (attributes programme, lang, theme-color, compact, as-of, rules). Each widget lives
// in an open shadow root; its UI, stylesheet and the WebAssembly policy core are fetched only when
// it comes near the viewport, from beside this file (import.meta.url), so a page on any origin
// can include it. Kept under 3 KB gzip (scripts/build-widgets.sh checks): everything else is in
// widget/. Results reach the host as `shuzhuan-result` events (bubbles, composed; detail = report).
const base = new URL('./', import.meta.url);
const seen = 'IntersectionObserver' in window
  ? new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) e.target.load();
  }, { rootMargin: '200px 0px' })
  : null;

class ShuzhuanWidget extends HTMLElement {
  static observedAttributes = ['programme', 'lang', 'theme-color', 'compact', 'as-of', 'rules'];

  connectedCallback() {
    if (!this.shadowRoot) {
      // Until the UI arrives: a status line, styled through the CSSOM (a strict host CSP may
      // forbid style attributes and inline <style>, not this).
      const p = document.createElement('p');
      p.setAttribute('role', 'status');
      p.textContent = this.getAttribute('lang') === 'en' ? 'Loading the calculator…' : '正在载入计算器…';
      for (const [k, v] of [['all', 'initial'], ['display', 'block'], ['min-height', '12em'], ['padding', '16px'],
        ['font', '16px/1.5 system-ui, sans-serif'], ['color', '#505a5f']]) p.style.setProperty(k, v);
      this.attachShadow({ mode: 'open' }).append(p);
    }
    if (!this.view) seen ? seen.observe(this) : this.load();
  }

  disconnectedCallback() {
    seen?.unobserve(this);
  }

  attributeChangedCallback() {
    this.view?.update();
  }

  /** Fetches this widget's UI (and through it the WebAssembly core) once, and mounts it. */
  load() {
    seen?.unobserve(this);
    if (this.loading) return;
    const kind = this.localName.slice(9); // 'check' | 'estimate'
    const get = (file) => import(new URL(`widget/${file}.js`, base).href);
    // common.js is check.js's and estimate.js's first import: asked for at once, not after them.
    this.loading = Promise.all([get(kind), get('common')])
      .then(([m]) => m.mount(this))
      .then((view) => { this.view = view; })
      .catch((e) => {
        this.loading = null;
        const p = this.shadowRoot.firstChild;
        p.textContent = this.getAttribute('lang') === 'en'
          ? 'The calculator could not load. Check the connection and reload the page.'
          : '计算器未能载入，请检查网络后刷新页面。';
        this.dispatchEvent(new CustomEvent('shuzhuan-error', { bubbles: true, composed: true, detail: String(e) }));
      });
  }
}

for (const kind of ['check', 'estimate']) {
  const name = `shuzhuan-${kind}`;
  if (!customElements.get(name)) customElements.define(name, class extends ShuzhuanWidget {});
}
