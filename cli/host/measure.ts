// `simulate host measure` (npm run host:measure): compile the measurement program kept in
// machines/host/ with the system's C compiler, run it (it pins itself with sched_setaffinity),
// and write the host profile (results/host/primitives.json: processor, clock, caches, kernel,
// load average, date, the Table 1 primitives with every repeat) and the measured composites
// (results/host/composites.csv). The machine is shared: the load average before and after is
// recorded so a noisy run can be told from a quiet one.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, release, tmpdir, type as osType } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { statOf, type HostCache, type HostFacts, type HostPrimitive, type HostProfile } from '../../machines/host/profile.js';
import { UsageError } from '../../workloads/run.js';
import { writeAtomic } from '../output.js';
import { stableJson } from '../reproduce/files.js';
import { VERSION } from '../version.js';

export interface MeasureOptions {
  out: string;
  quick: boolean;
  /** The processor uniprocessor experiments are pinned to. */
  cpu: number;
  /** C compiler (default: cc). */
  cc?: string;
  /** Progress lines on stderr. */
  log?: (line: string) => void;
}

/** The package root: the nearest folder above this file holding machines/host/. */
export function packageRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'machines', 'host', 'bench.h'))) return d;
    d = dirname(d);
  }
  throw new Error('cannot find machines/host/ (the measurement program) above the CLI');
}

/** Compile the measurement program into a temporary folder; returns the binary's path. */
export function compileBench(cc = 'cc'): { bin: string; cleanup: () => void } {
  const src = join(packageRoot(), 'machines', 'host');
  const files = readdirSync(src)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => join(src, f));
  const dir = mkdtempSync(join(tmpdir(), 'ipcsim-host-'));
  const bin = join(dir, 'hostbench');
  const r = spawnSync(cc, ['-O2', '-o', bin, ...files], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`compiling the measurement program with '${cc} -O2' failed: ${r.error?.message ?? r.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
  }
  return { bin, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

interface Line {
  type: string;
  name: string;
  samples?: number[];
  [k: string]: unknown;
}

const read = (f: string): string | null => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return null;
  }
};

/** The fields of /proc/cpuinfo's block for one processor. */
function cpuinfo(cpu: number): Map<string, string> {
  const text = read('/proc/cpuinfo') ?? '';
  const blocks = text.split(/\n\s*\n/).filter((b) => b.trim());
  const block = blocks.find((b) => new RegExp(`^processor\\s*:\\s*${cpu}$`, 'm').test(b)) ?? blocks[0] ?? '';
  return new Map(
    block
      .split('\n')
      .map((l) => l.split(':'))
      .filter((kv) => kv.length >= 2)
      .map(([k, ...v]) => [k.trim(), v.join(':').trim()]),
  );
}

/** Processors online, from /sys/devices/system/cpu/online ("0-1", "0,2-3"). */
function onlineCount(): number | null {
  const t = read('/sys/devices/system/cpu/online');
  if (!t) return null;
  return t
    .trim()
    .split(',')
    .reduce((n, part) => {
      const [a, b] = part.split('-').map(Number);
      return n + (b === undefined ? 1 : b - a + 1);
    }, 0);
}

const bytesOf = (s: string): number => {
  const m = /^(\d+)\s*([KMG]?)/i.exec(s.trim());
  if (!m) return 0;
  return Number(m[1]) * ({ '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase()] ?? 1);
};

/** Caches from sysfs, else the processor's CPUID report (printed by the program), else /proc/cpuinfo. */
function cachesOf(cpu: number, fromCpuid: unknown, info: Map<string, string>): HostCache[] {
  const dir = `/sys/devices/system/cpu/cpu${cpu}/cache`;
  if (existsSync(dir)) {
    const out: HostCache[] = [];
    for (const idx of readdirSync(dir).filter((d) => d.startsWith('index')).sort()) {
      const f = (n: string) => (read(join(dir, idx, n)) ?? '').trim();
      out.push({
        level: Number(f('level')),
        type: f('type') as HostCache['type'],
        sizeBytes: bytesOf(f('size')),
        ways: Number(f('ways_of_associativity')) || 1,
        lineBytes: Number(f('coherency_line_size')) || 64,
        source: `${dir}/${idx}`,
      });
    }
    if (out.length) return out;
  }
  const list = Array.isArray(fromCpuid) ? (fromCpuid as Omit<HostCache, 'source'>[]) : [];
  if (list.length) return list.map((c) => ({ ...c, source: `CPUID cache report (no ${dir} on this host)` }));
  const l2 = bytesOf(info.get('cache size') ?? '');
  return l2 ? [{ level: 2, type: 'Unified', sizeBytes: l2, ways: 1, lineBytes: Number(info.get('cache_alignment')) || 64, source: '/proc/cpuinfo "cache size" (ways unknown)' }] : [];
}

function facts(cpu: number, caches: unknown, pageBytes: number, before: number[], after: number[]): HostFacts {
  const info = cpuinfo(cpu);
  const flags = new Set((info.get('flags') ?? '').split(/\s+/));
  const base = read(`/sys/devices/system/cpu/cpu${cpu}/cpufreq/base_frequency`) ?? read(`/sys/devices/system/cpu/cpu${cpu}/cpufreq/cpuinfo_max_freq`);
  const mhz = base ? Number(base.trim()) / 1000 : Number(info.get('cpu MHz'));
  const tlb = /^(\d+)/.exec(info.get('TLB size') ?? '');
  return {
    cpuModel: info.get('model name') ?? info.get('cpu model') ?? 'unknown processor',
    vendor: info.get('vendor_id') ?? 'unknown',
    kernel: `${osType()} ${release()}`,
    processors: onlineCount() ?? 1,
    clockMHz: Math.round(mhz * 1000) / 1000,
    clockSource: base ? `/sys/devices/system/cpu/cpu${cpu}/cpufreq` : `/proc/cpuinfo "cpu MHz" of processor ${cpu}`,
    pageBytes,
    tlbEntries: tlb ? Number(tlb[1]) : null,
    pcid: flags.has('pcid'),
    hypervisor: flags.has('hypervisor'),
    caches: cachesOf(cpu, caches, info),
    loadAverage: { before, after },
    upCpu: cpu,
  };
}

const round2 = (xs: number[]) => xs.map((x) => Math.round(x * 100) / 100);

/** Run the measurement and write primitives.json and composites.csv under `out`. */
export function measureHost(o: MeasureOptions): { profile: HostProfile; files: string[] } {
  const log = o.log ?? (() => {});
  const online = onlineCount() ?? 1;
  if (!Number.isInteger(o.cpu) || o.cpu < 0 || o.cpu >= online) throw new UsageError(`--cpu must be a processor of this host, 0 to ${online - 1}, got ${o.cpu}`);
  log(`host: compiling the measurement program (${o.cc ?? 'cc'} -O2)`);
  const { bin, cleanup } = compileBench(o.cc);
  const before = round2(loadavg());
  const date = new Date().toISOString();
  let stdout: string;
  try {
    log(`host: measuring${o.quick ? ' (quick)' : ''}, load average ${before.join(' ')}`);
    const r = spawnSync(bin, [...(o.quick ? ['--quick'] : []), '--cpu', String(o.cpu)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.error || r.status !== 0) throw new Error(`the measurement program failed: ${r.error?.message ?? `exit ${r.status}`}`);
    stdout = r.stdout;
  } finally {
    cleanup();
  }
  const after = round2(loadavg());
  const lines = stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Line);
  const cachesLine = lines.find((l) => l.type === 'info' && l.name === 'caches');
  const run = lines.find((l) => l.type === 'info' && l.name === 'run');
  const primitives: Record<string, HostPrimitive> = {};
  for (const l of lines.filter((x) => x.type === 'primitive')) {
    primitives[l.name] = { unit: l.unit === 'fraction' ? 'fraction' : 'ns', iterations: Number(l.iterations), ...(l.note ? { note: String(l.note) } : {}), ...statOf(l.samples ?? []) };
  }
  const host = facts(o.cpu, cachesLine?.caches, Number(cachesLine?.pageBytes ?? 4096), before, after);
  const reps = Object.values(primitives)[0]?.samples.length ?? 0;
  const profile: HostProfile = {
    format: 'ipcsim-host-profile',
    version: 1,
    date,
    tool: `host:measure (ipcsim ${VERSION})`,
    quick: o.quick,
    host,
    method:
      `sleep/wake-up paper §2.2: each primitive is a tight loop of many iterations (a tenth more run first as warm-up, untimed), repeated ${reps} times; ` +
      `every repeat's ns per operation is kept with the minimum and median. Uniprocessor rows run pinned to processor ${o.cpu} (sched_setaffinity); ` +
      `line_transfer and enqdeq_pair_cross pin one process to each of processors 0 and 1; the 2-processor hand-overs let both run on processors 0 and 1. ` +
      `Built with cc -O2. ${run ? `Queue capacity ${String(run.qcap)} messages of ${String(run.msgBytes)} bytes; delay loop ${Number(run.pollNs) / 1000} µs; MAX_SPIN ${String(run.maxSpin)}.` : ''}`,
    primitives,
  };
  const byKey = (type: string) => new Map(lines.filter((l) => l.type === type).map((l) => [`${String(l.protocol)}:${String(l.cpus)}:${String(l.clients)}`, l]));
  const thr = byKey('composite_thr');
  const vol = byKey('composite_vcsw');
  const invol = byKey('composite_ivcsw');
  const rows = lines
    .filter((l) => l.type === 'composite_rtt')
    .map((l) => {
      const key = `${String(l.protocol)}:${String(l.cpus)}:${String(l.clients)}`;
      const t = thr.get(key);
      const rtt = statOf((l.samples ?? []).map((x) => x / 1000));
      const tp = statOf(t?.samples ?? []);
      const f = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : '');
      return [
        l.protocol,
        l.cpus,
        l.clients,
        l.calls,
        f(rtt.median),
        f(rtt.min),
        f(tp.median),
        f(tp.max),
        f(statOf(vol.get(key)?.samples ?? []).median),
        f(statOf(invol.get(key)?.samples ?? []).median),
        rtt.samples.length,
        l.failed,
        host.cpuModel,
        host.kernel,
        host.processors,
        `${before.join(' ')} -> ${after.join(' ')}`,
        date,
      ];
    });
  const csv = stringify(rows, { header: true, columns: [...COMPOSITE_COLUMNS] });
  const files = [join(o.out, 'primitives.json'), join(o.out, 'composites.csv')];
  mkdirSync(o.out, { recursive: true });
  writeAtomic(files[0], stableJson(profile));
  writeAtomic(files[1], csv);
  return { profile, files };
}

/** composites.csv's header: the measured round trips and throughputs, and the host they came from. */
export const COMPOSITE_COLUMNS = [
  'protocol',
  'processors',
  'clients',
  'calls per client',
  'round trip median (us)',
  'round trip min (us)',
  'throughput median (msgs/ms)',
  'throughput max (msgs/ms)',
  'voluntary switches median (per round trip)',
  'involuntary switches median (per round trip)',
  'runs',
  'failed runs',
  'cpu model',
  'kernel',
  'cores',
  'load average (1 5 15 min, before -> after)',
  'date',
] as const;
