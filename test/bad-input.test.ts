// The bad-input corpus: inputs a hostile or careless user gives, each of which must end in one
// clear line on stderr naming the flag or --set path, the value and what is allowed, exit code 2
// and nothing on stdout (or, for a run that cannot make progress, a bounded exit 1 saying what to
// lower). Run in-process through the compiled CLI so the whole corpus takes seconds.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernels } from '../kernels/index.js';
import { cli } from './support/cli.js';

let dir = '';
const f = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = join(tmpdir(), 'corpus');
  mkdirSync(dir, { recursive: true });
  mkdirSync(f('adir'));
  writeFileSync(f('afile'), 'x');
  writeFileSync(f('notsweep.csv'), 'a,b\n1,2\n');
  const sweep = async (...args: string[]) => expect((await cli('sweep', '--jobs', '1', ...args)).status).toBe(0);
  const urpc = ['-m', 'firefly', '-k', 'urpc', '-T', '1,2'];
  await sweep(...urpc, '--calls', '50', '--shard', '1/2', '-o', f('a1.csv'));
  await sweep(...urpc, '--calls', '50', '--shard', '2/2', '-o', f('a2.csv'));
  await sweep(...urpc, '--calls', '60', '--shard', '2/2', '-o', f('c2.csv'));
  await sweep('-m', 'i486-dx50', '-k', 'l3', '--calls', '50', '--bytes', '0,8', '--shard', '2/2', '-o', f('b2.csv'));
  writeFileSync(f('v2.csv'), readFileSync(f('a2.csv'), 'utf8').replace(/version \S+/, 'version 0.0.1'));
  writeFileSync(f('cut2.csv'), readFileSync(f('a2.csv'), 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
  await sweep(...urpc, '--calls', '50', '--shard', '1/3', '-o', f('t1.csv'));
  await sweep(...urpc, '--calls', '50', '--shard', '2/3', '-o', f('t2.csv'));
});

const L3 = ['-m', 'i486-dx50', '-k', 'l3', '--calls', '20'];
const L3_ = ['-m', 'i486-dx50', '-k', 'l3'];
const FF = ['-m', 'firefly', '-k', 'urpc', '--calls', '20'];
const BSS = ['-m', 'sgi-indy', '-k', 'bss', '--calls', '20'];
const option = (k: string, o: string) => kernels.find((x) => x.id === k)!.options.find((x) => x.name === o)!;

type Case = [name: string, args: () => string[], msg: RegExp];

// Exit 2, one line, nothing on stdout.
const USAGE: Case[] = [
  // Machine what-ifs outside the schema or breaking the hardware model.
  ['clock of zero', () => [...FF, '--set', 'clockMHz=0'], /--set clockMHz=0: allowed: a number from 1 to 10000 MHz/],
  ['negative clock', () => [...FF, '--set', 'clockMHz=-50'], /--set clockMHz=-50: allowed/],
  ['clock not a number', () => [...FF, '--set', 'clockMHz=fast'], /--set clockMHz=fast: allowed: a number/],
  ['TLB of no entries', () => [...L3, '--set', 'tlb.entries=0'], /--set tlb.entries=0: allowed: a whole number from 1/],
  ['TLB entries not a multiple of ways', () => [...L3, '--set', 'tlb.entries=6'], /--set tlb.entries=6: .*multiple of tlb.ways \(4\)/],
  ['TLB ways not dividing entries', () => [...L3, '--set', 'tlb.ways=3'], /--set tlb.ways=3: .*multiple of tlb.ways \(3\)/],
  ['TLB entries fractional', () => [...L3, '--set', 'tlb.entries=32.5'], /--set tlb.entries=32.5: allowed: a whole number/],
  ['negative trap cost', () => [...L3, '--set', 'costs.trap=-5'], /--set costs.trap=-5: allowed: a whole number from 0/],
  ['fractional instruction cost', () => [...L3, '--set', 'costs.alu=1.5'], /--set costs.alu=1.5: allowed: a whole number/],
  ['huge TLB miss cost', () => [...L3, '--set', 'tlb.missCycles=1e9'], /--set tlb.missCycles=1e9: allowed: .* to 1000000 cycles/],
  ['negative copy rate', () => [...L3, '--set', 'copy.cyclesPerByte=-1'], /--set copy.cyclesPerByte=-1: allowed: a number from 0/],
  ['line size not a power of two', () => [...L3, '--set', 'cache.l2.lineBytes=24'], /--set cache.l2.lineBytes=24: allowed: a power of two/],
  ['page size not a power of two', () => [...L3, '--set', 'pageBytes=1000'], /--set pageBytes=1000: allowed: a power of two from 256/],
  ['cache ways not dividing its lines', () => [...L3, '--set', 'cache.l2.ways=3'], /--set cache.l2.ways=3: allowed: a divisor of the \d+ lines/],
  ['line larger than the cache', () => [...L3, '--set', 'cache.l1.lineBytes=4096', '--set', 'cache.l1.sizeBytes=2048'], /cache.l1.lineBytes.*at most cache.l1.sizeBytes/],
  ['pages smaller than the kernels\' layout', () => [...L3, '--set', 'pageBytes=2048'], /--set pageBytes=2048: allowed: a power of two from 4096 \(i486-dx50's own pages/],
  ['cache of too many lines', () => [...L3, '--set', 'cache.l2.sizeBytes=16777216'], /--set cache.l2.sizeBytes=16777216: .*at most 131072 lines/],
  ['snoopy bus without its update cost', () => ['-m', 'sgi-challenge', '-k', 'bss', '--set', 'bus.model=snoopy'], /--set bus.model=snoopy: allowed: a snoopy bus needs bus.updateCycles/],
  ['write-invalidate bus without its costs', () => [...FF, '--set', 'bus.model=invalidate'], /--set bus.model=invalidate: allowed: a write-invalidate bus needs bus.transferCycles, bus.invalidateCycles and bus.occupancyCycles/],
  ['operating system of no name', () => [...FF, '--set', 'os='], /--set os=: allowed: a name of 1 to 100 characters/],
  ['no processors', () => [...L3, '--set', 'processors=0'], /--set processors=0: allowed: a whole number from 1 to 32/],
  ['too many processors', () => [...L3, '--set', 'processors=1000'], /--set processors=1000: allowed/],
  ['boolean parameter given a word', () => [...L3, '--set', 'tlb.tagged=maybe'], /--set tlb.tagged=maybe: allowed: true or false/],
  ['bus model not a choice', () => [...FF, '--set', 'bus.model=fast'], /--set bus.model=fast: allowed: one of none, snoopy/],
  ['cache level the machine lacks', () => [...FF, '--set', 'cache.l2.sizeBytes=1024'], /--set cache.l2.sizeBytes: firefly-cvax has no cache.l2/],
  ['unknown machine parameter', () => [...L3, '--set', 'tlb.entrys=64'], /--set tlb.entrys: .*did you mean 'tlb.entries'/],
  ['unknown instruction class', () => [...L3, '--set', 'costs.teleport=1'], /--set costs.teleport: .*no parameter/],
  ['--set without =', () => [...L3, '--set', 'tlb.tagged'], /--set takes path=value/],
  ['--set with empty path', () => [...L3, '--set', '=5'], /--set takes path=value/],
  ['--set with empty value', () => [...L3, '--set', 'tlb.entries='], /--set tlb.entries=: allowed: a whole number/],
  ['--set path given twice', () => [...L3, '--set', 'tlb.entries=8', '--set', 'tlb.entries=16'], /--set tlb.entries given twice/],
  // Kernel options.
  ['unknown kernel option', () => [...L3, '--set', 'kernel.lazy=false'], /kernel l3 has no option 'lazy'.*lazyScheduling/],
  ['kernel option not a choice', () => [...L3, '--set', 'kernel.path=medium'], /--set kernel.path=medium: allowed: one of full, minimal/],
  ['kernel boolean given a word', () => [...L3, '--set', 'kernel.portAccess=yes'], /--set kernel.portAccess=yes: allowed: true or false/],
  ['kernel number given a word', () => [...L3, '--set', 'kernel.indirectStrings=many'], /--set kernel.indirectStrings=many: not a number/],
  ['kernel number given infinity', () => [...L3, '--set', 'kernel.indirectStrings=Infinity'], /--set kernel.indirectStrings=Infinity: not a number/],
  ['option on a kernel without options', () => ['-m', 'firefly', '-k', 'lrpc', '--set', 'kernel.x=1'], /kernel lrpc has no option 'x'; it has no options/],
  // Run parameters and their bounds.
  ['a billion threads', () => [...L3, '-T', '1000000000'], /-T 1000000000: client threads must be a whole number from 1 to 1,000/],
  ['a flag given twice', () => [...L3, '-T', '1', '-T', '2'], /-T given 2 times \(1, 2\); give it once/],
  ['no threads', () => [...L3, '-T', '0'], /-T 0: client threads must be a whole number from 1/],
  ['fractional threads', () => [...L3, '-T', '1.5'], /-T 1.5: client threads must be a whole number/],
  ['threads not a number', () => [...L3, '-T', 'two'], /-T takes a number, got 'two'/],
  ['a trillion calls', () => [...L3_, '--calls', '1e12'], /--calls 1000000000000: calls measured must be a whole number from 1 to 10,000,000/],
  ['no calls', () => [...L3_, '--calls', '0'], /--calls 0: calls measured must be a whole number from 1/],
  ['calls not a number', () => [...L3_, '--calls', 'lots'], /--calls takes a number, got 'lots'/],
  ['a terabyte message', () => [...L3, '--bytes', '1000000000000'], /--bytes 1000000000000: message size in bytes must be a whole number from 0 to 1,048,576/],
  ['negative message', () => [...L3, '--bytes', '-1'], /--bytes -1: message size/],
  ['negative warm-up', () => [...L3, '--warmup', '-1'], /--warmup -1: warm-up calls must be a whole number from 0/],
  ['negative seed', () => [...L3, '--seed', '-1'], /--seed -1: seed must be a whole number from 0 to 4,294,967,295/],
  ['seed beyond 32 bits', () => [...L3, '--seed', '4294967296'], /--seed 4294967296: seed must be/],
  ['no client processes', () => [...BSS, '--clients', '0'], /--clients 0: client processes must be a whole number from 1 to 1,000/],
  ['too many client processes', () => [...BSS, '--clients', '5000'], /--clients 5000: client processes/],
  ['negative client processors', () => [...FF, '-C', '-1'], /-C -1: client processors must be a whole number from 0 to 64/],
  ['processors the machine lacks', () => [...L3, '-C', '3', '-S', '3'], /-C 3 -S 3: i486-dx50 has 1 processor; -C plus -S must be at most 1/],
  ['processors beyond the Firefly', () => [...FF, '-C', '3', '-S', '2'], /-C 3 -S 2: firefly-cvax has 4 processors/],
  // Names.
  ['unknown machine', () => ['-m', 'nosuch', '-k', 'l3'], /unknown machine 'nosuch'.*machines: .*i486-dx50/],
  ['unknown kernel', () => ['-m', 'i486-dx50', '-k', 'nosuch'], /unknown kernel 'nosuch'.*kernels: .*l3/],
  ['unknown workload', () => [...L3, '-w', 'nosuch'], /unknown workload 'nosuch'; workloads: /],
  ['workload the kernel cannot run', () => ['-m', 'firefly', '-k', 'taos', '-w', 'null-rpc'], /workload null-rpc does not run on kernel taos/],
  ['a cost class outside the shared vocabulary', () => ['-m', 'firefly', '-k', 'urpc', '--set', 'costs.instr=8', '--calls', '10'], /--set costs.instr: firefly-cvax has no parameter 'costs.instr'/],
  ['Figure 1 with more calls than it makes', () => ['-m', 'firefly', '-k', 'urpc', '-w', 'urpc-figure1'], /urpc-figure1 is Figure 1's three calls .*give --calls 3 --warmup 0/],
  ['unknown flag', () => [...L3, '--frobnicate'], /Unknown argument/],
  ['missing kernel', () => ['-m', 'i486-dx50'], /Missing required argument: kernel/],
  ['list of nothing known', () => ['list', 'everything'], /Invalid values/],
  ['list parameters of an unknown machine', () => ['list', 'parameters', '-m', 'nosuch'], /--machine nosuch: unknown machine/],
  ['claims of an unknown paper', () => ['claims', '--paper', 'nosuch'], /Invalid values/],
  ['reproduce of an unknown paper', () => ['reproduce', 'nosuch'], /Invalid values/],
  // Output paths, checked before anything runs.
  ['trace into a folder', () => [...L3, '--trace', f('adir')], /--trace .*adir: is a folder; give a file name/],
  ['CSV to an empty path', () => [...L3, '--csv', ''], /--csv '': empty path; give a file name/],
  ['config in a missing folder', () => [...L3, '--config', f('no/such/config.json')], /--config .*: folder .* does not exist/],
  ['CSV under a file', () => [...L3, '--csv', f('afile/run.csv')], /--csv .*afile\/run.csv: .*afile is not a folder/],
  ['two outputs to one file', () => [...L3, '--csv', f('same'), '--config', f('same')], /--config .*same: --csv writes the same file/],
  ['CSV into /proc', () => [...L3, '--csv', '/proc/nope.csv'], /--csv \/proc\/nope.csv: cannot write in \/proc/],
  ['reproduce into /proc', () => ['reproduce', 'l3', '--out', '/proc/nope'], /--out \/proc\/nope: cannot write in \/proc/],
  ['reproduce into an empty path', () => ['reproduce', 'l3', '--out', ''], /--out '': empty path; give a folder/],
  ['reproduce into a file', () => ['reproduce', 'l3', '--out', f('afile')], /--out .*afile: is a file, not a folder/],
  ['reproduce with no jobs', () => ['reproduce', 'l3', '--scale', 'test', '--jobs', '0', '--out', f('r0')], /--jobs must be a whole number >= 1/],
  // Sweeps.
  ['sweep range of words', () => ['sweep', '-m', 'i486-dx50', '-k', 'l3', '-T', '1..x'], /-T takes numbers, lists .* got '1..x'/],
  ['sweep range backwards', () => ['sweep', '-m', 'i486-dx50', '-k', 'l3', '--bytes', '8..0'], /--bytes: range '8..0' runs backwards/],
  ['sweep shard beyond its count', () => ['sweep', '-m', 'i486-dx50', '-k', 'l3', '--shard', '3/2'], /--shard takes i\/n with 1 <= i <= n/],
  ['sweep shard zero', () => ['sweep', '-m', 'i486-dx50', '-k', 'l3', '--shard', '0/2'], /--shard takes i\/n/],
  ['sweep with a bad point', () => ['sweep', '-m', 'i486-dx50', '-k', 'l3', '-T', '1,2'], /point 1 \(.*T=2\): l3 runs one client thread/],
  ['sweep axis breaking the TLB', () => ['sweep', '-m', 'i486-dx50', '-k', 'l3', '--set', 'tlb.entries=32,6'], /point 1 \(.*tlb.entries=6\): --set tlb.entries=6: .*multiple of tlb.ways/],
  ['sweep of a million points and more', () => ['sweep', '-m', 'i486-dx50', '-k', 'l3', '--seed', '0..1000', '--bytes', '0..1000'], /the grid has 1002001 points; at most 1,000,000/],
  ['sweep into a folder', () => ['sweep', '-m', 'i486-dx50', '-k', 'l3', '-o', f('adir')], /--out .*adir: is a folder/],
  ['sweep with no jobs', () => ['sweep', '-m', 'i486-dx50', '-k', 'l3', '--calls', '10', '-j', '0'], /--jobs 0: must be a whole number >= 1/],
  // Merging shards.
  ['merge of two sweeps', () => ['merge', f('a1.csv'), f('b2.csv')], /b2.csv belongs to sweep [0-9a-f]{16}, .*a1.csv to sweep [0-9a-f]{16}: different grids or flags/],
  ['merge of a lone shard of two', () => ['merge', f('a1.csv')], /shard missing: 2\/2 \(given 1 of 2\)/],
  ['merge missing the last shard', () => ['merge', f('t1.csv'), f('t2.csv')], /shard missing: 3\/3 \(given 2 of 3\)/],
  ['merge of shards run with different --calls', () => ['merge', f('a1.csv'), f('c2.csv')], /c2.csv belongs to sweep .*different grids or flags/],
  ['merge of one shard twice', () => ['merge', f('a1.csv'), f('a1.csv')], /a1.csv and .*a1.csv are both shard 1\/2/],
  ['merge across versions', () => ['merge', f('a1.csv'), f('v2.csv')], /v2.csv was made by version 0.0.1/],
  ['merge of a truncated shard', () => ['merge', f('a1.csv'), f('cut2.csv')], /cut2.csv: shard 2\/2 of 2 points should hold 1 rows .* it holds 0/],
  ['merge of a CSV not from a sweep', () => ['merge', f('notsweep.csv')], /notsweep.csv: no sweep identity line/],
  ['merge of a missing file', () => ['merge', f('none.csv')], /cannot read .*none.csv \(ENOENT\)/],
  ['merge of a folder', () => ['merge', f('adir')], /cannot read .*adir \(EISDIR\)/],
  ['merge into a folder', () => ['merge', f('a1.csv'), f('a2.csv'), '-o', f('adir')], /--out .*adir: is a folder/],
];

// Cases whose check reads a declaration the kernels make (option ranges, the run parameters used).
const DECLARED: [name: string, active: () => boolean, args: () => string[], msg: RegExp][] = [
  ['negative poll length', () => option('bss', 'pollUs').min !== undefined, () => [...BSS, '--set', 'kernel.pollUs=-1'], /--set kernel.pollUs=-1: kernel bss allows kernel.pollUs/],
  ['queue of no capacity', () => option('bss', 'capacity').min !== undefined, () => [...BSS, '--set', 'kernel.capacity=0'], /--set kernel.capacity=0: kernel bss allows kernel.capacity/],
  ['client processes on a kernel without them', () => true, () => [...L3, '--clients', '3'], /--clients 3: kernel l3 does not use client processes/],
  ['client processors on a uniprocessor kernel', () => true, () => ['-m', 'firefly', '-k', 'mach', '-C', '2', '-S', '0'], /-C 2: kernel mach does not use client processors/],
  ['client threads on the sleep/wake-up kernels', () => true, () => [...BSS, '-T', '2'], /-T 2:/],
  ['message bytes on a kernel that sends none', () => true, () => ['-m', 'firefly', '-k', 'src-rpc', '--bytes', '64', '--calls', '20'], /--bytes 64: kernel src-rpc does not use message size/],
];

function expectUsage(r: { status: number; stdout: string; stderr: string }, msg: RegExp): void {
  expect(r.stderr).toMatch(msg);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^simulate: /);
}

describe('bad-input corpus: one line, exit 2, nothing on stdout', () => {
  it('holds at least 60 cases', () => {
    expect(USAGE.length + DECLARED.length).toBeGreaterThanOrEqual(60);
  });

  it.each(USAGE)('%s', async (_name, args, msg) => {
    expectUsage(await cli(...args()), msg);
  });

  for (const [name, active, args, msg] of DECLARED) {
    it.skipIf(!active())(`${name} (checked against the kernel's declaration)`, async () => {
      expectUsage(await cli(...args()), msg);
    });
  }

  it('--help states the bounds the corpus enforces', () => {
    // yargs prints help through console.log: a real process.
    const h = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'simulate.js'), '--help'], { encoding: 'utf8' });
    expect(h.status).toBe(0);
    for (const b of [/-T\s+client threads \(URPC notation; 1 to 1,000/, /--calls\s+calls measured \(1 to 10,000,000/, /--bytes\s+message size in bytes \(0 to 1,048,576/, /--clients\s+client processes.*\(1 to 1,000/]) {
      expect(h.stdout).toMatch(b);
    }
  });

  it('leaves no temporary file beside a refused or failed output', () => {
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.startsWith('.'))).toEqual([]);
    expect(readdirSync(f('adir'))).toEqual([]);
  });
});

describe('runs that cannot make progress stop, bounded, with exit 1', () => {
  it('a queue of no capacity (a livelock) stops at its event budget, naming what to check', async () => {
    // With a declared minimum the option is refused before running (above); without one, the
    // event budget must still stop it within seconds rather than spin.
    if (option('bss', 'capacity').min !== undefined) return;
    const r = await cli(...BSS, '--set', 'kernel.capacity=0');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^simulate: the run stopped after [\d,]+ events with 0 of \d+ calls done .*no call finished, so the configuration makes no progress/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a lost wake-up (the documented stall) reports the deadlock on one line', async () => {
    const r = await cli('-m', 'sgi-challenge', '-k', 'bsw', '--calls', '200', '--set', 'costs.alu=40', '--set', 'kernel.c3=false', '--csv', f('stall.csv'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^simulate: simulation stalled at cycle \d+: no pending events while 1 process\(es\) wait: client 0 waits on semaphore/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(f('stall.csv'))).toBe(false);
  });
});
