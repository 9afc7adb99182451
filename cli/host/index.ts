// The host machine on the command line: `simulate host measure` (measure this machine),
// `simulate host compare` and `simulate reproduce host` (simulate every measured composite from
// the primitives alone and write the comparison), and `--machine host|host-N` for any run
// (the machine built from results/host/primitives.json, or --host-profile FILE).

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { hostMachine, isHostId, processorsOf } from '../../machines/host/machine.js';
import { parseHostProfile, ProfileError, type HostProfile } from '../../machines/host/profile.js';
import { compareHost, tally, type HostClaim, type MeasuredComposite } from '../../workloads/host/compare.js';
import { hostSection } from '../../workloads/host/report.js';
import type { Scale } from '../../workloads/claims.js';
import { UsageError, type RunSpec } from '../../workloads/run.js';
import { stringify } from 'csv-stringify/sync';
import { writeAtomic } from '../output.js';
import { stableJson } from '../reproduce/files.js';
import { COMPOSITE_COLUMNS, measureHost } from './measure.js';

export const DEFAULT_PROFILE = join('results', 'host', 'primitives.json');

export function loadHostProfile(file: string): HostProfile {
  if (!existsSync(file)) throw new UsageError(`--host-profile ${file}: no such file (measure this machine first: npm run host:measure)`);
  let x: unknown;
  try {
    x = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--host-profile ${file}: not JSON (${(e as Error).message})`);
  }
  try {
    return parseHostProfile(x, `--host-profile ${file}`);
  } catch (e) {
    if (e instanceof ProfileError) throw new UsageError(e.message);
    throw e;
  }
}

/** A run spec whose --machine is host or host-N gets the machine built from the profile. */
export function withHostMachine(spec: RunSpec, profileFile?: unknown): RunSpec {
  if (!isHostId(spec.machine)) {
    if (typeof profileFile === 'string') throw new UsageError(`--host-profile applies only to --machine host or host-N (got --machine ${spec.machine})`);
    return spec;
  }
  const p = loadHostProfile(typeof profileFile === 'string' ? profileFile : DEFAULT_PROFILE);
  try {
    return { ...spec, machineDesc: hostMachine(p, processorsOf(spec.machine, p)) };
  } catch (e) {
    if (e instanceof ProfileError) throw new UsageError(e.message);
    throw e;
  }
}

/** composites.csv as measured composites. */
export function loadComposites(file: string): MeasuredComposite[] {
  if (!existsSync(file)) throw new UsageError(`--composites ${file}: no such file (measure this machine first: npm run host:measure)`);
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const num = (r: Record<string, string>, k: (typeof COMPOSITE_COLUMNS)[number]) => (r[k] === '' || r[k] === undefined ? NaN : Number(r[k]));
  return rows.map((r) => ({
    protocol: r.protocol,
    processors: num(r, 'processors'),
    clients: num(r, 'clients'),
    callsPerClient: num(r, 'calls per client'),
    rttUsMedian: num(r, 'round trip median (us)'),
    rttUsMin: num(r, 'round trip min (us)'),
    msgsPerMsMedian: num(r, 'throughput median (msgs/ms)'),
    msgsPerMsMax: num(r, 'throughput max (msgs/ms)'),
    voluntaryPerRtt: num(r, 'voluntary switches median (per round trip)'),
    involuntaryPerRtt: num(r, 'involuntary switches median (per round trip)'),
    runs: num(r, 'runs'),
    failedRuns: num(r, 'failed runs'),
  }));
}

const CLAIM_COLUMNS: [keyof HostClaim, string][] = [
  ['protocol', 'protocol'],
  ['processors', 'processors'],
  ['clients', 'clients'],
  ['expected', 'measured (msgs/ms)'],
  ['simulated', 'simulated (msgs/ms)'],
  ['errorPct', 'error (%)'],
  ['status', 'status'],
  ['measuredRttUs', 'measured round trip (us)'],
  ['simulatedRttUs', 'simulated round trip (us)'],
  ['rttErrorPct', 'round trip error (%)'],
  ['measuredVoluntaryPerRtt', 'measured voluntary switches (per round trip)'],
  ['measuredInvoluntaryPerRtt', 'measured involuntary switches (per round trip)'],
  ['switchesPerRtt', 'simulated context switches (per round trip)'],
  ['syscallsPerRtt', 'simulated system calls (per round trip)'],
  ['reason', 'reason (misses)'],
  ['id', 'claim'],
];

export interface CompareOptions {
  profile: string;
  composites: string;
  out: string;
  scale: Scale;
  json: boolean;
}

/** Simulate every measured composite and write comparison.csv, host-claims.json, machines.json, REPORT.md under out. */
export function compareCommand(o: CompareOptions): { claims: HostClaim[]; files: string[] } {
  const profile = loadHostProfile(o.profile);
  const measured = loadComposites(o.composites).filter((m) => m.processors <= profile.host.processors);
  const machines = [...new Set([1, ...measured.map((m) => m.processors)])].sort().map((n) => hostMachine(profile, n));
  const claims = compareHost(measured, (n) => machines.find((m) => m.processors === n)!, o.scale);
  mkdirSync(o.out, { recursive: true });
  const files = ['comparison.csv', 'host-claims.json', 'machines.json', 'REPORT.md'].map((f) => join(o.out, f));
  writeAtomic(files[0], stringify(claims.map((c) => CLAIM_COLUMNS.map(([k]) => c[k] ?? '')), { header: true, columns: CLAIM_COLUMNS.map(([, l]) => l) }));
  writeAtomic(files[1], stableJson({ scale: o.scale, summary: tally(claims), claims }));
  writeAtomic(files[2], stableJson(Object.fromEntries(machines.map((m) => [m.id, m]))));
  writeAtomic(files[3], `# Reproduction report: this machine\n\n${hostSection(profile, machines, claims, o.scale)}`);
  const t = tally(claims);
  if (o.json) process.stdout.write(JSON.stringify({ out: o.out, files, summary: t }, null, 2) + '\n');
  else {
    process.stdout.write(`host: ${t.measured} composites measured; simulated from the primitives alone: ${t.within10} within 10%, ${t.within20} within 20%, ${t.miss} missed\n`);
    process.stdout.write(`report: ${files[3]}\n`);
  }
  return { claims, files };
}

/** `simulate reproduce host`: the comparison from <out>/host/primitives.json and composites.csv. */
export function reproduceHost(out: string, scale: Scale, json: boolean): void {
  const dir = join(out, 'host');
  compareCommand({ profile: join(dir, 'primitives.json'), composites: join(dir, 'composites.csv'), out: dir, scale, json });
}

/** `simulate host measure|compare` (its options are declared with the other commands, in main.ts). */
export function hostCommand(a: Record<string, unknown>): void {
  const out = String(a.out);
  if (a.action === 'measure') {
    const { files } = measureHost({ out, quick: a.quick === true, cpu: Number(a.cpu), log: (l) => process.stderr.write(`${l}\n`) });
    if (a.json) process.stdout.write(JSON.stringify({ files }, null, 2) + '\n');
    else process.stdout.write(`host: wrote ${files.join(', ')}\n`);
    return;
  }
  compareCommand({
    profile: typeof a['host-profile'] === 'string' ? a['host-profile'] : join(out, 'primitives.json'),
    composites: typeof a.composites === 'string' ? a.composites : join(out, 'composites.csv'),
    out,
    scale: a.scale as Scale,
    json: a.json === true,
  });
}
