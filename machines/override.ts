// `--set path=value`: derive a variant of a machine (a tagged TLB, a cheaper trap) with immer.
// Only existing leaves can be set, with a value of the same type; an unknown path is rejected
// with the nearest valid one.

import { closest } from 'fastest-levenshtein';
import { produce } from 'immer';
import { leafPaths, type MachineDesc } from '../sim/hw/machine.js';
import { ISAS } from '../sim/hw/isa.js';

export class OverrideError extends Error {}

export interface Assignment {
  path: string;
  value: string;
}

export function parseAssignment(s: string): Assignment {
  const i = s.indexOf('=');
  if (i <= 0) throw new OverrideError(`--set takes path=value, got '${s}'`);
  return { path: s.slice(0, i).trim(), value: s.slice(i + 1).trim() };
}

/** Parse text as the type of an existing value. */
export function coerce(path: string, text: string, current: unknown): number | boolean | string {
  if (typeof current === 'number') {
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) throw new OverrideError(`--set ${path}: '${text}' is not a number`);
    return n;
  }
  if (typeof current === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new OverrideError(`--set ${path}: '${text}' is not true or false`);
    return text === 'true';
  }
  return text;
}

/** Apply machine assignments; the sources of overridden values say so. */
export function applyMachineSets(m: MachineDesc, sets: Assignment[]): MachineDesc {
  if (sets.length === 0) return m;
  const valid = leafPaths(m);
  return produce(m, (draft) => {
    for (const { path, value } of sets) {
      if (!valid.includes(path)) {
        throw new OverrideError(`--set: ${m.id} has no parameter '${path}'; did you mean '${closest(path, valid)}'?`);
      }
      const keys = path.split('.');
      let node = draft as unknown as Record<string, unknown>;
      for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
      const last = keys[keys.length - 1];
      node[last] = coerce(path, value, node[last]);
      if (path === 'isa' && !(ISAS as readonly string[]).includes(value)) {
        throw new OverrideError(`--set isa: '${value}' is not one of ${ISAS.join(', ')}`);
      }
      draft.sources[path] = `--set ${path}=${value} (what-if; was: ${m.sources[path] ?? 'no source'})`;
    }
  });
}
