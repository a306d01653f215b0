/** The dashboard's one stylesheet, served at /style.css (no build step, no inline styles: the CSP forbids them). */
export const STYLESHEET = `
:root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; --accent: #2563eb; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 0 1rem 3rem; }
header { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; border-bottom: 1px solid var(--line); padding: .75rem 0; margin-bottom: 1rem; }
header strong { margin-right: auto; }
header form { margin: 0; }
nav a { margin-right: .75rem; }
a { color: var(--accent); }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.muted { color: var(--muted); }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
progress { width: 7rem; }
.turn { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .75rem; margin: .75rem 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: .25rem 0; }
textarea { width: 100%; min-height: 6rem; font: inherit; }
button { font: inherit; padding: .35rem .9rem; cursor: pointer; }
.notice { border-left: 4px solid var(--accent); padding: .25rem .75rem; }
@media (max-width: 40rem) { body { font-size: 15px; } th, td { padding: .3rem; } }
`;
