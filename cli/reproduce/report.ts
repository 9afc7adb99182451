// REPORT.md and config.json, assembled from the papers' stored reproduction data: a summary of the
// claims (registered, passing, known gaps, failing; calibrated against predicted; the largest
// errors and why), then per paper its claims grouped by table beside the paper's values, the
// reproduced tables and the figures. A pure function of the data, so a test can check staleness.

import type { Axis } from '../../workloads/reproduction.js';
import type { ClaimRow, FigureResult, PaperResult, TableResult } from './collect.js';
import { paperIds } from '../../workloads/registry.js';
import { headerOf, paperPointsFile, seriesFiles, stableJson, svgFile } from './files.js';
import { gridSection, type StoredGrid } from './grid.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A number for a person: whole numbers as they are, others to about four significant digits. */
export function fmt(x: number | string | null | undefined): string {
  if (x === null || x === undefined) return '–';
  if (typeof x === 'string') return x;
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  const s = a >= 100 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toPrecision(3);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

const pct = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : ''}${fmt(x)}%`);

function mdTable(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const sep = header.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

const STATUS: Record<ClaimRow['status'], string> = {
  pass: 'pass',
  'known-gap': 'known gap',
  fail: '**FAIL**',
  'paper-inconsistent': 'paper inconsistent',
  'not-simulated': 'not simulated',
};
const ROLES = ['calibrated', 'predicted', 'conformance'] as const;

/** The table or figure a claim belongs to (by its source); claims from the prose go together. */
export function sectionOf(c: ClaimRow): string {
  const m = /^(Table|Figure)\s+[A-Za-z0-9.]+/.exec(c.source.trim());
  if (m) return m[0];
  return c.paper === 'notes' ? 'lecture notes' : 'text';
}

function counts(cs: ClaimRow[]) {
  const n = (s: ClaimRow['status']) => cs.filter((c) => c.status === s).length;
  const apart = n('paper-inconsistent') + n('not-simulated');
  return { total: cs.length, judged: cs.length - apart, pass: n('pass'), gap: n('known-gap'), fail: n('fail'), inconsistent: n('paper-inconsistent'), notSimulated: n('not-simulated') };
}

/** A claim's tolerance as its registry states it: relative, or absolute in the claim's unit. */
function tolerance(c: ClaimRow): string {
  return c.toleranceAbs !== undefined ? `±${fmt(c.toleranceAbs)} ${c.unit === 'percent' ? 'points' : c.unit}` : `±${fmt(c.tolerancePct)}%`;
}

function why(c: ClaimRow): string {
  if (c.error) return `error: ${c.error}`;
  if (c.notSimulated) return `not simulated: ${c.notSimulated}`;
  if (c.inconsistent) return `the paper also gives ${c.inconsistent.other}; the model follows ${c.inconsistent.follows}`;
  if (c.knownGap) return c.knownGap;
  if (c.status === 'fail') return c.expected === null ? 'unexplained: the stated shape does not hold in the model' : 'unexplained: the model misses this number';
  return `within its ${tolerance(c)} tolerance${c.note ? `; ${c.note}` : ''}`;
}

function summary(rs: PaperResult[]): string[] {
  const all = rs.flatMap((r) => r.claims);
  const out: string[] = ['## Summary', ''];
  // Pass rates count only the claims judged: paper-inconsistent and not-simulated ones are set apart.
  const rate = (cs: ClaimRow[]) => {
    const k = counts(cs);
    return `${k.pass}/${k.judged}`;
  };
  const rowOf = (name: string, cs: ClaimRow[]) => {
    const k = counts(cs);
    return [
      name,
      String(k.total),
      String(k.pass),
      String(k.gap),
      String(k.fail),
      String(k.inconsistent),
      String(k.notSimulated),
      ...ROLES.map((role) => rate(cs.filter((c) => c.role === role))),
    ];
  };
  out.push(
    mdTable(
      ['paper', 'claims', 'pass', 'known gap', 'fail', 'paper inconsistent', 'not simulated', 'calibrated passing', 'predicted passing', 'conformance passing'],
      [...rs.map((r) => rowOf(r.paper, r.claims)), rowOf('**all**', all)],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  const pre = counts(all.filter((c) => c.role === 'predicted'));
  out.push(
    '',
    `**Predicted claims passing: ${pre.pass} of ${pre.judged}** judged (${pre.gap} known gaps, ${pre.fail} failing; ` +
      `${pre.inconsistent} paper-inconsistent and ${pre.notSimulated} not simulated set apart). ` +
      'Calibrated and conformance claims are counted apart: they check the fit and the mechanisms, not the model\'s predictions.',
  );
  const numeric = all.filter((c) => c.errorPct !== null && Number.isFinite(c.errorPct));
  const mean = (cs: ClaimRow[]) => (cs.length ? cs.reduce((s, c) => s + Math.abs(c.errorPct ?? 0), 0) / cs.length : null);
  out.push('');
  for (const role of ROLES) {
    const cs = numeric.filter((c) => c.role === role && c.status !== 'paper-inconsistent');
    if (cs.length) out.push(`- ${role}: ${cs.length} numeric claims, mean absolute error ${fmt(mean(cs))}%.`);
  }
  out.push(
    '',
    '*Calibrated*: a parameter was fitted to (or typed from) the number, or fitted numbers fix it. *Predicted*: the number came out of the model, ' +
      'independent of every fitted number. *Conformance*: checks that a mechanism was coded as the paper describes it. ' +
      'A *known gap* is a declared disagreement with the paper, kept honest rather than tuned away, with its value held to a band. ' +
      '*Paper inconsistent*: the paper gives two incompatible values; the model follows one. *Not simulated*: outside the model.',
  );
  const worst = numeric
    .filter((c) => c.errorPct !== 0)
    .sort((a, b) => Math.abs(b.errorPct ?? 0) - Math.abs(a.errorPct ?? 0) || a.id.localeCompare(b.id))
    .slice(0, 10);
  out.push('', '### Largest errors', '');
  if (worst.length === 0) out.push('Every numeric claim matches the paper exactly.');
  else {
    out.push(
      mdTable(
        ['claim', 'paper', 'simulated', 'error', 'role', 'status', 'why'],
        worst.map((c) => [`\`${c.id}\``, `${fmt(c.expected)} ${c.unit}`, fmt(c.simulated), pct(c.errorPct), c.role, STATUS[c.status], why(c)]),
        ['l', 'r', 'r', 'r', 'l', 'l', 'l'],
      ),
    );
  }
  const gaps = all.filter((c) => c.status === 'known-gap');
  if (gaps.length) out.push('', `${gaps.length} known gaps, each with its reason, are listed [at the end](#known-gaps).`);
  for (const [status, title] of [
    ['paper-inconsistent', 'Paper inconsistent'],
    ['not-simulated', 'Not simulated'],
  ] as const) {
    const cs = all.filter((c) => c.status === status);
    if (cs.length) out.push('', `### ${title} (${cs.length}, outside the pass rates)`, '', ...cs.map((c) => `- \`${c.id}\` (${c.source}): ${cell(why(c))}`));
  }
  const fails = all.filter((c) => c.status === 'fail');
  if (fails.length) out.push('', '### Failing', '', ...fails.map((c) => `- \`${c.id}\` (${c.source}): ${cell(why(c))}`));
  return out;
}

function claimsSection(r: PaperResult): string[] {
  if (r.claims.length === 0) return ['No claims registered yet.'];
  const found = [...new Set(r.claims.map(sectionOf))];
  const sections = [...found.filter((x) => x !== 'text' && x !== 'lecture notes'), ...found.filter((x) => x === 'text' || x === 'lecture notes')];
  const out: string[] = [];
  for (const s of sections) {
    out.push('', `#### Claims: ${s === 'text' ? 'the text' : s}`, '');
    out.push(
      mdTable(
        ['claim', 'where', 'paper', 'simulated', 'unit', 'error', 'tolerance', 'role', 'status'],
        r.claims
          .filter((c) => sectionOf(c) === s)
          .map((c) => [
            `\`${c.id}\``,
            c.source,
            c.expected === null ? '(shape)' : fmt(c.expected),
            c.expected === null ? (c.status === 'pass' ? 'holds' : 'does not hold') : fmt(c.simulated),
            c.unit,
            pct(c.errorPct),
            tolerance(c),
            c.role,
            STATUS[c.status],
          ]),
        ['l', 'l', 'r', 'r', 'l', 'r', 'r', 'l', 'l'],
      ),
    );
  }
  return out;
}

function tableSection(r: PaperResult, t: TableResult): string[] {
  const out = ['', `#### ${t.title}`, ''];
  if (t.error) return [...out, `Not reproduced: the run failed (${cell(t.error)}).`];
  out.push(
    mdTable(
      t.columns.map(headerOf),
      t.rows.map((row) => t.columns.map((c) => fmt(row[c.key]))),
      t.columns.map((c) => (c.unit ? 'r' : 'l')),
    ),
  );
  out.push('', `${t.note ? `${t.note} ` : ''}Data: [${t.id}.csv](${r.paper}/${t.id}.csv).`);
  return out;
}

function figureSection(r: PaperResult, f: FigureResult): string[] {
  const out = ['', `#### ${f.title}`, ''];
  if (f.error) return [...out, `Not reproduced: the run failed (${cell(f.error)}).`];
  out.push(`![${f.title}](${r.paper}/${svgFile(f)})`, '');
  const links = seriesFiles(f).map((file, i) => `[${f.series[i].name}](${r.paper}/${file})`);
  if (f.paperPoints.length) links.push(`[paper's stated points](${r.paper}/${paperPointsFile(f)})`);
  out.push(`${f.note ? `${f.note} ` : ''}Lines: simulated; hollow diamonds: the paper's stated points. Data: ${links.join(', ')}.`);
  // The paper's stated points beside the simulated value at the same x, where the run has one.
  const beside = f.paperPoints.flatMap((p) => {
    const sim = f.series.find((x) => x.name === p.series)?.points.find((q) => q.x === p.x);
    return sim ? [[p.series, fmt(p.x), fmt(p.y), fmt(sim.y), pct(p.y === 0 ? null : ((sim.y - p.y) / Math.abs(p.y)) * 100)]] : [];
  });
  if (beside.length) {
    const unit = (a: Axis) => (a.unit ? ` (${a.unit})` : '');
    out.push('', mdTable(['configuration', `${f.x.label}${unit(f.x)}`, `paper${unit(f.y)}`, `simulated${unit(f.y)}`, 'error'], beside, ['l', 'r', 'r', 'r', 'r']));
  }
  return out;
}

export function reportMarkdown(results: PaperResult[], version: string, grid: StoredGrid | null = null): string {
  const order = paperIds();
  const rs = [...results].sort((a, b) => order.indexOf(a.paper) - order.indexOf(b.paper));
  const scales = rs.map((r) => `${r.paper}: ${r.scale}`).join(', ');
  const out: string[] = [
    '# Reproduction report',
    '',
    `Generated by \`simulate reproduce\` (ipcsim ${version}); run scale per paper: ${scales || 'none'}. ` +
      'Every simulated number below was read off the simulated clock; the paper\'s numbers appear only as the claims compared with. ' +
      'Regenerate with `npx simulate reproduce all`; `config.json` holds the resolved configuration of every run.',
    '',
    ...summary(rs),
  ];
  for (const r of rs) {
    out.push('', `## ${r.title}`, '');
    const k = counts(r.claims);
    out.push(`${k.total} claims: ${k.pass} pass, ${k.gap} known gaps, ${k.fail} fail. ${r.experiments.length} simulation runs at ${r.scale} scale.`);
    out.push(...claimsSection(r));
    if (r.tables.length) out.push('', '### Reproduced tables', ...r.tables.flatMap((t) => tableSection(r, t)));
    if (r.figures.length) out.push('', '### Figures', ...r.figures.flatMap((f) => figureSection(r, f)));
  }
  if (grid) out.push('', ...gridSection(grid));
  const gaps = rs.flatMap((r) => r.claims).filter((c) => c.status === 'known-gap');
  if (gaps.length) {
    out.push('', '## Known gaps', '', 'Where the model knowingly disagrees with the paper, and why.', '');
    out.push(...gaps.map((c) => `- \`${c.id}\` (${c.source}): ${cell(c.knownGap ?? '')}`));
  }
  return out.join('\n') + '\n';
}

/** config.json: every run of every paper, the machines they ran on, the seeds, the version. */
export function configJson(results: PaperResult[], version: string): string {
  const order = paperIds();
  const rs = [...results].sort((a, b) => order.indexOf(a.paper) - order.indexOf(b.paper));
  const seeds = [...new Set(rs.flatMap((r) => r.experiments.map((e) => e.seed)))].sort((a, b) => a - b);
  return stableJson({
    version,
    seeds,
    papers: Object.fromEntries(rs.map((r) => [r.paper, { scale: r.scale, version: r.version, experiments: r.experiments }])),
    machines: Object.assign({}, ...rs.map((r) => r.machines)),
  });
}
