/** The stylesheet of every HTML page, inlined so a page needs no other request; light and dark from the reader's setting. */
export const PAGE_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f5f6f8; --surface: #fff; --text: #15181d; --text-2: #3a404a; --muted: #586170; --line: #e1e4e9;
  --link: #1d3f8f; --brand: #1d3f8f; --brand-ink: #fff; --brand-soft: #c9d6f2;
  --chip: #e8eefa; --chip-ink: #1d3f8f; --focus: #2f6fec;
  --serif: Georgia, "Times New Roman", "Liberation Serif", serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1116; --surface: #161a21; --text: #e7e9ec; --text-2: #c4c9d1; --muted: #9ba4b1; --line: #272d36;
    --link: #9dbaff; --brand: #14234a; --brand-soft: #a9bbe6; --chip: #1e2940; --chip-ink: #c3d3ff; --focus: #8fb3ff;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--link); }
a:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
.skip { position: absolute; left: -100vw; }
.skip:focus { left: 1rem; top: 1rem; z-index: 1; background: var(--surface); padding: .5rem .75rem; }
.masthead { background: var(--brand); color: var(--brand-ink); }
.masthead .bar { max-width: 72rem; margin: 0 auto; padding: .625rem 1rem; display: flex; align-items: center; gap: 1.25rem; }
.brand { display: flex; align-items: center; gap: .5rem; color: inherit; text-decoration: none; font-weight: 700; font-size: 1.25rem; letter-spacing: -.01em; flex: none; }
.brand svg { width: 1.75rem; height: 1.75rem; border-radius: .375rem; box-shadow: 0 0 0 1px #ffffff40; }
.masthead nav { min-width: 0; }
.masthead ul { list-style: none; margin: 0; padding: 0; display: flex; gap: .25rem; overflow-x: auto; scrollbar-width: none; }
.masthead nav a { display: block; color: var(--brand-soft); text-decoration: none; padding: .3rem .7rem; border-radius: 999px; white-space: nowrap; font-size: .9375rem; }
.masthead nav a:hover, .masthead nav a[aria-current="page"] { background: #ffffff24; color: var(--brand-ink); }
main { max-width: 72rem; margin: 0 auto; padding: 1.75rem 1rem 3rem; }
.page-head { margin-bottom: 1.5rem; }
h1 { font: 700 2.25rem/1.15 var(--serif); margin: 0 0 .375rem; letter-spacing: -.01em; }
.lede { color: var(--muted); margin: 0 0 1rem; max-width: 40rem; }
.subscribe { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
.subscribe a { display: inline-flex; align-items: center; gap: .375rem; padding: .3rem .8rem; border: 1px solid var(--line); border-radius: 999px;
  background: var(--surface); color: var(--text); text-decoration: none; font-size: .8125rem; font-weight: 600; }
.subscribe a:hover { border-color: var(--link); color: var(--link); }
.subscribe a[type="application/rss+xml"]::before { content: ""; width: .5rem; height: .5rem; border-radius: 50%; background: #ee802f; }
.regions { display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 21rem), 1fr)); }
.panel { background: var(--surface); border: 1px solid var(--line); border-radius: .75rem; padding: .5rem 1.25rem 1rem; }
.notice { padding: .75rem 1.25rem; border-left: .3rem solid #ee802f; }
.region { display: flex; flex-direction: column; }
.region h2 { font: 700 1.375rem/1.2 var(--serif); margin: .75rem 0 0; }
.region h2 a { color: inherit; text-decoration: none; }
.region h2 a:hover { text-decoration: underline; }
.region .desc { color: var(--muted); font-size: .875rem; margin: .125rem 0 .25rem; }
.region-foot { margin-top: auto; padding-top: .75rem; border-top: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
.more { font-weight: 600; font-size: .875rem; text-decoration: none; }
.more:hover { text-decoration: underline; }
.stories { list-style: none; margin: 0; padding: 0; }
.story { padding: .875rem 0; border-top: 1px solid var(--line); }
.story:first-child { border-top: 0; }
.headline { font: 700 1.0625rem/1.3 var(--serif); margin: 0 0 .25rem; overflow-wrap: anywhere; }
.listing .headline { font-size: 1.3125rem; }
.headline a { color: var(--text); text-decoration: none; }
.headline a:hover { color: var(--link); text-decoration: underline; }
.headline a:visited { color: var(--muted); }
.summary { color: var(--text-2); margin: .125rem 0 .375rem; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.meta { margin: 0; color: var(--muted); font-size: .8125rem; display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .625rem; }
.source { font-weight: 600; color: var(--text); }
.countries { list-style: none; margin: 0; padding: 0; display: inline-flex; flex-wrap: wrap; gap: .25rem; }
.countries li { background: var(--chip); color: var(--chip-ink); border-radius: 999px; font-size: .75rem; line-height: 1.5; padding: 0 .5rem; }
.countries a { color: inherit; text-decoration: none; }
.countries a:hover { text-decoration: underline; }
.also { margin: .25rem 0 0; color: var(--muted); font-size: .8125rem; }
.also a { color: inherit; }
.empty { color: var(--muted); padding: 1rem 0; margin: 0; }
.listing { display: grid; gap: 1.5rem 2rem; grid-template-columns: minmax(0, 1fr) 17rem; align-items: start; }
.listing aside h2 { font-size: .8125rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: .75rem 0 .5rem; }
.listing aside ul { list-style: none; margin: 0; padding: 0; columns: 2; column-gap: 1rem; font-size: .875rem; }
.listing aside li { break-inside: avoid; padding: .125rem 0; }
.hint { color: var(--muted); font-size: .8125rem; margin: 0 0 .375rem; }
.snippet { margin: 0; padding: .625rem .75rem; background: var(--surface); border: 1px solid var(--line); border-radius: .5rem;
  font-size: .75rem; line-height: 1.45; white-space: pre-wrap; overflow-wrap: anywhere; user-select: all; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 1rem; }
.pager a { font-weight: 600; text-decoration: none; }
.pager a:hover { text-decoration: underline; }
.pager .older { margin-left: auto; }
.site-foot { border-top: 1px solid var(--line); color: var(--muted); font-size: .8125rem; }
.site-foot p { max-width: 72rem; margin: 0 auto; padding: 1.25rem 1rem 2rem; }
.site-foot a { color: inherit; }
@media (max-width: 52rem) {
  .listing { grid-template-columns: minmax(0, 1fr); }
}
@media (max-width: 36rem) {
  .masthead .bar { flex-wrap: wrap; gap: .375rem; padding-bottom: .5rem; }
  .masthead nav { width: 100%; margin: 0 -.7rem; width: calc(100% + 1.4rem); }
  main { padding-top: 1.25rem; }
  h1 { font-size: 1.75rem; }
  .panel { padding: .25rem 1rem .875rem; border-radius: .5rem; }
  .listing .headline { font-size: 1.1875rem; }
}
`;
