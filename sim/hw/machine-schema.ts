// The declared schema of a machine description (machine.ts): for every parameter path its type,
// unit, allowed range and meaning, and the constraints between parameters that the hardware models
// need (a set-associative array must divide into whole sets, a clock must tick). `--set` what-ifs,
// the registry test and `simulate list parameters` read it, so a what-if that would break the model
// is refused with the parameter named instead of failing deep inside a run.

import { INSTRUCTION_CLASSES, ISAS } from './isa.js';
import type { MachineDesc } from './machine.js';

export interface ParamSpec {
  /** Dotted path; `*` stands for any one key (every instruction class, every cache level). */
  path: string;
  type: 'number' | 'integer' | 'boolean' | 'choice' | 'text';
  unit: string;
  min?: number;
  max?: number;
  /** The value must be a power of two (address arithmetic on lines and pages). */
  powerOfTwo?: boolean;
  choices?: string[];
  /** May be absent; a --set may add it when its parent exists. */
  optional?: boolean;
  description: string;
}

/** A value outside the schema: the path, the value, and what is allowed, for one message line. */
export interface Problem {
  path: string;
  value: unknown;
  allowed: string;
}

// Upper bounds keep a what-if inside what the models can simulate in memory and time; they are
// far above any machine of the papers' era. A cache level is an array of its lines per processor.
const CYCLES_MAX = 1_000_000;
export const MAX_CACHE_LINES = 131_072;
const LEVEL = (l: string, what: string): ParamSpec[] => [
  { path: `cache.${l}.sizeBytes`, type: 'integer', unit: 'bytes', min: 4, max: 16 * 1024 * 1024, powerOfTwo: true, description: `${what}: capacity` },
  { path: `cache.${l}.lineBytes`, type: 'integer', unit: 'bytes', min: 4, max: 4096, powerOfTwo: true, description: `${what}: line size` },
  { path: `cache.${l}.ways`, type: 'integer', unit: 'ways', min: 1, max: 1024, description: `${what}: associativity (1: direct mapped)` },
  { path: `cache.${l}.missCycles`, type: 'integer', unit: 'cycles', min: 0, max: CYCLES_MAX, description: `${what}: extra cycles of a miss filled from the next level` },
  { path: `cache.${l}.writeAllocate`, type: 'boolean', unit: '', description: `${what}: a write miss brings the line in (false: write-through without allocation)` },
  {
    path: `cache.${l}.replacement`,
    type: 'choice',
    unit: '',
    choices: ['lru', 'plru3'],
    optional: true,
    description: `${what}: the way a miss replaces; lru (the default when absent): the least recently used; plru3: the i486's pseudo-LRU, three bits per 4-way set`,
  },
  { path: `cache.${l}.writeBuffer`, type: 'integer', unit: 'entries', min: 1, max: 64, optional: true, description: `${what}: write buffer entries (write-through without allocation); a write stalls only when all are full. Absent: writes never stall` },
  { path: `cache.${l}.writeDrainCycles`, type: 'integer', unit: 'cycles', min: 1, max: CYCLES_MAX, optional: true, description: `${what}: cycles one buffered write takes to drain to memory (the bus write cycle, with its wait states)` },
];

export const MACHINE_SCHEMA: readonly ParamSpec[] = [
  { path: 'clockMHz', type: 'number', unit: 'MHz', min: 1, max: 10_000, description: 'processor clock; cycles convert to time at this rate' },
  { path: 'processors', type: 'integer', unit: 'processors', min: 1, max: 32, description: 'processors sharing memory' },
  { path: 'pageBytes', type: 'integer', unit: 'bytes', min: 256, max: 65_536, powerOfTwo: true, description: 'virtual memory page size (one TLB entry maps one page)' },
  { path: 'os', type: 'text', unit: '', max: 100, description: 'the operating system it runs, by name: the Unix kernels run on the model of that name (sim/os/unix-models), or on Linux 1.0 when there is none' },
  { path: 'isa', type: 'choice', unit: '', choices: [...ISAS], description: 'the instruction set: kernels counted in another are ported (sim/hw/porting.ts)' },
  // Every class of the shared vocabulary.
  ...Object.entries(INSTRUCTION_CLASSES).map(([c, what]): ParamSpec => ({ path: `costs.${c}`, type: 'integer', unit: 'cycles', min: 0, max: CYCLES_MAX, description: what })),
  { path: 'tlb.entries', type: 'integer', unit: 'entries', min: 1, max: 65_536, description: 'TLB entries' },
  { path: 'tlb.ways', type: 'integer', unit: 'ways', min: 1, max: 65_536, description: 'TLB associativity (ways = entries: fully associative)' },
  { path: 'tlb.tagged', type: 'boolean', unit: '', description: 'entries carry an address-space tag and survive a switch' },
  { path: 'tlb.globalKernel', type: 'boolean', unit: '', optional: true, description: 'kernel translations are common to every context: not duplicated per context, kept across the flush of an untagged TLB' },
  { path: 'tlb.sharedSegments', type: 'boolean', unit: '', optional: true, description: 'a region mapped into several spaces has one set of translations (entries tagged by segment, as the PowerPC\'s virtual segment IDs)' },
  { path: 'tlb.unmappedKernel', type: 'boolean', unit: '', optional: true, description: 'kernel addresses are translated without the TLB (the MIPS KSEG0 segment)' },
  { path: 'tlb.singleEntryInvalidate', type: 'boolean', unit: '', description: 'one TLB entry can be invalidated alone (the 486\'s INVLPG); otherwise the whole TLB is flushed' },
  { path: 'tlb.missCycles', type: 'integer', unit: 'cycles', min: 0, max: CYCLES_MAX, description: 'cycles of a TLB miss' },
  ...LEVEL('l1', 'unified first-level cache'),
  ...LEVEL('l1i', 'first-level instruction cache'),
  ...LEVEL('l1d', 'first-level data cache'),
  ...LEVEL('l2', 'second-level cache'),
  { path: 'copy.cyclesPerByte', type: 'number', unit: 'cycles/byte', min: 0, max: 1000, description: 'block copy rate when both ends hit the nearest cache' },
  { path: 'copy.storeCyclesPerByte', type: 'number', unit: 'cycles/byte', min: 0, max: 1000, optional: true, description: 'rate at which a copy\'s stores drain (write-through)' },
  { path: 'bus.tasCycles', type: 'integer', unit: 'cycles', min: 0, max: CYCLES_MAX, description: 'cycles of one locked test-and-set on the bus' },
  { path: 'bus.model', type: 'choice', unit: '', choices: ['none', 'snoopy', 'invalidate'], optional: true, description: 'none: the bus is not modelled; snoopy: write-update caches contend for it; invalidate: write-invalidate caches move shared lines cache to cache' },
  { path: 'bus.transferCycles', type: 'integer', unit: 'cycles', min: 0, max: CYCLES_MAX, optional: true, description: 'cycles to fetch a line another processor\'s cache holds (invalidate)' },
  { path: 'bus.invalidateCycles', type: 'integer', unit: 'cycles', min: 0, max: CYCLES_MAX, optional: true, description: 'cycles a write to a line other caches hold waits for its invalidation (invalidate)' },
  { path: 'bus.occupancyCycles', type: 'integer', unit: 'cycles', min: 0, max: CYCLES_MAX, optional: true, description: 'cycles one coherence transaction occupies the bus (invalidate)' },
  { path: 'bus.updateCycles', type: 'integer', unit: 'cycles', min: 0, max: CYCLES_MAX, optional: true, description: 'bus cycles of a write-update of one shared line (snoopy)' },
];

/** The schema entry for a concrete path (`costs.trap` matches `costs.*`), or undefined. */
export function specOf(path: string): ParamSpec | undefined {
  const keys = path.split('.');
  return MACHINE_SCHEMA.find((s) => {
    const pat = s.path.split('.');
    return pat.length === keys.length && pat.every((p, i) => p === '*' || p === keys[i]);
  });
}

/** What a value must be, as words: "a whole number from 1 to 65536 (entries)". */
export function allowedText(s: ParamSpec): string {
  if (s.type === 'boolean') return 'true or false';
  if (s.type === 'choice') return `one of ${s.choices!.join(', ')}`;
  if (s.type === 'text') return `a name of 1 to ${s.max ?? 100} characters`;
  const kind = s.powerOfTwo ? 'a power of two' : s.type === 'integer' ? 'a whole number' : 'a number';
  const unit = s.unit ? ` ${s.unit}` : '';
  if (s.min !== undefined && s.max !== undefined) return `${kind} from ${s.min} to ${s.max}${unit}`;
  if (s.min !== undefined) return `${kind} >= ${s.min}${unit}`;
  return `${kind}${unit}`;
}

const isPow2 = (x: number) => x > 0 && Number.isInteger(Math.log2(x));

/** Whether a value fits its entry (type and range); a problem's `allowed` text otherwise. */
export function checkValue(s: ParamSpec, v: unknown): string | null {
  const bad = allowedText(s);
  if (s.type === 'boolean') return typeof v === 'boolean' ? null : bad;
  if (s.type === 'choice') return typeof v === 'string' && s.choices!.includes(v) ? null : bad;
  if (s.type === 'text') return typeof v === 'string' && v.trim().length > 0 && v.length <= (s.max ?? 100) ? null : bad;
  if (typeof v !== 'number' || !Number.isFinite(v)) return bad;
  if (s.type === 'integer' && !Number.isInteger(v)) return bad;
  if (s.min !== undefined && v < s.min) return bad;
  if (s.max !== undefined && v > s.max) return bad;
  if (s.powerOfTwo && !isPow2(v)) return bad;
  return null;
}

/** Parse --set text as the entry's type. */
export function parseValue(s: ParamSpec, text: string): number | boolean | string | null {
  if (s.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : null;
  if (s.type === 'choice' || s.type === 'text') return text;
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
}

/** Every leaf of a machine as path -> value (the descriptive fields id, aliases, title, sources left out). */
export function leaves(m: MachineDesc): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (o: unknown, prefix: string) => {
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (prefix === '' && (k === 'sources' || k === 'id' || k === 'aliases' || k === 'title')) continue;
      const p = prefix ? `${prefix}.${k}` : k;
      if (v !== null && typeof v === 'object') walk(v, p);
      else out.set(p, v);
    }
  };
  walk(m, '');
  return out;
}

/** Constraints between parameters: the arrays the TLB and cache models build must divide into sets. */
function relations(m: MachineDesc): Problem[] {
  const out: Problem[] = [];
  const t = m.tlb;
  if (Number.isInteger(t.entries) && Number.isInteger(t.ways) && (t.ways > t.entries || t.entries % t.ways !== 0)) {
    out.push({ path: t.ways > t.entries ? 'tlb.ways' : 'tlb.entries', value: t.ways > t.entries ? t.ways : t.entries, allowed: `tlb.entries (${t.entries}) must be a multiple of tlb.ways (${t.ways}) and at least it` });
  }
  for (const [name, c] of Object.entries(m.cache)) {
    if (!c) continue;
    const lines = c.sizeBytes / c.lineBytes;
    if (lines > MAX_CACHE_LINES) {
      out.push({ path: `cache.${name}.sizeBytes`, value: c.sizeBytes, allowed: `at most ${MAX_CACHE_LINES} lines of cache.${name}.lineBytes (${c.lineBytes} bytes): raise lineBytes or lower sizeBytes` });
    } else if (c.lineBytes > c.sizeBytes) {
      out.push({ path: `cache.${name}.lineBytes`, value: c.lineBytes, allowed: `at most cache.${name}.sizeBytes (${c.sizeBytes} bytes)` });
    } else if (Number.isInteger(lines) && Number.isInteger(c.ways) && (c.ways > lines || lines % c.ways !== 0)) {
      out.push({ path: `cache.${name}.ways`, value: c.ways, allowed: `a divisor of the ${lines} lines of cache.${name} (sizeBytes / lineBytes)` });
    }
  }
  for (const [name, c] of Object.entries(m.cache)) {
    if (!c) continue;
    if (c.replacement === 'plru3' && c.ways !== 4) {
      out.push({ path: `cache.${name}.replacement`, value: c.replacement, allowed: `lru: plru3 needs cache.${name}.ways = 4 (it has ${c.ways})` });
    }
    if ((c.writeBuffer === undefined) !== (c.writeDrainCycles === undefined)) {
      const [path, value] = c.writeBuffer === undefined ? [`cache.${name}.writeDrainCycles`, c.writeDrainCycles] : [`cache.${name}.writeBuffer`, c.writeBuffer];
      out.push({ path, value, allowed: `cache.${name}.writeBuffer and cache.${name}.writeDrainCycles go together (give both with --set)` });
    } else if (c.writeBuffer !== undefined) {
      const nearest = name === 'l1d' || (name === 'l1' && !m.cache.l1d);
      if (!nearest || c.writeAllocate) {
        out.push({ path: `cache.${name}.writeBuffer`, value: c.writeBuffer, allowed: 'only on the nearest data cache, and only when it writes through without allocation (writeAllocate false)' });
      } else if ((m.bus.model ?? 'none') !== 'none' && m.processors > 1) {
        out.push({ path: `cache.${name}.writeBuffer`, value: c.writeBuffer, allowed: 'not with a modelled shared bus (bus.model none, or one processor)' });
      }
    }
  }
  if (m.bus.model === 'snoopy' && m.bus.updateCycles === undefined) {
    out.push({ path: 'bus.model', value: 'snoopy', allowed: 'a snoopy bus needs bus.updateCycles too (cycles of a write-update)' });
  }
  if (m.bus.model === 'invalidate' && (m.bus.transferCycles === undefined || m.bus.invalidateCycles === undefined || m.bus.occupancyCycles === undefined)) {
    out.push({
      path: 'bus.model',
      value: 'invalidate',
      allowed: 'a write-invalidate bus needs bus.transferCycles, bus.invalidateCycles and bus.occupancyCycles too (give them with --set)',
    });
  }
  if (!m.cache.l1 && !(m.cache.l1i && m.cache.l1d)) {
    out.push({ path: 'cache', value: Object.keys(m.cache).join(',') || '(none)', allowed: 'a unified cache.l1, or both cache.l1i and cache.l1d' });
  }
  return out;
}

/** Every value outside the schema, then every broken relation; empty when the machine is sound. */
export function validateMachine(m: MachineDesc): Problem[] {
  const out: Problem[] = [];
  const all = leaves(m);
  for (const [path, v] of all) {
    const s = specOf(path);
    if (!s) {
      out.push({ path, value: v, allowed: 'no such parameter in the machine schema' });
      continue;
    }
    const bad = checkValue(s, v);
    if (bad) out.push({ path, value: v, allowed: bad });
  }
  for (const s of MACHINE_SCHEMA) {
    if (s.optional || s.path.includes('*') || s.path.startsWith('cache.')) continue;
    if (!all.has(s.path)) out.push({ path: s.path, value: undefined, allowed: `required: ${allowedText(s)}` });
  }
  // Relations only between values that are themselves valid, so one bad value gives one message.
  return out.length > 0 ? out : relations(m);
}
