// The reproduction pipeline: the committed results/ cannot go stale silently (the L3 part is
// regenerated and compared byte for byte; REPORT.md and config.json are rebuilt from the stored
// data), CSV headers carry units, figures render to SVG headless from real runs, and
// `simulate reproduce` writes whole files only and keeps the papers it did not run.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { collect, type PaperResult } from '../cli/reproduce/collect.js';
import { headerOf, paperFiles, seriesFiles, stableJson, tableCsv } from '../cli/reproduce/files.js';
import { loadResults, reproduceInto, staleFiles, summaryFiles, type ReproduceOptions } from '../cli/reproduce/command.js';
import type { ToRun } from '../cli/reproduce/collect.js';
import { fmt } from '../cli/reproduce/report.js';
import { VERSION } from '../cli/version.js';
import { findPaper } from '../workloads/registry.js';
import type { Reproduction } from '../workloads/reproduction.js';
import { simulate } from '../workloads/run.js';
import { cli } from './support/cli.js';

const root = join(import.meta.dirname, '..');
const results = join(root, 'results');
const bin = join(root, 'bin', 'simulate.js');
const l3 = findPaper('l3')!;
const l3Claims = l3.claims;

describe('committed results/', () => {
  // The L3 appendix part (Tables 3-5, their claims, the machine they ran on) is regenerated and
  // compared; it is small, and other papers' work cannot disturb it. `simulate reproduce --check`
  // compares everything.
  it('holds what the L3 appendix reproduction makes today (regenerate: npx simulate reproduce all)', () => {
    const stored = JSON.parse(readFileSync(join(results, 'l3', 'reproduction.json'), 'utf8')) as PaperResult;
    const appendix = ['table3', 'table4', 'table5'];
    const claims = l3Claims.filter((c) => c.experiment === 'l3-appendix');
    const fresh = collect(
      { paper: 'l3', title: l3.title, reproduction: { tables: l3.reproduction.tables.filter((t) => appendix.includes(t.id)), figures: [] }, claims },
      stored.scale,
    );
    const part = (r: PaperResult) => ({
      tables: r.tables.filter((t) => appendix.includes(t.id)),
      claims: r.claims.filter((c) => claims.some((k) => k.id === c.id)),
      machine: r.machines['i486-dx50'],
      version: r.version,
    });
    expect(fresh.tables.map((t) => t.id)).toEqual(appendix);
    expect(fresh.claims.length).toBeGreaterThan(30);
    expect(JSON.parse(stableJson(part(stored))), 'results/l3/reproduction.json is stale').toEqual(JSON.parse(stableJson(part(fresh))));
    for (const t of fresh.tables) expect(readFileSync(join(results, 'l3', `${t.id}.csv`), 'utf8'), `results/l3/${t.id}.csv is stale`).toBe(tableCsv(t));
  });

  it('has REPORT.md and config.json rebuilt from every stored paper', () => {
    for (const [name, text] of summaryFiles(results)) {
      expect(readFileSync(join(results, name), 'utf8'), `results/${name} is stale`).toBe(text);
    }
    const report = readFileSync(join(results, 'REPORT.md'), 'utf8');
    expect(report).toMatch(/^# Reproduction report\n/);
    expect(report).toContain('## Summary');
    expect(report).toContain('### Largest errors');
    expect(report).toContain('#### Claims: Table 3');
    const cfg = JSON.parse(readFileSync(join(results, 'config.json'), 'utf8'));
    expect(cfg.version).toBe(VERSION);
    expect(cfg.papers.l3.experiments.length).toBeGreaterThan(0);
    expect(Object.keys(cfg.machines)).toContain('i486-dx50');
  });

  it('puts every column\'s unit in the CSV headers of every stored paper', () => {
    const header = (file: string) => (parse(readFileSync(file, 'utf8'), { toLine: 1 }) as string[][])[0];
    const stored = loadResults(results);
    expect(stored.map((r) => r.paper)).toContain('l3');
    for (const r of stored) {
      for (const t of r.tables.filter((x) => !x.error)) {
        expect(header(join(results, r.paper, `${t.id}.csv`))).toEqual(t.columns.map(headerOf));
      }
      for (const f of r.figures.filter((x) => !x.error)) {
        seriesFiles(f).forEach((file) => expect(header(join(results, r.paper, file))).toEqual([headerOf(f.x), headerOf(f.y)]));
      }
    }
    expect(header(join(results, 'l3', 'table3.csv')).slice(0, 3)).toEqual(['action', expect.stringMatching(/^instructions \(\w+\)$/), 'execution (cycles)']);
  });

  it('keeps the version equal to package.json', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });
});

// A figure from real runs: the null IPC's round trip as the 486 TLB shrinks, with and without
// the port access (a what-if, not a paper figure), to exercise CSV series, markers and SVG.
const whatIf: Reproduction = {
  tables: [],
  figures: [
    {
      id: 'tlb-size',
      title: 'Null IPC round trip against TLB entries',
      x: { label: 'TLB entries', unit: 'entries', scale: 'log' },
      y: { label: 'round trip', unit: 'cycles' },
      run: () =>
        [false, true].map((port) => ({
          name: port ? 'port access' : 'minimal',
          points: [4, 8, 32].map((entries) => ({
            x: entries,
            y: simulate({ machine: 'i486-dx50', kernel: 'l3', calls: 50, set: ['kernel.path=minimal', `tlb.entries=${entries}`, `kernel.portAccess=${port}`] }).result.latencyCycles.mean,
          })),
        })),
      // A made-up stated point: the pipeline is under test here, not the model.
      paperPoints: [{ series: 'minimal', x: 32, y: 300 }],
    },
  ],
};

describe('figures', () => {
  it('writes a CSV per series with units, the stated points, and an SVG rendered headless', async () => {
    const r = collect({ paper: 'l3', title: 'what-if', reproduction: whatIf, claims: [] }, 'test');
    expect(r.experiments).toHaveLength(6);
    expect(r.experiments[0].ranFor).toEqual(['l3:tlb-size']);
    const files = await paperFiles(r);
    expect([...files.keys()].sort()).toEqual(
      ['reproduction.json', 'tlb-size.minimal.csv', 'tlb-size.paper-points.csv', 'tlb-size.port-access.csv', 'tlb-size.svg'].sort(),
    );
    const series = files.get('tlb-size.minimal.csv')!.trim().split('\n');
    expect(series[0]).toBe('TLB entries (entries),round trip (cycles)');
    expect(series.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([4, 8, 32]);
    const y = series.slice(1).map((l) => Number(l.split(',')[1]));
    expect(y[0]).toBeGreaterThan(y[2]); // a 4-entry TLB misses more than a 32-entry one
    expect(files.get('tlb-size.paper-points.csv')).toBe('series,TLB entries (entries),round trip (cycles)\nminimal,32,300\n');
    const svg = files.get('tlb-size.svg')!;
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['TLB entries (entries)', 'round trip (cycles)', 'port access', 'minimal', 'paper (stated)']) expect(svg).toContain(text);
    expect(svg).not.toMatch(/NaN|undefined/);
    expect((await paperFiles(r)).get('tlb-size.svg')).toBe(svg);
  });

  it('formats numbers for the report', () => {
    expect([fmt(127), fmt(3.44), fmt(0.746), fmt(344.25), fmt(null), fmt(-1.705)]).toEqual(['127', '3.44', '0.746', '344.3', '–', '-1.71']);
  });
});

describe('simulate reproduce', () => {
  // A small paper: the what-if figure and the appendix claims, run in this thread.
  const tiny: ToRun = { paper: 'l3', title: 'what-if', reproduction: whatIf, claims: l3Claims.filter((c) => c.experiment === 'l3-appendix').slice(0, 3) };
  const opts = (out: string): ReproduceOptions => ({ which: 'l3', out, scale: 'test', json: true, papers: [tiny] });

  it('writes the paper folder, REPORT.md and config.json, keeps other papers, leaves no temporary file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ipcsim-results-'));
    // Another paper stored earlier must survive a run of l3 alone and still be in the report.
    mkdirSync(join(out, 'inks'));
    const other: Partial<PaperResult> = { paper: 'inks', title: 'Stored earlier', scale: 'paper', version: VERSION, tables: [], figures: [], claims: [], experiments: [], machines: {} };
    writeFileSync(join(out, 'inks', 'reproduction.json'), JSON.stringify(other));
    mkdirSync(join(out, 'l3'));
    writeFileSync(join(out, 'l3', 'gone.csv'), 'a stale file\n');
    writeFileSync(join(out, 'l3', 'notes.txt'), 'not ours: kept\n');
    const [w] = await reproduceInto(opts(out), out, true);
    expect(w.claims).toEqual({ total: 3, pass: 3, knownGap: 0, fail: 0, paperInconsistent: 0, notSimulated: 0 });
    expect(readdirSync(join(out, 'l3')).sort()).toEqual(
      ['notes.txt', 'reproduction.json', 'tlb-size.minimal.csv', 'tlb-size.paper-points.csv', 'tlb-size.port-access.csv', 'tlb-size.svg'].sort(),
    );
    const report = readFileSync(join(out, 'REPORT.md'), 'utf8');
    expect(report).toContain('## Stored earlier');
    expect(report).toContain('l3: test');
    expect(report).toContain('![Null IPC round trip against TLB entries](l3/tlb-size.svg)');
    // The stated point beside the simulated one at the same x.
    expect(report).toContain('| configuration | TLB entries (entries) | paper (cycles) | simulated (cycles) | error |');
    expect(report).toMatch(/\| minimal \| 32 \| 300 \| \d+(\.\d+)? \| [+-]?\d+(\.\d+)?% \|/);
    const cfg = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(cfg.papers.l3.experiments.map((e: { set: string[] }) => e.set[1])).toContain('tlb.entries=4');
    expect(Object.keys(cfg.machines).sort()).toEqual(['i486-dx50', ...[4, 8, 32].map((n) => `i486-dx50 tlb.entries=${n}`)].sort());
    const all = [out, join(out, 'l3'), join(out, 'inks')].flatMap((d) => readdirSync(d));
    expect(all.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--check finds stale, missing and leftover files without writing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ipcsim-check-'));
    await reproduceInto(opts(out), out, true);
    expect(await staleFiles(opts(out))).toEqual([]);
    writeFileSync(join(out, 'l3', 'tlb-size.minimal.csv'), 'edited by hand\n');
    writeFileSync(join(out, 'l3', 'old.svg'), '<svg/>\n');
    rmSync(join(out, 'REPORT.md'));
    expect(await staleFiles(opts(out))).toEqual([
      `missing: ${join(out, 'REPORT.md')}`,
      `no longer made: ${join(out, 'l3', 'old.svg')}`,
      `differs: ${join(out, 'l3', 'tlb-size.minimal.csv')}`,
    ]);
    expect(readFileSync(join(out, 'l3', 'tlb-size.minimal.csv'), 'utf8')).toBe('edited by hand\n');
  });

  it('runs from the command line, and a worker thread (as --jobs uses) collects the same', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ipcsim-cli-'));
    // Two jobs: the paper's tables, figures and claims are spread over two worker threads sharing runs.
    const r = spawnSync(process.execPath, [bin, 'reproduce', 'l3', '--out', out, '--scale', 'test', '--json', '--jobs', '2'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.papers.map((p: { paper: string }) => p.paper)).toEqual(['l3']);
    const c = j.papers[0].claims;
    expect(c.total).toBeGreaterThan(0);
    expect(c.pass + c.knownGap + c.fail + c.paperInconsistent + c.notSimulated).toBe(c.total);
    expect(readdirSync(join(out, 'l3')).sort()).toEqual(j.papers[0].files.map((f: string) => f.slice(join(out, 'l3').length + 1)).sort());
    const report = readFileSync(join(out, 'REPORT.md'), 'utf8');
    rmSync(join(out, 'REPORT.md'));
    const again = await cli('reproduce', '--report-only', '--out', out);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(join(out, 'REPORT.md'), 'utf8')).toBe(report);

    // A worker collecting the whole paper in one thread must produce the same data.
    const w = new Worker(join(root, 'dist', 'cli', 'reproduce', 'worker.js'));
    try {
      const got = await new Promise<PaperResult>((resolve, reject) => {
        w.on('message', (m: { result?: PaperResult; error?: string }) => {
          if (m.result) resolve(m.result);
          if (m.error) reject(new Error(m.error));
        });
        w.on('error', reject);
        w.postMessage({ paper: 'l3', scale: 'test' });
      });
      expect(stableJson(got)).toBe(readFileSync(join(out, 'l3', 'reproduction.json'), 'utf8'));
    } finally {
      await w.terminate();
    }
  });

  it('rejects an unknown paper with one line and exit 2', async () => {
    const r = await cli('reproduce', 'mach');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Choices: .*"urpc".*"all"/);
  });
});
