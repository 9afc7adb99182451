// A paper is one module: a stub paper registered the way a paper folder's index.ts registers
// itself is listed by the claims command's choices, run by `simulate reproduce`, and reported;
// and the shared pieces a paper builds on (measure, the breakdown reader, boot) behave.

import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reproduceInto, loadResults } from '../cli/reproduce/command.js';
import { papersToRun } from '../cli/reproduce/select.js';
import { claim, evaluate } from '../workloads/claims.js';
import { forgetMeasurements, measure, remember, shareRuns } from '../workloads/measure.js';
import { sumRows } from '../workloads/breakdown.js';
import { bootSystem, bootUnix } from '../workloads/boot.js';
import { claimsOf, paperIds, registerPaper, refPrefixes, unregisterPaper } from '../workloads/registry.js';
import { observeRuns, UsageError, type BreakdownRow } from '../workloads/run.js';

/** The stub's one experiment: a short null IPC ping-pong of L3 on the 486. */
const stubRun = () => measure({ machine: 'i486-dx50', kernel: 'l3', calls: 20 });

// What a new paper folder's index.ts holds, registered with the same call.
const stub = registerPaper({
  id: 'stub',
  title: 'A Stub Paper (Nobody, 2026)',
  citation: 'A. Nobody. A Stub Paper. Proceedings of Nothing, 2026.',
  companions: [{ id: 'stubnotes', title: 'notes on the stub paper' }],
  claims: [
    claim({
      ref: 'stub.s1.round_trip_positive',
      source: '§1',
      conditions: 'i486-dx50, l3, null IPC, 20 round trips',
      expected: null,
      unit: 'shape',
      role: 'predicted',
      experiment: 'stub-null',
      measure: () => stubRun().result.latencyCycles.mean > 0,
    }),
    claim({
      ref: 'stubnotes.calls',
      source: 'notes',
      conditions: 'the same run',
      expected: 20,
      unit: 'calls',
      role: 'calibrated',
      experiment: 'stub-null',
      measure: () => stubRun().result.calls,
    }),
  ],
  reproduction: {
    tables: [
      {
        id: 'table1',
        title: 'Table 1: the null IPC',
        columns: [
          { key: 'what', label: 'what' },
          { key: 'cycles', label: 'round trip', unit: 'cycles' },
        ],
        run: () => [{ what: 'null IPC', cycles: stubRun().result.latencyCycles.mean }],
      },
    ],
    figures: [],
  },
});
// Test files may share a worker: the stub leaves the registry as the paper folders make it.
afterAll(() => unregisterPaper('stub'));

describe('a stub paper registered with one call', () => {
  it('is listed: the command line\'s choices, its claims with its companion\'s, the catalogue prefixes', () => {
    expect(paperIds()).toContain('stub');
    expect(claimsOf('stub').map((c) => [c.id, c.paper])).toEqual([
      ['stub.s1.round_trip_positive', 'stub'],
      ['stubnotes.calls', 'stubnotes'],
    ]);
    expect(refPrefixes()).toEqual(expect.arrayContaining(['stub', 'stubnotes']));
    expect(stub.experiments).toEqual(['stub-null']);
    expect(claimsOf('stub').map((c) => evaluate(c, 'test').status)).toEqual(['pass', 'pass']);
  });

  it('is run and reported by simulate reproduce', async () => {
    const [p] = papersToRun(['stub']);
    expect(p).toMatchObject({ paper: 'stub', title: stub.title });
    const out = mkdtempSync(join(tmpdir(), 'ipcsim-stub-'));
    const [w] = await reproduceInto({ which: 'stub', out, scale: 'test', json: true, jobs: 1 }, out, true);
    expect(w.claims).toEqual({ total: 2, pass: 2, knownGap: 0, fail: 0, paperInconsistent: 0, notSimulated: 0 });
    expect(readdirSync(join(out, 'stub')).sort()).toEqual(['reproduction.json', 'table1.csv']);
    expect(loadResults(out).map((r) => r.paper)).toEqual(['stub']);
    expect(readFileSync(join(out, 'REPORT.md'), 'utf8')).toContain(`## ${stub.title}`);
  });

  it('refuses a second paper of the same id or companion', () => {
    expect(() => registerPaper({ id: 'stub', title: 't', citation: 'c', claims: [] })).toThrow(/already registered/);
    expect(() => registerPaper({ id: 'other', title: 't', citation: 'c', companions: [{ id: 'notes', title: 'n' }], claims: [] })).toThrow(/'notes' is already registered/);
    expect(() => registerPaper({ id: 'Bad Name', title: 't', citation: 'c', claims: [] })).toThrow(/folder name/);
  });

  it('keeps the URPC lecture notes\' claims with URPC', () => {
    const urpc = claimsOf('urpc');
    expect(urpc.filter((c) => c.paper === 'notes').length).toBeGreaterThan(5);
    expect(urpc.filter((c) => c.paper === 'urpc').length).toBeGreaterThan(50);
    expect(() => claimsOf('notes')).toThrow(/no paper 'notes'/);
  });
});

describe('measure', () => {
  it('runs one resolved specification once, however it is written', () => {
    forgetMeasurements();
    // Counted in this process alone: not read back from runs the suite's other files made.
    const shared = shareRuns(null);
    let runs = 0;
    const stop = observeRuns(() => runs++);
    try {
      const a = measure({ machine: 'i486-dx50', kernel: 'l3', calls: 20 });
      // The same run: the default warm-up written out, and a kernel option set to its default.
      const b = measure({ machine: 'i486-dx50', kernel: 'l3', calls: 20, warmup: 10, set: ['kernel.lazyScheduling=true'] });
      expect(b).toBe(a);
      expect(runs).toBe(1);
      const c = measure({ machine: 'i486-dx50', kernel: 'l3', calls: 20, set: ['kernel.lazyScheduling=false'] });
      expect(c).not.toBe(a);
      expect(runs).toBe(2);
      forgetMeasurements();
      measure({ machine: 'i486-dx50', kernel: 'l3', calls: 20 });
      expect(runs).toBe(3);
    } finally {
      stop();
      shareRuns(shared);
    }
  });

  it('refuses a bad specification as bad input', () => {
    expect(() => measure({ machine: 'pdp-11', kernel: 'l3' })).toThrow(UsageError);
  });

  it('remembers a driver that is not one run by its name and arguments', () => {
    let n = 0;
    const f = (x: number) => remember('double', [x], () => (n++, 2 * x));
    expect([f(2), f(2), f(3)]).toEqual([4, 4, 6]);
    expect(n).toBe(2);
  });
});

describe('the breakdown reader', () => {
  const row = (side: string, step: string, cycles: number, count: number): BreakdownRow => ({
    side,
    step,
    us: cycles / 10,
    cycles,
    execCycles: cycles - 1,
    instructions: cycles / 2,
    tlbMisses: 1,
    tlbCycles: 1,
    cacheMisses: 0,
    cacheCycles: 0,
    count,
  });
  const rows = [row('client', 'send', 100, 1), row('client', 'idle', 50, 3), row('server', 'send', 40, 2), row('kernel', '3. Copyin', 30, 1), row('kernel', '3. Copyin / copy', 6, 1)];

  it('sums the picked rows per call, per execution, or over a divisor', () => {
    expect(sumRows(rows, { side: 'client', where: (r) => r.step !== 'idle' }).cycles).toBe(100);
    expect(sumRows(rows, { steps: ['send'] }).cycles).toBe(140);
    expect(sumRows(rows, { steps: ['send'] }, { per: 'execution' }).cycles).toBe(120);
    expect(sumRows(rows, { side: 'server' }, { over: 2 })).toMatchObject({ cycles: 20, exec: 19.5, instructions: 10, tlbMisses: 0.5, count: 2 });
    expect(sumRows(rows, { prefix: '3. ' }).cycles).toBe(36);
  });

  it('names a missing step when told every one must be there', () => {
    expect(() => sumRows(rows, { side: 'server', steps: ['send', 'poll'] }, { require: true })).toThrow("no step 'poll' on side 'server'");
    expect(() => sumRows(rows, { prefix: '4. ' }, { require: true })).toThrow("no step starting '4. '");
    expect(sumRows(rows, { steps: ['poll'] }).cycles).toBe(0);
  });
});

describe('boot', () => {
  it('boots a machine with what-ifs, and a Unix under a scheduler', () => {
    expect(bootSystem({ machine: 'i486-dx50', set: ['tlb.entries=16'] }).machine.tlb.entries).toBe(16);
    const unix = bootUnix({ machine: 'sgi-indy', scheduler: 'fixed' });
    expect(unix.sys.machine.id).toBe('sgi-indy-r4000');
  });

  it('refuses an unknown machine or parameter as bad input', () => {
    expect(() => bootSystem({ machine: 'i486-dx5' })).toThrow(/did you mean 'i486-dx50'/);
    expect(() => bootSystem({ machine: 'i486-dx50', set: ['tlb.entry=3'] })).toThrow(UsageError);
  });
});
