/** The index page's whole stylesheet, inlined so the page needs no other request. */
export const INDEX_CSS = `
:root { color-scheme: light dark; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) { :root { --accent: #7db7ff; } }
body { font: 1rem/1.5 system-ui, sans-serif; max-width: 48rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
section { border-top: 1px solid #8884; padding: 0.5rem 0 1rem; }
.formats { list-style: none; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
.headlines { padding-left: 1.25rem; }
.headlines li { margin: 0.25rem 0; }
.meta, .empty { color: #767676; font-size: 0.875rem; }
`;
