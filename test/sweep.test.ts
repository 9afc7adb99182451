// Parameter sweeps: the grid's values and order, shards that are disjoint and cover the grid, a
// sweep split into two shards and merged equal to the unsplit sweep (byte for byte, with worker
// threads), units in the CSV header, and one-line errors for bad grids.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { axesOf, parseShard, parseValues, pointsOf, shardOf } from '../cli/sweep/grid.js';
import { mergeCsv, plan, sweepCommand } from '../cli/sweep/command.js';
import { UsageError } from '../workloads/run.js';
import { cli } from './support/cli.js';

const bin = join(import.meta.dirname, '..', 'bin', 'simulate.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('sweep grid', () => {
  it('expands lists, ranges and stepped ranges', () => {
    expect(parseValues('T', '1..4', true)).toEqual(['1', '2', '3', '4']);
    expect(parseValues('S', '0..2', true)).toEqual(['0', '1', '2']);
    expect(parseValues('bytes', '0..1024:256,4096', true)).toEqual(['0', '256', '512', '768', '1024', '4096']);
    expect(parseValues('C', '1,2,2', true)).toEqual(['1', '2']);
    expect(parseValues('set', 'true,false', false)).toEqual(['true', 'false']);
    expect(() => parseValues('T', '4..1', true)).toThrow(/runs backwards/);
    expect(() => parseValues('T', 'many', true)).toThrow(/-T takes numbers/);
  });

  it('orders points with the first axis slowest, --set axes after the parameters', () => {
    const pts = pointsOf(axesOf({ machine: 'firefly', kernel: 'urpc', numbers: { T: '1..3', C: '1,2' }, set: ['kernel.x=a,b'] }));
    expect(pts).toHaveLength(12);
    expect(pts.map((p) => p.index)).toEqual([...Array(12).keys()]);
    expect(pts.slice(0, 3).map((p) => [p.spec.T, p.spec.C, p.spec.set])).toEqual([
      [1, 1, ['kernel.x=a']],
      [1, 1, ['kernel.x=b']],
      [1, 2, ['kernel.x=a']],
    ]);
    expect(pts[11].spec).toMatchObject({ machine: 'firefly', kernel: 'urpc', workload: 'null-rpc', T: 3, C: 2, set: ['kernel.x=b'] });
  });

  it('splits into disjoint shards that cover the grid', () => {
    const pts = pointsOf(axesOf({ machine: 'm', kernel: 'k', numbers: { T: '1..10', S: '0..2' }, set: [] }));
    const shards = [1, 2, 3, 4].map((i) => shardOf(pts, { i, n: 4 }).map((p) => p.index));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(pts.map((p) => p.index));
    expect(shards.map((s) => s.length)).toEqual([8, 8, 7, 7]);
    expect(parseShard('2/8')).toEqual({ i: 2, n: 8 });
    for (const bad of ['0/2', '3/2', '1', 'a/b']) expect(() => parseShard(bad)).toThrow(/--shard takes i\/n/);
  });

  it('refuses to merge shards that do not make one sweep, with one line each', () => {
    const id = (shard: string, hash = 'a'.repeat(16), version = '0.1.0', points = 3) => `# ipcsim sweep ${hash} shard ${shard} points ${points} version ${version}`;
    const csv = (head: string, rows: string[]) => [head, 'point,machine,latency mean (us)', ...rows, ''].join('\n');
    const s1 = { name: 'a', text: csv(id('1/2'), ['0,m,1', '2,m,3']) };
    const s2 = { name: 'b', text: csv(id('2/2'), ['1,m,2']) };
    expect(mergeCsv([s2, s1])).toBe(csv(id('1/1'), ['0,m,1', '1,m,2', '2,m,3']));
    const bad: [{ name: string; text: string }[], RegExp][] = [
      [[s1, s1], /a and a are both shard 1\/2/],
      [[s1], /shard missing: 2\/2 \(given 1 of 2\)/],
      [[s1, { name: 'c', text: csv(id('2/2', 'b'.repeat(16)), ['1,m,2']) }], /c belongs to sweep b{16}, a to sweep a{16}: different grids or flags/],
      [[s1, { name: 'c', text: csv(id('2/2', 'a'.repeat(16), '0.2.0'), ['1,m,2']) }], /c was made by version 0.2.0, a by 0.1.0/],
      [[s1, { name: 'c', text: csv(id('2/3'), ['1,m,2']) }], /c is shard 2\/3, a is shard 1\/2/],
      [[s1, { name: 'c', text: csv(id('2/2'), []) }], /c: shard 2\/2 of 3 points should hold 1 rows .* it holds 0/],
      [[s1, { name: 'c', text: [id('2/2'), 'point,kernel', '1,l3', ''].join('\n') }], /columns differ/],
      [[s1, { name: 'c', text: 'point,machine\n1,m\n' }], /c: no sweep identity line/],
      [[s1, { name: 'c', text: '' }], /c: empty file/],
    ];
    for (const [files, msg] of bad) {
      expect(() => mergeCsv(files)).toThrow(UsageError);
      expect(() => mergeCsv(files)).toThrow(msg);
    }
  });
});

// The unsplit sweep and the merge go through spawned processes (the real entry point); the other
// commands run in this process (support/cli.ts), worker threads included.
describe('simulate sweep and merge', () => {
  const grid = ['-m', 'i486-dx50', '-k', 'l3', '--calls', '100', '--bytes', '0,4096', '--set', 'kernel.path=minimal', '--set', 'kernel.portAccess=false,true', '--set', 'tlb.entries=4,32'];

  it('merges two shards into exactly the unsplit sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipcsim-sweep-'));
    const f = (n: string) => join(dir, n);
    expect(run('sweep', ...grid, '--jobs', '2', '-o', f('all.csv')).status).toBe(0);
    expect((await cli('sweep', ...grid, '--jobs', '1', '--shard', '1/2', '-o', f('s1.csv'))).status).toBe(0);
    expect((await cli('sweep', ...grid, '--jobs', '2', '--shard', '2/2', '-o', f('s2.csv'))).status).toBe(0);
    const m = run('merge', f('s2.csv'), f('s1.csv'), '-o', f('merged.csv'));
    expect(m.status).toBe(0);
    const all = readFileSync(f('all.csv'), 'utf8');
    expect(readFileSync(f('merged.csv'), 'utf8')).toBe(all);

    const [idLine, ...lines] = all.trim().split('\n');
    expect(idLine).toMatch(/^# ipcsim sweep [0-9a-f]{16} shard 1\/1 points 8 version \d+\.\d+\.\d+$/);
    expect(readFileSync(f('s1.csv'), 'utf8')).toMatch(/^# ipcsim sweep [0-9a-f]{16} shard 1\/2 points 8 /);
    expect(lines).toHaveLength(1 + 8);
    expect(lines[0]).toBe(
      'point,machine,kernel,workload,T (threads),C (processors),S (processors),clients (processes),message (bytes),measured (calls),warm-up (calls),seed,' +
        'kernel.path,kernel.portAccess,tlb.entries,latency mean (us),latency p50 (us),latency p99 (us),latency mean (cycles),throughput (calls/s),status,error,warnings',
    );
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Each row is its own run: port access adds cycles, a 4-entry TLB adds misses over 32 entries.
    const cycles = lines.slice(1).map((l) => Number(l.split(',')[18]));
    expect(cycles[0]).toBeGreaterThan(cycles[1]);
    expect(cycles[3]).toBeGreaterThan(cycles[1]);
    expect(cycles.slice(4)).toEqual(cycles.slice(0, 4));
  });

  it('gives the same rows whatever the number of jobs (worker threads against this thread)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipcsim-sweep-'));
    const a = await cli('sweep', ...grid, '--jobs', '2');
    expect(a.status).toBe(0);
    expect(a.stderr).toMatch(/sweep: 8 of 8 points/);
    const grid1 = {
      machine: 'i486-dx50',
      kernel: 'l3',
      numbers: { calls: '100', bytes: '0,4096' },
      set: ['kernel.path=minimal', 'kernel.portAccess=false,true', 'tlb.entries=4,32'],
    };
    await sweepCommand({ grid: grid1, jobs: 1, out: join(dir, 'here.csv'), json: false });
    expect(readFileSync(join(dir, 'here.csv'), 'utf8')).toBe(a.stdout);
  });

  it('prints --json with the field names of run --json', async () => {
    const j = JSON.parse((await cli('sweep', ...grid, '--jobs', '1', '--json')).stdout);
    expect(j.sweep).toMatchObject({ shard: { i: 1, n: 1 }, points: 8 });
    const one = JSON.parse((await cli('-m', 'i486-dx50', '-k', 'l3', '--calls', '100', '--bytes', '0', '--set', 'kernel.path=minimal', '--set', 'kernel.portAccess=false', '--set', 'tlb.entries=4', '--json')).stdout);
    const p = j.points[0];
    expect(p).toMatchObject({ point: 0, status: 'ok', error: null, machine: one.machine, kernel: one.kernel, workload: one.workload, seed: one.seed, params: one.params });
    for (const k of ['calls', 'latencyUs', 'latencyCycles', 'throughputPerSec', 'breakdown', 'warnings']) expect(p.result[k]).toEqual(one.result[k]);
  });

  it('writes a row with its status for a point that stalls, runs every other point, and exits 1', async () => {
    const r = await cli('sweep', '-m', 'sgi-challenge', '-k', 'bsw', '--calls', '200', '--set', 'costs.alu=40', '--set', 'kernel.c3=true,false', '--jobs', '1');
    expect(r.status).toBe(1);
    const rows = r.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/,ok,,$/);
    expect(rows[1]).toMatch(/,,,,,,stalled,"simulation stalled at cycle \d+: .*asleep in P/);
    expect(r.stderr).toMatch(/sweep: 1 of 2 points did not finish \(1 stalled\)/);
  });

  it.each([
    [{ numbers: { T: '1,2' } }, /point 1 \(.*T=2\): l3 runs one client thread/],
    [{ numbers: { bytes: '0..x' } }, /--bytes takes numbers/],
    [{ shard: '3/2' }, /--shard takes i\/n/],
    [{ machine: 'i486-dx50,nosuch' }, /point 1 \(machine=nosuch .*\): unknown machine 'nosuch'/],
    [{ set: ['tlb.entries=8', 'tlb.entries=16'] }, /--set tlb.entries given twice/],
  ])('checks every point before running: %j', (change, msg) => {
    const { shard, machine, numbers, set } = change as { shard?: string; machine?: string; numbers?: Record<string, string>; set?: string[] };
    const grid = { machine: machine ?? 'i486-dx50', kernel: 'l3', numbers: numbers ?? {}, set: set ?? [] };
    expect(() => plan({ grid, shard })).toThrow(UsageError);
    expect(() => plan({ grid, shard })).toThrow(msg);
  });

  it('rejects bad input with one line on stderr and exit 2', async () => {
    for (const args of [['sweep', '-m', 'i486-dx50', '-k', 'l3', '-T', '1,2'], ['merge', 'no-such-file.csv']]) {
      const r = await cli(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^simulate: (point 1 .*l3 runs one client thread|cannot read no-such-file.csv)/);
    }
  });
});
