// `simulate reproduce all` writes the every-kernel-on-every-machine grid: compare/grid.csv (one row
// per cell), compare/grid.svg (a heatmap: the paper's cells outlined, refused cells grey with no
// number) and REPORT.md's section with the grid and the porting assumptions; `--check` covers it,
// and reproducing one paper leaves it alone. Run here at test size: 2 kernels × 2 machines.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { reproduceInto, staleFiles, type ReproduceOptions } from '../cli/reproduce/command.js';
import { gridCsv, gridSpec, gridSpecFor, gridSvg, loadGrid } from '../cli/reproduce/grid.js';
import { COMPARE_CALLS, compare } from '../workloads/compare.js';
import { kernels } from '../kernels/index.js';
import { machines } from '../machines/index.js';

// urpc is the paper's on the C-VAX Firefly and ported (VAX -> MIPS) on the Indy; sysv is the
// paper's on the Indy, and with 64-byte messages it refuses on both (its messages are 24 bytes).
const GRID = { kernels: ['urpc', 'sysv'], machines: ['firefly-cvax', 'sgi-indy-r4000'], calls: 100, bytes: 64 };
const opts = (out: string, o: Partial<ReproduceOptions> = {}): ReproduceOptions => ({ which: 'all', out, scale: 'test', json: true, papers: [], grid: GRID, ...o });

describe('reproduce: every kernel on every machine', () => {
  it('writes grid.csv, grid.svg and the REPORT.md section, and --check covers them', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ipcsim-grid-'));
    const [w] = await reproduceInto(opts(out), out, true);
    expect(w.paper).toBe('compare');
    expect(w.cells).toEqual({ total: 4, ran: 2, refused: 2 });
    expect(readdirSync(join(out, 'compare')).sort()).toEqual(['grid.csv', 'grid.json', 'grid.svg']);

    const rows = parse(readFileSync(join(out, 'compare', 'grid.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r.kernel}@${r.machine}:${r.mark}`)).toEqual([
      'urpc@firefly-cvax:paper',
      'urpc@sgi-indy-r4000:extrapolated',
      'sysv@firefly-cvax:extrapolated',
      'sysv@sgi-indy-r4000:paper',
    ]);
    for (const col of ['latency mean (us)', 'latency mean (cycles)', 'instructions per call', 'TLB misses per call', 'cache misses per call', 'refused']) {
      expect(Object.keys(rows[0])).toContain(col);
    }
    // The CSV holds the same numbers compare gives for the same cells.
    const fresh = compare(GRID);
    fresh.cells.forEach((c, i) => {
      if (c.latencyUs) expect(Number(rows[i]['latency mean (us)'])).toBeCloseTo(c.latencyUs.mean, 3);
      else expect(rows[i]['latency mean (us)']).toBe('');
    });
    const refused = rows.filter((r) => r.kernel === 'sysv');
    for (const r of refused) expect(r.refused).toMatch(/^kernel sysv takes --bytes 0 or 24, got --bytes 64/);
    expect(rows.filter((r) => r.kernel === 'urpc').every((r) => r.refused === '' && Number(r['latency mean (us)']) > 0)).toBe(true);

    const svg = readFileSync(join(out, 'compare', 'grid.svg'), 'utf8');
    expect(svg).toMatch(/^<svg[^>]*>/);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    // The cells that ran are labelled with their round trip, the refused ones with nothing.
    const label = (us: number) => (us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(2));
    for (const c of fresh.cells.filter((x) => x.latencyUs)) expect(svg).toContain(`>${label(c.latencyUs!.mean)}</text>`);
    expect(svg.match(/fill="#d0d0d0"/g)?.length).toBe(2);
    // Two paper cells outlined.
    expect(svg.match(/stroke="#d62728"/g)?.length).toBe(2);

    const report = readFileSync(join(out, 'REPORT.md'), 'utf8');
    const section = report.slice(report.indexOf('## Every kernel on every machine'));
    expect(report).toContain('## Every kernel on every machine');
    expect(section).toContain('![Every kernel on every machine](compare/grid.svg)');
    expect(section).toMatch(/\| urpc \| \d+(\.\d+)? \(P\) \| \d+(\.\d+)? \|/);
    expect(section).toMatch(/\| sysv \| – \| – ?\(P\) \|/);
    expect(section).toContain('### Refused cells');
    expect(section).toContain('### Porting assumptions');
    expect(section).toMatch(/\| vax \| mips \| mips instructions executed per vax instruction of the same code \| 2 \| Bhandarkar & Clark/);

    expect(await staleFiles(opts(out))).toEqual([]);
    writeFileSync(join(out, 'compare', 'grid.csv'), 'edited by hand\n');
    expect(await staleFiles(opts(out))).toEqual([`differs: ${join(out, 'compare', 'grid.csv')}`]);
  });

  it('is not run by one paper, which keeps the stored grid and its report section', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ipcsim-grid-'));
    await reproduceInto(opts(out), out, true);
    const csv = readFileSync(join(out, 'compare', 'grid.csv'), 'utf8');
    const done = await reproduceInto({ which: 'l3', out, scale: 'test', json: true, papers: [] }, out, true);
    expect(done.map((d) => d.paper)).toEqual([]);
    expect(readFileSync(join(out, 'compare', 'grid.csv'), 'utf8')).toBe(csv);
    expect(readFileSync(join(out, 'REPORT.md'), 'utf8')).toContain('## Every kernel on every machine');
    // --check of one paper compares the stored grid like for like.
    expect(await staleFiles({ which: 'l3', out, scale: 'test', json: true, papers: [] })).toEqual([]);
  });

  it('renders the same bytes for the same grid, however many figures the process drew before', async () => {
    const g = compare({ ...GRID, calls: 50 });
    expect(await gridSvg(g)).toBe(await gridSvg(g));
  });

  it('has committed results/compare/ that a few of its cells regenerate exactly (regenerate: npx simulate reproduce compare)', () => {
    const dir = join(import.meta.dirname, '..', 'results', 'compare');
    const stored = loadGrid(join(dir, '..'))!;
    expect(stored.cells.length).toBe(kernels.length * machines.length);
    expect(stored.calls).toBe(COMPARE_CALLS);
    expect(readFileSync(join(dir, 'grid.csv'), 'utf8')).toBe(gridCsv(stored));
    // One paper cell, one extrapolated (ported) cell, one refused: each as compare makes it today.
    const spec = { calls: stored.calls, bytes: stored.bytes, seed: stored.seed };
    for (const [k, m] of [['l3', 'i486-dx50'], ['urpc', 'sgi-indy-r4000'], ['bss', 'hp9000-730']]) {
      const fresh = compare({ ...spec, kernels: [k], machines: [m] });
      expect(stored.cells.find((c) => c.kernel === k && c.machine === m), `${k} on ${m} is stale`).toEqual(fresh.cells[0]);
      for (const a of fresh.assumptions) expect(stored.assumptions).toContainEqual(a);
    }
  });

  it('runs every kernel on every machine at compare\'s defaults for reproduce all', () => {
    expect(gridSpecFor('paper')).toEqual({ calls: COMPARE_CALLS, bytes: 0, seed: 1 });
    expect(gridSpecFor('test').calls).toBeLessThan(COMPARE_CALLS);
    // The heatmap's colour scale is logarithmic and kernels and machines keep registry order.
    const spec = gridSpec(compare({ ...GRID, calls: 50 })) as unknown as { layer: { encoding: { color?: { scale?: { type?: string } }; y: { sort: string[] } } }[] };
    expect(spec.layer[1].encoding.color?.scale?.type).toBe('log');
    expect(spec.layer[0].encoding.y.sort).toEqual(['urpc', 'sysv']);
  });
});
