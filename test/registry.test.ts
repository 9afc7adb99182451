import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMachine, machines } from '../machines/index.js';
import { applyMachineSets, OverrideError } from '../machines/override.js';
import { kernels } from '../kernels/index.js';
import { leafPaths } from '../sim/hw/machine.js';
import { allClaims } from '../workloads/registry.js';

const root = join(import.meta.dirname, '..');

describe('machines', () => {
  it('registers every machine file', () => {
    const files = readdirSync(join(root, 'machines')).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'override.ts');
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(machines.map((m) => m.id).sort());
  });

  it.each(machines.map((m) => [m.id, m] as const))('%s cites a source for every value', (_id, m) => {
    const missing = leafPaths(m).filter((p) => !(m.sources[p] ?? '').trim());
    expect(missing).toEqual([]);
    const stale = Object.keys(m.sources).filter((p) => !leafPaths(m).includes(p));
    expect(stale).toEqual([]);
  });

  it('has the ids and aliases of the command-line contract', () => {
    for (const id of ['firefly-cvax', 'firefly', 'firefly-microvax2', 'i486-dx50', 'i486-dx33', 'i386-20', 'sgi-indy-r4000', 'sgi-indy', 'ibm-p4-ppc604', 'ibm-p4', 'sgi-challenge-8', 'sgi-challenge', 'linux-i486-66', 'hp9000-730']) {
      expect(findMachine(id), id).toBeDefined();
    }
  });

  it('--set changes a copy and records the what-if as the source', () => {
    const m = findMachine('i486-dx50')!;
    const t = applyMachineSets(m, [{ path: 'tlb.tagged', value: 'true' }]);
    expect(t.tlb.tagged).toBe(true);
    expect(m.tlb.tagged).toBe(false);
    expect(t.sources['tlb.tagged']).toMatch(/^--set tlb.tagged=true/);
  });

  it('--set on an unknown path fails with the nearest valid name', () => {
    const m = findMachine('i486-dx50')!;
    expect(() => applyMachineSets(m, [{ path: 'tlb.missCycle', value: '3' }])).toThrow(OverrideError);
    expect(() => applyMachineSets(m, [{ path: 'tlb.missCycle', value: '3' }])).toThrow(/did you mean 'tlb.missCycles'/);
    expect(() => applyMachineSets(m, [{ path: 'tlb.missCycles', value: 'many' }])).toThrow(/--set tlb.missCycles=many: allowed: a whole number/);
  });
});

describe('kernels', () => {
  it('registers a kernel from every kernel folder', () => {
    const dirs = readdirSync(join(root, 'kernels')).filter((f) => statSync(join(root, 'kernels', f)).isDirectory());
    // A folder is named as its paper names the system; it registers that id or ids starting with it (inks-msg, inks-trap).
    const unregistered = dirs.filter((d) => !kernels.some((k) => k.id === d || k.id.startsWith(`${d}-`)));
    expect(unregistered).toEqual([]);
  });

  it('describe themselves and their options', () => {
    for (const k of kernels) {
      expect(k.describe.length).toBeGreaterThan(10);
      for (const o of k.options) expect(o.description.length).toBeGreaterThan(5);
    }
  });
});

describe('claims registry', () => {
  it('has unique ids, catalogue refs, roles and sources', () => {
    const ids = allClaims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of allClaims) {
      expect(c.ref).toMatch(/^(urpc|notes|l3|inks|sleepwake|sw)\.[\w.]+$/);
      expect(['calibrated', 'predicted']).toContain(c.role);
      expect(c.source.length).toBeGreaterThan(3);
      expect(c.tolerancePct).toBeGreaterThanOrEqual(0);
    }
  });
});
