/** How often an embedded list asks for a newer version of itself. */
export const EMBED_REFRESH_MINUTES = 5;

/** The embed's stylesheet: a compact list that fills a sidebar column, light and dark from the reader's setting. */
export const EMBED_CSS = `
:root { color-scheme: light dark; --bg: #fff; --text: #15181d; --muted: #5d6573; --line: #e3e6eb; --accent: #1d3f8f; }
@media (prefers-color-scheme: dark) { :root { --bg: #161a21; --text: #e7e9ec; --muted: #9ba4b1; --line: #2a303a; --accent: #8fb3ff; } }
* { box-sizing: border-box; }
html, body { height: 100%; }
/* Title and footer stay in view; the list scrolls inside whatever height the iframe has. */
body { display: flex; flex-direction: column; margin: 0; background: var(--bg); color: var(--text); font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: inherit; text-decoration: none; }
a:hover { text-decoration: underline; }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
header { display: flex; align-items: baseline; justify-content: space-between; gap: .5rem; padding: .5rem .75rem .375rem; border-bottom: 2px solid var(--accent); }
header a { font-weight: 700; font-size: 15px; }
header span { color: var(--muted); font-size: 12px; }
ol { flex: 1; overflow-y: auto; list-style: none; margin: 0; padding: 0 .75rem; }
li { padding: .5rem 0; border-top: 1px solid var(--line); }
li:first-child { border-top: 0; }
li > a { font-weight: 600; overflow-wrap: anywhere; }
.meta { display: block; margin-top: .125rem; color: var(--muted); font-size: 12px; }
.empty { color: var(--muted); padding: .75rem; margin: 0; }
footer { padding: .375rem .75rem .5rem; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
footer a { color: var(--accent); }
`;

/**
 * The embed's only script: every few minutes, while the list is visible, it asks for its own URL
 * again with the ETag it last saw (If-None-Match), so an unchanged list costs a 304 and no body, and
 * swaps the list in when it changed. Its first request lets the browser revalidate its cached copy.
 */
export const EMBED_SCRIPT = `
(() => {
  let etag = null;
  setInterval(async () => {
    if (document.hidden) return;
    try {
      const response = await fetch(location.href, etag ? { cache: 'no-store', headers: { 'If-None-Match': etag } } : { cache: 'no-cache' });
      if (response.status !== 200) return;
      etag = response.headers.get('ETag');
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('stories');
      if (fresh) document.getElementById('stories')?.replaceWith(document.adoptNode(fresh));
    } catch {}
  }, ${EMBED_REFRESH_MINUTES * 60_000});
})();
`;
