// Random configurations for the property tests and `npm run fuzz`: machine × kernel × workload ×
// run parameters × --set what-ifs drawn inside the declared schemas, and single bad values drawn
// outside them; and the judge that says what a run did with one: finished with sound numbers,
// refused in one line, stopped bounded (stall, event budget), or crashed.

import fc from 'fast-check';
import { machines } from '../../machines/index.js';
import { kernels } from '../../kernels/index.js';
import { workloads } from '../../workloads/index.js';
import { MACHINE_SCHEMA, specOf, leaves, type ParamSpec } from '../../sim/hw/machine-schema.js';
import { settablePaths } from '../../machines/override.js';
import { RUN_BOUNDS, UsageError } from '../../workloads/limits.js';
import { RunError, simulate, type RunSpec } from '../../workloads/run.js';
import { StallError } from '../../sim/engine/index.js';
import type { MachineDesc } from '../../sim/hw/machine.js';

const pairs = machines.flatMap((m) => kernels.map((k) => ({ m, k })));

/** A value inside a schema entry, near the machine's own where it has one (so runs stay short). */
function goodValue(s: ParamSpec, current: unknown): fc.Arbitrary<string> {
  if (s.type === 'boolean') return fc.boolean().map(String);
  if (s.type === 'choice') return fc.constantFrom(...s.choices!);
  if (s.type === 'text') return fc.constant(String(current));
  const cur = typeof current === 'number' ? current : (s.min ?? 0);
  if (s.powerOfTwo || /\.(ways|entries)$/.test(s.path)) {
    const e = Math.log2(Math.max(cur, s.min ?? 1));
    return fc.integer({ min: -2, max: 2 }).map((d) => String(Math.min(s.max ?? Infinity, Math.max(s.min ?? 1, 2 ** Math.round(e + d)))));
  }
  const lo = Math.max(s.min ?? 0, cur / 4);
  const hi = Math.min(s.max ?? cur * 4 + 10, cur * 4 + 10);
  return s.type === 'integer'
    ? fc.integer({ min: Math.ceil(lo), max: Math.max(Math.ceil(lo), Math.floor(hi)) }).map(String)
    : fc.double({ min: lo, max: hi, noNaN: true }).map((x) => String(Number(x.toFixed(3))));
}

const machineSets = (m: MachineDesc): fc.Arbitrary<string[]> => {
  const have = leaves(m);
  const paths = settablePaths(m).filter((p) => specOf(p) && p !== 'processors');
  return fc.uniqueArray(fc.constantFrom(...paths), { maxLength: 3 }).chain((ps) =>
    ps.length === 0 ? fc.constant([]) : fc.tuple(...ps.map((p) => goodValue(specOf(p)!, have.get(p)).map((v) => `${p}=${v}`))),
  );
};

/** Mostly left out (the default, which most kernels take); sometimes a value, which some refuse. */
const rarely = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: a, weight: 1 });

/** A run specification inside every schema (it may still be one a kernel refuses, in one line). */
export const inSchema: fc.Arbitrary<RunSpec> = fc.constantFrom(...pairs).chain(({ m, k }) => {
  const ws = workloads.filter((w) => w.runsOn(k)).map((w) => w.id);
  const opts = k.options.map((o) =>
    fc.option(
      (o.choices ? fc.constantFrom(...o.choices) : o.type === 'boolean' ? fc.boolean().map(String) : o.type === 'number' ? fc.integer({ min: o.min ?? 0, max: Math.min(o.max ?? 64, 64) }).map(String) : fc.constant(String(o.default))).map((v) => `kernel.${o.name}=${v}`),
      { nil: undefined },
    ),
  );
  return fc.record({
    machine: fc.constant(m.id),
    kernel: fc.constant(k.id),
    workload: ws.length ? fc.option(fc.constantFrom(...ws), { nil: undefined }) : fc.constant(undefined),
    // Mostly the defaults, which most kernels take; sometimes other values, which some refuse.
    T: rarely(fc.integer({ min: 1, max: 4 })),
    C: rarely(fc.integer({ min: 0, max: Math.min(4, m.processors) })),
    S: rarely(fc.integer({ min: 0, max: Math.min(2, m.processors) })),
    clients: rarely(fc.integer({ min: 1, max: 4 })),
    bytes: rarely(fc.constantFrom(0, 8, 64, 1024, 4096)),
    calls: fc.integer({ min: 5, max: 60 }),
    warmup: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    seed: fc.integer({ min: 0, max: 1000 }),
    set: fc.tuple(machineSets(m), fc.tuple(...opts)).map(([a, b]) => [...a, ...b.filter((x): x is string => x !== undefined)]),
  });
});

const badNumber = (s: ParamSpec): fc.Arbitrary<string> => {
  const out: fc.Arbitrary<string>[] = [fc.constantFrom('abc', '', 'NaN', 'Infinity', '-Infinity', '1e400', '0x')];
  if (s.min !== undefined) out.push(fc.double({ min: -1e9, max: s.min - 1e-6, noNaN: true }).map(String));
  if (s.max !== undefined) out.push(fc.double({ min: s.max + 1, max: s.max * 1e6 + 2, noNaN: true }).map(String));
  if (s.type === 'integer') out.push(fc.integer({ min: s.min ?? 0, max: Math.min(s.max ?? 1000, 1000) }).map((x) => String(x + 0.5)));
  if (s.powerOfTwo) out.push(fc.integer({ min: 3, max: 1000 }).filter((x) => (x & (x - 1)) !== 0).map(String));
  return fc.oneof(...out);
};

export interface BadCase {
  spec: RunSpec;
  /** The flag or path the message must name. */
  names: string;
}

/** A run specification with exactly one value outside its schema. */
export const outOfSchema: fc.Arbitrary<BadCase> = fc.constantFrom(...pairs).chain(({ m, k }) => {
  const base: RunSpec = { machine: m.id, kernel: k.id, calls: 10, set: [] };
  const paths = settablePaths(m).filter((p) => specOf(p));
  const machineBad = fc.constantFrom(...paths).chain((p) => {
    const s = specOf(p)!;
    const v = s.type === 'boolean' || s.type === 'choice' ? fc.constantFrom('yes', 'no', '1', 'maybe', '') : s.type === 'text' ? fc.constantFrom('', ' ', 'x'.repeat((s.max ?? 100) + 1)) : badNumber(s);
    return v.map((x) => ({ spec: { ...base, set: [`${p}=${x}`] }, names: `--set ${p}` }));
  });
  const runBad = fc.constantFrom(...(Object.keys(RUN_BOUNDS) as (keyof typeof RUN_BOUNDS)[])).chain((name) => {
    const b = RUN_BOUNDS[name];
    const v = fc.oneof(fc.integer({ min: -1e6, max: b.min - 1 }), fc.double({ min: b.max + 1, max: 1e15, noNaN: true }), fc.double({ min: b.min + 0.01, max: b.min + 0.99, noNaN: true }));
    return v.map((x) => ({ spec: { ...base, [name]: x }, names: b.flag }));
  });
  const unknown = fc.stringMatching(/^[a-z][a-zA-Z]{0,8}(\.[a-z][a-zA-Z]{0,8})?$/)
    .filter((p) => !specOf(p) && !p.startsWith('kernel'))
    .map((p) => ({ spec: { ...base, set: [`${p}=1`] }, names: `--set ${p}` }));
  const options = k.options.filter((o) => o.type !== 'string' || o.choices);
  const optionBad = options.length
    ? fc.constantFrom(...options).chain((o) => {
        const v = o.type === 'number' ? fc.constantFrom('abc', 'Infinity', '') : fc.constantFrom('yes', 'maybe', 'x1', '');
        return v.map((x) => ({ spec: { ...base, set: [`kernel.${o.name}=${x}`] }, names: `--set kernel.${o.name}` }));
      })
    : unknown;
  return fc.oneof(machineBad, runBad, unknown, optionBad);
});

export type Verdict = 'ok' | 'refused' | 'stalled' | 'budget' | 'crash';

export interface Judged {
  verdict: Verdict;
  detail: string;
}

const numbersOf = (x: unknown, path: string, out: [string, number][]): void => {
  if (typeof x === 'number') out.push([path, x]);
  else if (Array.isArray(x)) x.forEach((v, i) => numbersOf(v, `${path}[${i}]`, out));
  else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) numbersOf(v, `${path}.${k}`, out);
};

/** Run a specification and say what happened; `crash` is always a defect. */
export function judge(spec: RunSpec, twice = false): Judged {
  let r;
  try {
    r = simulate(spec);
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    if (e instanceof UsageError) return msg.includes('\n') ? { verdict: 'crash', detail: `refusal over several lines: ${msg}` } : { verdict: 'refused', detail: msg };
    if (e instanceof StallError) return { verdict: 'stalled', detail: msg.split('\n')[0] };
    if (e instanceof RunError && e.status === 'budget') return { verdict: 'budget', detail: msg };
    return { verdict: 'crash', detail: `${(e as Error).name}: ${msg}` };
  }
  const nums: [string, number][] = [];
  numbersOf(r.result, 'result', nums);
  const bad = nums.find(([, v]) => !Number.isFinite(v) || v < 0);
  if (bad) return { verdict: 'crash', detail: `${bad[0]} = ${bad[1]}` };
  if (!(r.result.latencyCycles.mean > 0) || !(r.result.throughputPerSec > 0)) return { verdict: 'crash', detail: 'no latency or throughput' };
  // One caller in a closed loop after a warm-up: the window is the sum of its calls, so
  // throughput × latency is 1 (without a warm-up the window also holds the start-up).
  const single = r.params.T * r.params.clients === 1 && r.params.warmup > 0;
  const little = r.result.warnings.find((w) => w.startsWith("Little's law"));
  if (single && little) return { verdict: 'crash', detail: `one caller: ${little}` };
  if (twice) {
    const strip = (x: typeof r) => JSON.stringify({ ...x, perf: null, timeline: null });
    if (strip(simulate(spec)) !== strip(r)) return { verdict: 'crash', detail: 'not deterministic' };
  }
  return { verdict: 'ok', detail: '' };
}

/** An out-of-schema case must be refused in one line naming its flag or path. */
export function judgeBad(c: BadCase): Judged {
  const j = judge(c.spec);
  if (j.verdict !== 'refused') return { verdict: 'crash', detail: `accepted (${j.verdict}): ${j.detail}` };
  if (!j.detail.includes(c.names)) return { verdict: 'crash', detail: `the message does not name ${c.names}: ${j.detail}` };
  return j;
}

/** The command-line arguments of a specification. */
export const argsOf = (s: RunSpec): string[] => [
  '-m',
  s.machine,
  '-k',
  s.kernel,
  ...(s.workload ? ['-w', s.workload] : []),
  ...(['T', 'C', 'S', 'clients', 'bytes', 'calls', 'warmup', 'seed'] as const).filter((k) => s[k] !== undefined).flatMap((k) => [RUN_BOUNDS[k].flag, String(s[k])]),
  ...(s.set ?? []).flatMap((x) => ['--set', x]),
];

export const describeSpec = (s: RunSpec): string =>
  `-m ${s.machine} -k ${s.kernel}${s.workload ? ` -w ${s.workload}` : ''}` +
  (['T', 'C', 'S', 'clients', 'bytes', 'calls', 'warmup', 'seed'] as const)
    .filter((k) => s[k] !== undefined)
    .map((k) => ` ${RUN_BOUNDS[k].flag} ${s[k]}`)
    .join('') +
  (s.set ?? []).map((x) => ` --set ${x}`).join('');

export { MACHINE_SCHEMA };
