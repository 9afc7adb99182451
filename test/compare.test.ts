// `simulate compare`: the grid runs each cell through the run driver (same numbers as `simulate
// run`), turns refusals into refused cells instead of stopping, marks cells from the declared
// table, and follows the contract's JSON shape on the command line.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernels } from '../kernels/index.js';
import { machines } from '../machines/index.js';
import { compare, compareCells, markOf, PAPER_CELLS, HOME_MACHINES, runCell } from '../workloads/compare.js';
import { simulate, UsageError } from '../workloads/run.js';
import { PORTING } from '../sim/hw/porting.js';
import { compareText } from '../cli/compare.js';
import { cli } from './support/cli.js';

const bin = join(import.meta.dirname, '..', 'bin', 'simulate.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('compare (library)', () => {
  it('gives each cell the number simulate gives for the same inputs', () => {
    const cell = runCell('urpc', 'firefly-cvax', { calls: 300 });
    const run = simulate({ machine: 'firefly-cvax', kernel: 'urpc', calls: 300 });
    expect(cell.refused).toBeNull();
    expect(cell.latencyUs?.mean).toBe(run.result.latencyUs.mean);
    expect(cell.latencyCycles?.mean).toBe(run.result.latencyCycles.mean);
    expect(cell.perCall?.instructions).toBeCloseTo(run.result.breakdown.reduce((s, b) => s + b.instructions, 0), 9);
    expect(cell.params).toMatchObject({ T: 1, C: 1, S: 1, calls: 300 });
  });

  it('turns a refusal into a refused cell with the driver\'s one-line reason', () => {
    // The reason must be exactly the message `simulate run` prints for the same pair (here a
    // what-if that names an option urpc does not have).
    const pair = { machine: 'i486-dx50', kernel: 'urpc', set: ['kernel.path=minimal'] };
    let message = '';
    try {
      simulate({ ...pair, calls: 50 });
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      message = (e as Error).message;
    }
    expect(message).not.toBe('');
    const cell = runCell(pair.kernel, pair.machine, { calls: 50, set: pair.set });
    expect(cell.refused).toBe(message);
    expect(cell.latencyUs).toBeNull();
    expect(cell.failed).toBeUndefined();
  });

  it('returns the whole requested grid, kernel-major, with finite positive results where it ran', () => {
    const ks = ['l3', 'urpc', 'mach'];
    const ms = ['firefly', 'i486-dx50', 'hp9000-730'];
    const seen: number[] = [];
    const r = compare({ kernels: ks, machines: ms, calls: 100 }, (_c, done, total) => {
      expect(total).toBe(9);
      seen.push(done);
    });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.cells.map((c) => `${c.kernel}@${c.machine}`)).toEqual(
      ks.flatMap((k) => ['firefly-cvax', 'i486-dx50', 'hp9000-730'].map((m) => `${k}@${m}`)),
    );
    for (const c of r.cells) {
      if (c.refused === null) {
        expect(Number.isFinite(c.latencyUs!.mean) && c.latencyUs!.mean > 0).toBe(true);
        expect(c.latencyCycles!.mean).toBeGreaterThan(0);
      } else {
        expect(c.refused).not.toMatch(/\n/);
      }
    }
    expect(r.cells.find((c) => c.kernel === 'urpc' && c.machine === 'firefly-cvax')!.refused).toBeNull();
    // Every pair of ISAs ported here appears once per thing assumed, however many cells used it.
    const keys = r.assumptions.map((a) => `${a.from}>${a.to}:${a.what}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists the porting table\'s assumptions for a ported cell, in the contract\'s shape, and none for a home cell', () => {
    const ported = compare({ kernels: ['urpc'], machines: ['sgi-indy-r4000'], calls: 100 });
    const vaxMips = PORTING.find((p) => p.from === 'vax' && p.to === 'mips')!;
    expect(ported.assumptions.length).toBe(2);
    for (const a of ported.assumptions) {
      expect(Object.keys(a).sort()).toEqual(['from', 'source', 'to', 'value', 'what']);
      expect(a).toMatchObject({ from: 'vax', to: 'mips' });
      expect(a.source.length).toBeGreaterThan(20);
    }
    const ratio = ported.assumptions.find((a) => /instructions executed/.test(a.what))!;
    expect(ratio).toMatchObject({ value: vaxMips.ratio, source: vaxMips.source });
    const size = ported.assumptions.find((a) => /code bytes/.test(a.what))!;
    expect(size.value).toBeCloseTo(vaxMips.codeSize, 6);
    expect(size.source).toBe(vaxMips.codeSizeSource);
    expect(compare({ kernels: ['urpc'], machines: ['firefly-cvax'], calls: 100 }).assumptions).toEqual([]);
    // A refused cell ran nothing, so it assumed nothing.
    expect(compare({ kernels: ['urpc'], machines: ['sgi-indy-r4000'], calls: 100, set: ['kernel.path=minimal'] }).assumptions).toEqual([]);
  });

  it('lists the assumptions under the grid in its text', () => {
    const text = compareText(compare({ kernels: ['urpc'], machines: ['sgi-indy-r4000', 'firefly-cvax'], calls: 100 }));
    const grid = text.indexOf('round trip (us)');
    const list = text.indexOf('porting assumptions:');
    expect(grid).toBeGreaterThan(0);
    expect(list).toBeGreaterThan(grid);
    expect(text.slice(list)).toMatch(/vax -> mips: mips instructions executed per vax instruction of the same code = 2 \(Bhandarkar/);
  });

  it('rejects unknown ids with the allowed values', () => {
    expect(() => compareCells({ kernels: ['urcp'] })).toThrow(/unknown kernel 'urcp'; kernels: .*urpc/);
    expect(() => compareCells({ machines: ['vax'] })).toThrow(/unknown machine 'vax'; machines: .*firefly-cvax/);
  });
});

describe('compare marks', () => {
  it('names only registered kernels and machines, each paper cell once', () => {
    const ids = new Set(kernels.map((k) => k.id));
    const ms = new Set(machines.map((m) => m.id));
    for (const c of PAPER_CELLS) {
      expect(ids.has(c.kernel), c.kernel).toBe(true);
      expect(ms.has(c.machine), c.machine).toBe(true);
      expect(c.source).toMatch(/^(urpc|l3|inks|sleepwake) /);
    }
    const keys = PAPER_CELLS.map((c) => `${c.kernel}@${c.machine}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [k, list] of Object.entries(HOME_MACHINES)) {
      expect(ids.has(k)).toBe(true);
      for (const m of list) expect(ms.has(m)).toBe(true);
    }
  });

  it('marks a paper pair, a home pair and a foreign pair', () => {
    expect(markOf('urpc', 'firefly-cvax')).toBe('paper');
    expect(markOf('bsw', 'linux-i486-66')).toBe('home');
    expect(markOf('l3', 'hp9000-730')).toBe('extrapolated');
    expect(markOf('urpc', 'firefly-microvax2')).toBe('extrapolated');
  });
});

// The JSON goes through a spawned process (the real entry point); the text and the rejections run
// in this process (support/cli.ts).
describe('simulate compare (command line)', () => {
  it('prints the contract JSON object', () => {
    const r = run('compare', '--kernels', 'urpc,l3', '--machines', 'firefly,i486-dx50', '--calls', '100', '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(['assumptions', 'cells']);
    expect(j.cells).toHaveLength(4);
    const urpc = j.cells.find((c: { kernel: string; machine: string }) => c.kernel === 'urpc' && c.machine === 'firefly-cvax');
    expect(urpc).toMatchObject({ mark: 'paper', refused: null, workload: 'null-rpc' });
    expect(urpc.latencyUs.mean).toBeGreaterThan(0);
    expect(Object.keys(urpc.perCall).sort()).toEqual(['cacheMisses', 'instructions', 'tlbMisses']);
    // On the uniprocessor URPC runs the paper's S = 0 case: every call waits for a donated processor.
    const urpc486 = j.cells.find((c: { kernel: string; machine: string }) => c.kernel === 'urpc' && c.machine === 'i486-dx50');
    expect(urpc486).toMatchObject({ mark: 'extrapolated', refused: null, params: { C: 1, S: 0 } });
    expect(urpc486.latencyUs.mean).toBeGreaterThan(0);
  });

  it('prints rows and the grid as text', async () => {
    const r = await cli('compare', '--kernels', 'l3,urpc', '--machines', 'i486-dx50', '--calls', '100', '--set', 'kernel.path=minimal');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^l3 +i486-dx50 +paper +\d+\.\d\d/m);
    expect(r.stdout).toMatch(/^urpc +i486-dx50 +extrapolated +refused: .*no option 'path'/m);
    expect(r.stdout).toMatch(/2 cells: 1 ran, 1 refused/);
  });

  it.each([
    [['--kernels', 'nosuch'], /unknown kernel 'nosuch'/],
    [['--machines', 'nosuch'], /unknown machine 'nosuch'/],
    [['--calls', 'many'], /--calls takes a whole number/],
  ])('rejects %j with one line and exit 2', async (args, msg) => {
    const r = await cli('compare', ...(args as string[]));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
  });
});
