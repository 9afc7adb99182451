// The command line as users' scripts see it: the JSON contract, determinism, CSV, and one-line
// errors with exit code 2 and nothing on stdout. The JSON contract goes through spawned processes
// (the real entry point); the files written, rejections and listings run in this process
// (support/cli.ts), and determinism is checked between a fresh process and this one.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';

const bin = join(import.meta.dirname, '..', 'bin', 'simulate.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('simulate run', () => {
  it('prints the contract JSON shape', () => {
    const r = run('--machine', 'i486-dx50', '--kernel', 'l3', '--calls', '200', '--json', '--set', 'kernel.path=minimal');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ machine: 'i486-dx50', kernel: 'l3', workload: 'null-rpc', seed: 1 });
    expect(j.params).toMatchObject({ T: 1, C: 1, S: 1 });
    expect(j.config.machine.tlb.entries).toBe(32);
    expect(j.result.calls).toBe(200);
    expect(j.result.latencyUs.mean).toBeCloseTo(j.result.latencyCycles.mean / j.config.machine.clockMHz, 6);
    expect(j.result.latencyCycles.mean).toBeGreaterThan(0);
    expect(j.result.throughputPerSec).toBeGreaterThan(0);
    expect(j.result.breakdown[0]).toHaveProperty('side');
    expect(j.result.breakdown[0]).toHaveProperty('step');
    expect(j.result.breakdown[0]).toHaveProperty('us');
    expect(j.result.breakdown[0]).toHaveProperty('cycles');
    expect(j.perf).toHaveProperty('events');
    expect(j.perf).toHaveProperty('wallMs');
  });

  it('gives byte-identical JSON outside perf for the same inputs', async () => {
    const args = ['-m', 'i486-dx50', '-k', 'l3', '--calls', '300', '--json', '--set', 'kernel.portAccess=true'];
    const strip = (s: string) => {
      const j = JSON.parse(s);
      delete j.perf;
      return JSON.stringify(j);
    };
    // A fresh process and this one (which has run other commands before): the same bytes.
    const a = run(...args);
    const b = await cli(...args);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(strip(a.stdout)).toBe(strip(b.stdout));
  });

  it('writes CSV with units and the resolved configuration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipcsim-'));
    const r = await cli('-m', 'i486-dx50', '-k', 'l3', '--calls', '50', '--set', 'kernel.path=minimal', '--csv', join(dir, 'run.csv'), '--config', join(dir, 'config.json'));
    expect(r.status).toBe(0);
    const csv = readFileSync(join(dir, 'run.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('section,side,step,quantity,value,unit');
    expect(csv.some((l) => /^summary,,,latency mean,\d+(\.\d+)?,us$/.test(l))).toBe(true);
    const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(Object.keys(cfg.machine)).toEqual([...Object.keys(cfg.machine)].sort());
    expect(cfg.seed).toBe(1);
  });

  it.each([
    [['-m', 'nosuch', '-k', 'l3'], /unknown machine 'nosuch'.*machines: .*i486-dx50/],
    [['-m', 'i486-dx50', '-k', 'nosuch'], /unknown kernel 'nosuch'.*kernels: .*l3/],
    [['-m', 'i486-dx50', '-k', 'l3', '-T', '0'], /-T 0: client threads must be a whole number from 1 to 1,000/],
    [['-m', 'i486-dx50', '-k', 'l3', '--calls', 'lots'], /--calls takes a number, got 'lots'/],
    [['-m', 'i486-dx50', '-k', 'l3', '--frobnicate'], /Unknown argument/],
    [['-m', 'i486-dx50', '-k', 'l3', '--set', 'tlb.entrys=64'], /did you mean 'tlb.entries'/],
    [['-m', 'i486-dx50', '-k', 'l3', '--set', 'kernel.lazy=false'], /kernel l3 has no option 'lazy'/],
    [['-m', 'firefly', '-k', 'src-rpc', '--bytes', '64', '--calls', '10'], /--bytes 64: kernel src-rpc does not use message size in bytes/],
    [['-m', 'firefly', '-k', 'taos', '-w', 'null-rpc'], /workload null-rpc does not run on kernel taos; its workloads: thread-/],
  ])('rejects %j with one line and exit 2', async (args, msg) => {
    const r = await cli(...(args as string[]));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
  });
});

describe('defaults', () => {
  it('runs a kernel without RPC on its own first workload', async () => {
    const r = await cli('-m', 'firefly', '-k', 'taos', '--calls', '50', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).workload).toMatch(/^thread-/);
  });
});

describe('simulate list and claims', () => {
  it('lists machines with ids, aliases, clock and processors', async () => {
    const r = await cli('list', 'machines', '--json');
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.find((m: { id: string }) => m.id === 'firefly-cvax')).toMatchObject({ aliases: ['firefly'], processors: 4 });
  });

  it('lists kernels with titles', async () => {
    const rows = JSON.parse((await cli('list', 'kernels', '--json')).stdout);
    expect(rows.find((k: { id: string }) => k.id === 'l3').title).toMatch(/L3/);
  });

  it('lists the registered papers, and takes only them for claims --paper', async () => {
    const rows = JSON.parse((await cli('list', 'papers', '--json')).stdout) as { id: string; companions: string[]; claims: number; kernels: string[] }[];
    expect(rows.map((p) => p.id)).toEqual(['urpc', 'sleepwake', 'l3', 'inks']);
    expect(rows[0]).toMatchObject({ companions: ['notes'], kernels: expect.arrayContaining(['urpc', 'lrpc']) });
    const bad = await cli('claims', '--paper', 'notes');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/Choices: "urpc", "sleepwake", "l3", "inks"/);
  });

  it('reports the L3 appendix claims as pass', async () => {
    const r = await cli('claims', '--paper', 'l3', '--json');
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; status: string }[];
    const want = ['l3.table3.total_exec', 'l3.table3.total_tlb', 'l3.s5.1.lower_bound_cycles', 'l3.table4.total_exec', 'l3.table4.total_tlb', 'l3.table5.total_exec', 'l3.table5.total_tlb'];
    for (const id of want) expect(rows.find((x) => x.id === id)?.status, id).toBe('pass');
  });
});
