// The machine at hand: the host profile -> machine builder (every value sourced, every OS cost the
// derivation it states), a short real measurement (its files' structure) and the simulation of
// the composites from it. Accuracy against the measured composites is reported by
// `simulate reproduce host`, not asserted here: it depends on the machine and its load.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { hostMachine, osCostsFromProfile, processorsOf } from '../machines/host/machine.js';
import { parseHostProfile, ProfileError, REQUIRED_MP_PRIMITIVES, REQUIRED_PRIMITIVES, statOf, type HostProfile } from '../machines/host/profile.js';
import { leafPaths } from '../sim/hw/machine.js';
import { COMPOSITE_COLUMNS, measureHost } from '../cli/host/measure.js';
import { compareCommand, loadComposites } from '../cli/host/index.js';
import { HOST_PROTOCOLS, statusOf } from '../workloads/host/compare.js';
import { simulate } from '../workloads/run.js';
import { measurePrimitive, type Primitive } from '../workloads/sleepwake/table1.js';
import { unixModelFor } from '../sim/os/unix-models/index.js';
import { eevdf } from '../sim/os/sched/eevdf.js';
import type { SchedTask } from '../sim/os/sched/index.js';
import { cli } from './support/cli.js';

const bin = join(import.meta.dirname, '..', 'bin', 'simulate.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

/** A profile with round numbers: 1000 MHz, so 1 ns is 1 cycle. */
function synthetic(processors = 2): HostProfile {
  const ns: Record<string, number> = {
    null_syscall: 200,
    tas_local: 10,
    enqdeq_pair: 60,
    empty_test: 2,
    poll_iteration: 30,
    msg_pair: 1000,
    msgsnd: 300,
    msgrcv: 200,
    sem_pair: 800,
    futex_pair: 600,
    yield_1: 300,
    yield_2: 1500,
    yield_4: 1700,
    sem_pingpong_1cpu: 3000,
    futex_pingpong_1cpu: 2800,
    line_transfer: 100,
    enqdeq_pair_cross: 420,
  };
  const primitives: HostProfile['primitives'] = Object.fromEntries(
    Object.entries(ns).map(([k, v]) => [k, { unit: 'ns' as const, iterations: 1000, ...statOf([v + 5, v, v - 5]) }]),
  );
  primitives.wake_preempt = { unit: 'fraction', iterations: 100, ...statOf([0.5]) };
  return {
    format: 'ipcsim-host-profile',
    version: 1,
    date: '2026-01-01T00:00:00.000Z',
    tool: 'test',
    quick: true,
    host: {
      cpuModel: 'Test CPU',
      vendor: 'Test',
      kernel: 'Linux 6.0',
      processors,
      clockMHz: 1000,
      clockSource: 'test',
      pageBytes: 4096,
      tlbEntries: 64,
      pcid: false,
      hypervisor: false,
      caches: [
        { level: 1, type: 'Data', sizeBytes: 32768, ways: 8, lineBytes: 64, source: 'test' },
        { level: 1, type: 'Instruction', sizeBytes: 32768, ways: 8, lineBytes: 64, source: 'test' },
        { level: 2, type: 'Unified', sizeBytes: 1 << 20, ways: 16, lineBytes: 64, source: 'test' },
      ],
      loadAverage: { before: [0, 0, 0], after: [0, 0, 0] },
      upCpu: 0,
    },
    method: 'test',
    primitives,
  };
}

describe('host machine builder', () => {
  it('cites a source for every value, one processor and two', () => {
    for (const n of [1, 2]) {
      const m = hostMachine(synthetic(), n);
      expect(m.processors).toBe(n);
      expect(m.id).toBe(n === 2 ? 'host' : 'host-1');
      expect(leafPaths(m).filter((p) => !(m.sources[p] ?? '').trim())).toEqual([]);
      expect(Object.keys(m.sources).filter((p) => !leafPaths(m).includes(p))).toEqual([]);
      // The trap entry and return are hardware, measured; the OS primitives stay out of the machine.
      expect(m.sources['costs.trap']).toMatch(/^measured on this host by host:measure, median of 3/);
      expect(Object.keys(m.costs)).not.toContain('sysYield');
    }
  });

  it('derives the OS costs as their sources state (1000 MHz: 1 ns = 1 cycle)', () => {
    const up = osCostsFromProfile(synthetic(), 1);
    expect(up.costs.sysYield).toBe(300);
    expect(up.costs.ctxSwitch).toBe(1200); // 1500 - 300
    expect(up.costs.ctxCold3).toBe(200); // 1700 - 1500
    expect(up.costs.ctxCold2).toBe(100); // no yield_3: half of it
    const with3 = synthetic();
    with3.primitives.yield_3 = { unit: 'ns', iterations: 1000, ...statOf([1650]) };
    expect(osCostsFromProfile(with3, 1).costs.ctxCold2).toBe(150); // 1650 - 1500
    expect(up.costs.sysSemop).toBe(400);
    expect(up.costs.sysMsgsnd).toBe(600); // 1000 × 300 / 500
    expect(up.costs.sysMsgrcv).toBe(400);
    expect(up.costs.sysSleep).toBe(1333); // (3000 - 800 - 1200) / (1 - 0.5 / 2)
    expect(up.costs.shmEnqueue).toBe(20); // (60 - 2 × 10) / 2
    expect(up.bus.tasCycles).toBe(10);
    const mp = osCostsFromProfile(synthetic(), 2);
    expect(mp.costs.shmEnqueue).toBe(200); // (420 - 2 × 10) / 2
    expect(mp.costs.flagLoad).toBe(100);
    expect(mp.costs.sysYield).toBe(up.costs.sysYield);
  });

  it('runs today\'s Linux model, fitted to the primitives: the Table 1 loops come back as measured', () => {
    const p = synthetic();
    const m = hostMachine(p, 1);
    const { model, note } = unixModelFor(m);
    expect(note).toBeNull();
    expect(model.home).toBe('host-1');
    expect(model.sched).toBe('eevdf');
    expect(model.kernel.yield.source).toContain('fitted on host-1 to sysYield');
    // µs per operation; a call cheaper than the null system call is priced as one (the fit floors at the trap and return).
    const us = (k: string) => Math.max(p.primitives[k].median, k === 'enqdeq_pair' ? 0 : p.primitives.null_syscall.median) / 1000;
    const loops: [Primitive, number, string][] = [
      ['yield', 1, 'yield_1'],
      ['yield', 2, 'yield_2'],
      ['yield', 4, 'yield_4'],
      ['msg', 1, 'msg_pair'],
      ['enqdeq', 1, 'enqdeq_pair'],
    ];
    for (const [what, n, k] of loops) expect(Math.abs(measurePrimitive(m, what, n, 400) / us(k) - 1), `${what} ${n}`).toBeLessThan(0.02);
  });

  it('schedules as EEVDF: a yield passes the processor, wake-ups preempt in the measured share', () => {
    const tasks: SchedTask[] = [0, 1, 2].map((id) => ({ id, name: `t${id}`, s: {} }));
    const pol = eevdf({ tickUs: 4000, sliceUs: 1500, clockMHz: 1000, wakePreempt: 0.5, describe: 'test' }, () => tasks);
    for (const t of tasks) pol.admit(t);
    expect(pol.choose(tasks[0], [tasks[1], tasks[2]], 'yield')).not.toBe(tasks[0]);
    expect(pol.choose(tasks[0], [], 'yield')).toBe(tasks[0]);
    // Half the wake-ups preempt, spread evenly; the reschedule they ask for runs the woken process.
    const asked = [0, 1, 2, 3].map(() => pol.onWake!(tasks[1], tasks[0]));
    expect(asked).toEqual([false, true, false, true]);
    expect(pol.choose(tasks[0], [tasks[2], tasks[1]], 'preempt')).toBe(tasks[1]);
  });

  it('rejects a profile without what the machine needs, naming it', () => {
    const p = synthetic();
    delete (p.primitives as Record<string, unknown>).yield_2;
    expect(() => parseHostProfile(p)).toThrow(ProfileError);
    expect(() => parseHostProfile(p)).toThrow(/primitive 'yield_2'/);
    expect(() => parseHostProfile({ format: 'other' })).toThrow(/format/);
    expect(() => processorsOf('host-3', synthetic())).toThrow(/host-1 to host-2/);
    expect(processorsOf('host', synthetic())).toBe(2);
    expect(processorsOf('host-1', synthetic())).toBe(1);
  });

  it('runs every sleep/wake-up kernel on the host machine', () => {
    for (const k of HOST_PROTOCOLS) {
      const m = hostMachine(synthetic(), 1);
      const r = simulate({ machine: m.id, machineDesc: m, kernel: k, clients: 2, calls: 200, bytes: 24 });
      expect(r.machine).toBe('host-1');
      expect(r.result.calls).toBe(200);
      expect(r.result.latencyUs.mean).toBeGreaterThan(0);
    }
  });

  it('grades errors by the paper\'s 10% and by 20%', () => {
    expect(statusOf(-9.9)).toBe('within 10%');
    expect(statusOf(15)).toBe('within 20%');
    expect(statusOf(-25)).toBe('miss');
    expect(statusOf(null)).toBe('not measured');
  });
});

const hasCc = spawnSync('cc', ['--version']).status === 0;

describe.skipIf(!hasCc || process.platform !== 'linux')('host:measure --quick on this machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipcsim-host-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let measured: ReturnType<typeof measureHost> | null = null;
  const measure = () => (measured ??= measureHost({ out: dir, quick: true, cpu: 0 }));

  it('writes a host profile with the facts and every required primitive', () => {
    measure();
    const p = parseHostProfile(JSON.parse(readFileSync(join(dir, 'primitives.json'), 'utf8')));
    expect(p.quick).toBe(true);
    expect(p.host.processors).toBeGreaterThanOrEqual(1);
    expect(p.host.clockMHz).toBeGreaterThan(0);
    expect(p.host.kernel).toMatch(/^Linux /);
    expect(p.host.cpuModel.length).toBeGreaterThan(0);
    expect(p.host.loadAverage.before).toHaveLength(3);
    expect(Date.parse(p.date)).not.toBeNaN();
    const need = p.host.processors > 1 ? [...REQUIRED_PRIMITIVES, ...REQUIRED_MP_PRIMITIVES] : [...REQUIRED_PRIMITIVES];
    for (const k of need) {
      const v = p.primitives[k];
      expect(v.samples.length, k).toBeGreaterThan(0);
      expect(v.min, k).toBeLessThanOrEqual(v.median);
      expect(v.median, k).toBeLessThanOrEqual(v.max);
    }
    // A system call costs more than an uncontended test-and-set on any machine.
    expect(p.primitives.null_syscall.median).toBeGreaterThan(p.primitives.tas_local.median);
  });

  it('writes composites.csv: every protocol, processors and client count, with the host recorded', () => {
    measure();
    const text = readFileSync(join(dir, 'composites.csv'), 'utf8');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...COMPOSITE_COLUMNS]);
    const procs = JSON.parse(readFileSync(join(dir, 'primitives.json'), 'utf8')).host.processors > 1 ? [1, 2] : [1];
    expect(rows.map((r) => `${r.protocol}:${r.processors}:${r.clients}`).sort()).toEqual(
      HOST_PROTOCOLS.flatMap((k) => procs.flatMap((n) => [1, 2].map((c) => `${k}:${n}:${c}`))).sort(),
    );
    for (const r of rows) {
      expect(r.date).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(r['kernel']).toMatch(/^Linux /);
    }
    const ok = loadComposites(join(dir, 'composites.csv')).filter((m) => m.runs > 0);
    expect(ok.length).toBeGreaterThan(0);
    for (const m of ok) expect(m.msgsPerMsMedian).toBeGreaterThan(0);
  });

  it('simulates the composites from the primitives alone and writes the comparison', () => {
    measure();
    const { claims, files } = compareCommand({ profile: join(dir, 'primitives.json'), composites: join(dir, 'composites.csv'), out: dir, scale: 'test', json: true });
    expect(claims.length).toBe(loadComposites(join(dir, 'composites.csv')).length);
    for (const c of claims) {
      expect(c.kind).toBe('host');
      expect(c.role).toBe('predicted');
      expect(c.simulated).toBeGreaterThan(0);
    }
    const report = readFileSync(files[3], 'utf8');
    expect(report).toContain('## This machine');
    expect(report).toContain('| bss | 1 |');
  });

  // The run goes through a spawned process (the real entry point); the rejections run in this one.
  it('runs `simulate --machine host-1 --host-profile FILE` and rejects bad host input with one line, exit 2', async () => {
    measure();
    const prof = join(dir, 'primitives.json');
    const r = run('-m', 'host-1', '--host-profile', prof, '-k', 'bsw', '--clients', '2', '--calls', '100', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).config.machine.processors).toBe(1);
    const bad = await cli('-m', 'host-9', '--host-profile', prof, '-k', 'bss');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/host-9/);
    const other = await cli('-m', 'i486-dx50', '-k', 'l3', '--host-profile', prof);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/--host-profile applies only to --machine host/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format":"ipcsim-host-profile","version":1}');
    const b = await cli('-m', 'host', '--host-profile', broken, '-k', 'bss');
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/has no host facts/);
  });

  it('does not feed the measured composites into the machine', () => {
    measure();
    const first = readFileSync(join(dir, 'machines.json'), 'utf8');
    // Composites ten times faster change the comparison, never the machines it simulates.
    const rows = parse(readFileSync(join(dir, 'composites.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const fast = rows.map((r) => ({ ...r, 'throughput median (msgs/ms)': String(Number(r['throughput median (msgs/ms)']) * 10) }));
    const other = join(dir, 'other');
    const file = join(dir, 'fast.csv');
    writeFileSync(file, stringify(fast, { header: true, columns: [...COMPOSITE_COLUMNS] }));
    const { claims } = compareCommand({ profile: join(dir, 'primitives.json'), composites: file, out: other, scale: 'test', json: true });
    expect(readFileSync(join(other, 'machines.json'), 'utf8')).toBe(first);
    const base = JSON.parse(readFileSync(join(dir, 'host-claims.json'), 'utf8')).claims as { simulated: number; expected: number | null }[];
    claims.forEach((c, i) => {
      expect(c.simulated).toBe(base[i].simulated);
      if (c.expected !== null && base[i].expected !== null) expect(c.expected).toBeCloseTo(base[i].expected! * 10, 3);
    });
  });
});
