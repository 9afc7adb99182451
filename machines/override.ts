// `--set path=value`: derive a variant of a machine (a tagged TLB, a cheaper trap) with immer.
// Paths and values are checked against the declared machine schema (sim/hw/machine-schema.ts):
// an unknown path is rejected with the nearest valid one, a value outside its range with the
// range, and a variant that breaks the hardware model (a TLB that cannot form its sets) with the
// --set at fault named.

import { closest } from 'fastest-levenshtein';
import { produce } from 'immer';
import type { MachineDesc } from '../sim/hw/machine.js';
import { allowedText, checkValue, leaves, parseValue, specOf, validateMachine } from '../sim/hw/machine-schema.js';
import { ISAS } from '../sim/hw/isa.js';

export class OverrideError extends Error {}

export interface Assignment {
  path: string;
  value: string;
}

export function parseAssignment(s: string): Assignment {
  const i = s.indexOf('=');
  if (i <= 0) throw new OverrideError(`--set takes path=value (e.g. tlb.tagged=true), got '${s}'`);
  return { path: s.slice(0, i).trim(), value: s.slice(i + 1).trim() };
}

/** Parse text as the type of an existing value (kernel options). */
export function coerce(path: string, text: string, current: unknown): number | boolean | string {
  if (typeof current === 'number') {
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) throw new OverrideError(`--set ${path}=${text}: not a number`);
    return n;
  }
  if (typeof current === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new OverrideError(`--set ${path}=${text}: allowed: true or false`);
    return text === 'true';
  }
  return text;
}

/** The paths a --set may name on this machine: its own leaves, and optional ones whose parent it has. */
export function settablePaths(m: MachineDesc): string[] {
  const have = [...leaves(m).keys()];
  const optional = ['tlb.globalKernel', 'tlb.sharedSegments', 'tlb.unmappedKernel', 'copy.storeCyclesPerByte', 'bus.model', 'bus.updateCycles'];
  // Each cache level the machine has may take a replacement policy and a write buffer.
  const levels = Object.keys(m.cache).flatMap((l) => ['replacement', 'writeBuffer', 'writeDrainCycles'].map((k) => `cache.${l}.${k}`));
  return [...new Set([...have, ...optional, ...levels])];
}

/** Apply machine assignments; the sources of overridden values say so. */
export function applyMachineSets(m: MachineDesc, sets: Assignment[]): MachineDesc {
  if (sets.length === 0) return m;
  const valid = settablePaths(m);
  const given = new Map<string, string>();
  for (const { path, value } of sets) {
    if (given.has(path)) throw new OverrideError(`--set ${path} given twice (${given.get(path)} and ${value}); give it once`);
    given.set(path, value);
    const spec = specOf(path);
    if (!valid.includes(path) || !spec) {
      const level = /^cache\.(l1|l1i|l1d|l2)\./.exec(path);
      if (spec && level) throw new OverrideError(`--set ${path}: ${m.id} has no cache.${level[1]}; its caches: ${Object.keys(m.cache).join(', ')}`);
      throw new OverrideError(`--set ${path}: ${m.id} has no parameter '${path}'; did you mean '${closest(path, valid)}'? (see: simulate list parameters)`);
    }
    const v = parseValue(spec, value);
    const bad = v === null ? allowedText(spec) : checkValue(spec, v);
    if (bad) throw new OverrideError(`--set ${path}=${value}: allowed: ${bad}`);
    // Kernels lay out their data in the machine's pages (a stack at the top of one): a what-if may
    // make pages larger, not smaller.
    if (path === 'pageBytes' && typeof v === 'number' && v < m.pageBytes) {
      throw new OverrideError(`--set pageBytes=${value}: allowed: a power of two from ${m.pageBytes} (${m.id}'s own pages, which kernels lay out their data in) to ${spec.max}`);
    }
  }
  const out = produce(m, (draft) => {
    for (const { path, value } of sets) {
      const keys = path.split('.');
      let node = draft as unknown as Record<string, unknown>;
      for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
      node[keys[keys.length - 1]] = parseValue(specOf(path)!, value)!;
      if (path === 'isa' && !(ISAS as readonly string[]).includes(value)) {
        throw new OverrideError(`--set isa: '${value}' is not one of ${ISAS.join(', ')}`);
      }
      draft.sources[path] = `--set ${path}=${value} (what-if; was: ${m.sources[path] ?? 'no source'})`;
    }
  });
  // Relations between parameters (entries and ways): name the --set that broke one.
  for (const p of validateMachine(out)) {
    const culprit = given.has(p.path) ? p.path : ([...given.keys()].find((k) => p.allowed.includes(k) || k.startsWith(p.path)) ?? p.path);
    throw new OverrideError(`--set ${culprit}=${given.get(culprit) ?? String(p.value)}: ${p.path === culprit ? '' : `${p.path} = ${String(p.value)}: `}allowed: ${p.allowed}`);
  }
  return out;
}
