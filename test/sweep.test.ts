// Parameter sweeps: the grid's values and order, shards that are disjoint and cover the grid, a
// sweep split into two shards and merged equal to the unsplit sweep (byte for byte, with worker
// threads), units in the CSV header, and one-line errors for bad grids.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { axesOf, parseShard, parseValues, pointsOf, shardOf } from '../cli/sweep/grid.js';
import { stringify } from 'csv-stringify/sync';
import { mergeCsv, plan, sweepCommand } from '../cli/sweep/command.js';
import { UsageError } from '../workloads/run.js';

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

  it('refuses to merge overlapping or incomplete shards', () => {
    const csv = (rows: string[]) => ['point,machine,latency mean (us)', ...rows, ''].join('\n');
    expect(mergeCsv([{ name: 'a', text: csv(['1,m,2']) }, { name: 'b', text: csv(['0,m,1']) }])).toBe(csv(['0,m,1', '1,m,2']));
    expect(() => mergeCsv([{ name: 'a', text: csv(['0,m,1']) }, { name: 'b', text: csv(['0,m,1']) }])).toThrow(/point 0 appears in both a and b/);
    expect(() => mergeCsv([{ name: 'a', text: csv(['0,m,1', '2,m,3']) }])).toThrow(/points missing .*: 1/);
    expect(() => mergeCsv([{ name: 'a', text: csv(['0,m,1']) }, { name: 'b', text: 'point,kernel\n1,l3\n' }])).toThrow(/columns differ/);
  });
});

describe('simulate sweep and merge', () => {
  const grid = ['-m', 'i486-dx50', '-k', 'l3', '--calls', '100', '--bytes', '0,4096', '--set', 'kernel.path=minimal', '--set', 'kernel.portAccess=false,true', '--set', 'tlb.entries=4,32'];

  it('merges two shards into exactly the unsplit sweep', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipcsim-sweep-'));
    const f = (n: string) => join(dir, n);
    expect(run('sweep', ...grid, '--jobs', '2', '-o', f('all.csv')).status).toBe(0);
    expect(run('sweep', ...grid, '--jobs', '1', '--shard', '1/2', '-o', f('s1.csv')).status).toBe(0);
    expect(run('sweep', ...grid, '--jobs', '2', '--shard', '2/2', '-o', f('s2.csv')).status).toBe(0);
    const m = run('merge', f('s2.csv'), f('s1.csv'), '-o', f('merged.csv'));
    expect(m.status).toBe(0);
    const all = readFileSync(f('all.csv'), 'utf8');
    expect(readFileSync(f('merged.csv'), 'utf8')).toBe(all);

    const lines = all.trim().split('\n');
    expect(lines).toHaveLength(1 + 8);
    expect(lines[0]).toBe(
      'point,machine,kernel,workload,T (threads),C (processors),S (processors),clients (processes),message (bytes),measured (calls),warm-up (calls),seed,' +
        'kernel.path,kernel.portAccess,tlb.entries,latency mean (us),latency p50 (us),latency p99 (us),latency mean (cycles),throughput (calls/s)',
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
    const a = run('sweep', ...grid, '--jobs', '2');
    expect(a.status).toBe(0);
    expect(a.stderr).toMatch(/sweep: 8 of 8 points/);
    const grid1 = {
      machine: 'i486-dx50',
      kernel: 'l3',
      numbers: { calls: '100', bytes: '0,4096' },
      set: ['kernel.path=minimal', 'kernel.portAccess=false,true', 'tlb.entries=4,32'],
    };
    await sweepCommand({ grid: grid1, jobs: 1, out: join(dir, 'here.csv'), json: true });
    const rows = JSON.parse(readFileSync(join(dir, 'here.csv'), 'utf8')) as Record<string, string | number>[];
    expect(stringify(rows.map((r) => Object.values(r)), { header: true, columns: Object.keys(rows[0]) })).toBe(a.stdout);
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

  it('rejects bad input with one line on stderr and exit 2', () => {
    for (const args of [['sweep', '-m', 'i486-dx50', '-k', 'l3', '-T', '1,2'], ['merge', 'no-such-file.csv']]) {
      const r = run(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^simulate: (point 1 .*l3 runs one client thread|cannot read no-such-file.csv)/);
    }
  });
});
