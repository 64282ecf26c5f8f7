// The parent-page half of the iframe embed, for sites that allow one script:
//   <iframe src="https://WIDGETS/embed.html?widget=check&…" …></iframe>
//   <script src="https://WIDGETS/embed-frame.js" integrity="sha384-…" crossorigin="anonymous" defer></script>
// Sizes each such iframe to its content. A message is obeyed only when it comes from the origin
// this script was loaded from (event.origin — the widgets' origin: the script sits beside
// embed.html) AND from the window of one of the page's iframes (event.source), which is the one
// resized; anything else — another origin, another frame, the page itself — is ignored.
// A classic script (document.currentScript names its own URL); nothing is stored.
(() => {
  const origin = new URL(document.currentScript.src).origin;
  const ours = (frame) => {
    try { return new URL(frame.src, location.href).origin === origin; } catch { return false; }
  };
  const dress = () => {
    for (const frame of document.querySelectorAll('iframe')) {
      if (ours(frame)) {
        frame.style.setProperty('border', '0');
        frame.style.setProperty('width', '100%');
      }
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', dress); else dress();
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (event.origin !== origin || !data || data.shuzhuan !== 'height' || !Number.isFinite(data.height)) return;
    for (const frame of document.querySelectorAll('iframe')) {
      if (frame.contentWindow === event.source) {
        const height = Math.min(Math.max(Math.round(data.height), 80), 20000);
        frame.style.setProperty('height', `${height}px`);
        return;
      }
    }
  });
})();
