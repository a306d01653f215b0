// The benchmark's figures, its targets and how they are printed: a JSON object, or a table with pass/fail.

export type Figures = {
  retrieval_ms: { p50: number; p99: number };
  answer_overhead_ms: { p50: number; p99: number };
  prompt_tokens: { mean: number; max: number };
  ack_ms: { p50: number; p99: number };
  checkins: { members: number; seconds: number; lost: number; duplicated: number; rate_limited: number };
  rss_mb: number;
  ready_ms: number;
};

export type Row = { figure: string; value: string; target: string; met: boolean | undefined };

/** The check-in target is 10,000 within 10 minutes; a smaller run is judged by its rate, scaled to 10,000. */
const CHECKIN_TARGET = { members: 10_000, seconds: 600 };

const n = (value: number, digits = 0) => value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function rows(f: Figures): Row[] {
  const c = f.checkins;
  const projected = c.members > 0 ? (c.seconds * CHECKIN_TARGET.members) / c.members : Number.POSITIVE_INFINITY;
  const scaled = c.members === CHECKIN_TARGET.members ? '' : ` (10,000 at this rate: ${n(projected)} s)`;
  return [
    { figure: 'retrieval p50 / p99', value: `${n(f.retrieval_ms.p50, 2)} / ${n(f.retrieval_ms.p99, 2)} ms`, target: '—', met: undefined },
    {
      figure: 'answer overhead p50 / p99',
      value: `${n(f.answer_overhead_ms.p50, 2)} / ${n(f.answer_overhead_ms.p99, 2)} ms`,
      target: 'p99 ≤ 5 ms',
      met: f.answer_overhead_ms.p99 <= 5,
    },
    {
      figure: 'prompt tokens mean / max',
      value: `${n(f.prompt_tokens.mean)} / ${n(f.prompt_tokens.max)}`,
      target: 'mean ≤ 1,500',
      met: f.prompt_tokens.mean <= 1500,
    },
    { figure: '/ask ack p50 / p99', value: `${n(f.ack_ms.p50)} / ${n(f.ack_ms.p99)} ms`, target: 'p99 ≤ 300 ms', met: f.ack_ms.p99 <= 300 },
    {
      figure: `check-ins delivered (${n(c.members)})`,
      value: `${n(c.seconds, 1)} s${scaled}`,
      target: '10,000 in ≤ 600 s',
      met: projected <= CHECKIN_TARGET.seconds,
    },
    { figure: 'check-ins lost / duplicated', value: `${n(c.lost)} / ${n(c.duplicated)}`, target: '0 / 0', met: c.lost === 0 && c.duplicated === 0 },
    { figure: 'check-in REST 429s', value: n(c.rate_limited), target: '—', met: undefined },
    { figure: "bot's peak RSS", value: `${n(f.rss_mb, 1)} MB`, target: '≤ 150 MB', met: f.rss_mb <= 150 },
    { figure: 'start to ready', value: `${n(f.ready_ms)} ms`, target: '≤ 2,000 ms', met: f.ready_ms <= 2000 },
  ];
}

export const allMet = (table: Row[]) => table.every((r) => r.met !== false);

export function formatTable(table: Row[]): string {
  const cells = [['figure', 'measured', 'target', ''], ...table.map((r) => [r.figure, r.value, r.target, r.met === undefined ? '' : r.met ? 'pass' : 'MISS'])];
  const widths = [0, 1, 2].map((col) => Math.max(...cells.map((row) => (row[col] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, col) => (col < 3 ? cell.padEnd(widths[col] ?? 0) : cell))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
