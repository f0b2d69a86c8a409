export const DASHBOARD_CSS = `
:root { --ink: #1d2433; --muted: #5b6475; --line: #d9dee8; --bg: #f6f7fb; --accent: #2f6fed; --good: #1a8f5a; --bad: #c23b32; --mid: #b7791f; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
.top { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; padding: 12px 24px; background: #fff; border-bottom: 1px solid var(--line); }
.top h1 { font-size: 18px; margin: 0 16px 0 0; }
.filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; }
.lang { margin-left: auto; }
.who { color: var(--muted); }
button.quiet { background: #fff; color: var(--accent); }
label span { color: var(--muted); margin-right: 4px; }
input, select, button { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button:disabled { opacity: .6; cursor: progress; }
main { padding: 8px 24px 48px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; margin: 16px 0; overflow-x: auto; }
.section-head { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
h2 { font-size: 16px; margin: 0 0 8px; }
h3 { font-size: 14px; margin: 16px 0 6px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.flag { display: inline-block; margin: 0 4px 4px 0; padding: 1px 8px; border-radius: 10px; background: #fde8e6; color: var(--bad); font-size: 12px; }
.ok { color: var(--good); }
.positive { color: var(--good); } .neutral { color: var(--mid); } .negative { color: var(--bad); }
.status { margin: 8px 24px; color: var(--muted); min-height: 1.4em; }
.status.error { color: var(--bad); }
.token { margin: 24px; display: flex; gap: 8px; align-items: center; }
.summary, .note { color: var(--muted); }
.chart svg { display: block; max-width: 100%; height: auto; }
.chart text { font: 12px system-ui, sans-serif; fill: var(--ink); }
.chart .stage-box { fill: #eaf1ff; stroke: var(--accent); }
.chart .stage-bar { fill: var(--accent); }
.chart .stage-name { font-weight: 700; }
.chart .muted { fill: var(--muted); }
.chart .arrow { stroke: var(--muted); stroke-width: 2; fill: none; }
.chart .arrow-head { fill: var(--muted); }
.chart .conv { font-weight: 700; fill: var(--accent); }
.chart .bar-positive { fill: var(--good); } .chart .bar-neutral { fill: var(--mid); } .chart .bar-negative { fill: var(--bad); }
.chart .axis { stroke: var(--line); }
.empty { color: var(--muted); font-style: italic; }
`;
