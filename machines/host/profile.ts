// The host profile: what `host:measure` recorded about the machine at hand (its processor, clock,
// caches and kernel as the operating system reports them, and the sleep/wake-up paper's Table 1
// primitives measured on it, with every repeat's sample). The host machine is built from this
// alone; the measured composites live in a separate file and never enter it.

export interface Stat {
  /** Every repeat's value, in run order. */
  samples: number[];
  min: number;
  median: number;
  max: number;
}

export interface HostPrimitive extends Stat {
  /** ns per operation, or a fraction of events (wake_preempt). */
  unit: 'ns' | 'fraction';
  /** Timed iterations per repeat (warm-up excluded). */
  iterations: number;
  note?: string;
}

export interface HostCache {
  level: number;
  type: 'Data' | 'Instruction' | 'Unified';
  sizeBytes: number;
  ways: number;
  lineBytes: number;
  /** Where the figures came from (sysfs, CPUID, /proc/cpuinfo). */
  source: string;
}

export interface HostFacts {
  cpuModel: string;
  vendor: string;
  /** Kernel name and release (uname -sr). */
  kernel: string;
  /** Processors online. */
  processors: number;
  clockMHz: number;
  clockSource: string;
  pageBytes: number;
  /** 4 KB TLB entries, when reported. */
  tlbEntries: number | null;
  /** Process-context identifiers (pcid): TLB entries survive an address-space switch. */
  pcid: boolean;
  /** Running under a hypervisor (cpuinfo flag). */
  hypervisor: boolean;
  caches: HostCache[];
  /** 1, 5 and 15 minute load averages before and after the measurement. */
  loadAverage: { before: number[]; after: number[] };
  /** The processor uniprocessor experiments were pinned to. */
  upCpu: number;
}

export interface HostProfile {
  format: 'ipcsim-host-profile';
  version: 1;
  /** ISO date and time of the measurement. */
  date: string;
  tool: string;
  quick: boolean;
  host: HostFacts;
  method: string;
  primitives: Record<string, HostPrimitive>;
}

/** The primitives the machine builder needs (the others are recorded for the report). */
export const REQUIRED_PRIMITIVES = [
  'null_syscall',
  'tas_local',
  'enqdeq_pair',
  'empty_test',
  'poll_iteration',
  'msg_pair',
  'msgsnd',
  'msgrcv',
  'sem_pair',
  'futex_pair',
  'yield_1',
  'yield_2',
  'yield_4',
  'sem_pingpong_1cpu',
  'wake_preempt',
] as const;

/** Needed only for a machine of more than one processor. */
export const REQUIRED_MP_PRIMITIVES = ['line_transfer', 'enqdeq_pair_cross'] as const;

export class ProfileError extends Error {}

export function statOf(samples: number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { samples, min: s[0] ?? NaN, median: mid, max: s[s.length - 1] ?? NaN };
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Check a parsed JSON value is a host profile with what the builder needs; one clear message if not. */
export function parseHostProfile(x: unknown, what = 'host profile'): HostProfile {
  const fail = (m: string): never => {
    throw new ProfileError(`${what}: ${m}`);
  };
  if (x === null || typeof x !== 'object') fail('not a JSON object');
  const p = x as Partial<HostProfile>;
  if (p.format !== 'ipcsim-host-profile') fail(`format is '${String(p.format)}', expected 'ipcsim-host-profile' (written by npm run host:measure)`);
  if (p.version !== 1) fail(`version ${String(p.version)} is not supported (expected 1)`);
  const h = p.host;
  if (!h || typeof h !== 'object') fail('has no host facts');
  if (!isNum(h!.clockMHz) || h!.clockMHz <= 0) fail('host.clockMHz must be a positive number');
  if (!Number.isInteger(h!.processors) || h!.processors < 1) fail('host.processors must be a whole number >= 1');
  const prims = p.primitives ?? {};
  const need: readonly string[] = h!.processors > 1 ? [...REQUIRED_PRIMITIVES, ...REQUIRED_MP_PRIMITIVES] : REQUIRED_PRIMITIVES;
  for (const k of need) {
    const v = prims[k];
    if (!v || !isNum(v.median) || v.median < 0) fail(`primitive '${k}' is missing or not a number of ns`);
  }
  return p as HostProfile;
}
