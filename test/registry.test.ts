import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMachine, machines } from '../machines/index.js';
import { applyMachineSets, OverrideError } from '../machines/override.js';
import { kernels } from '../kernels/index.js';
import { leafPaths } from '../sim/hw/machine.js';
import { allClaims, findPaper, paperIds, papers, refPrefixes } from '../workloads/registry.js';
import { findWorkload } from '../workloads/index.js';

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

describe('papers', () => {
  it('registers a paper from every paper folder under workloads/', () => {
    // Every folder but the shared code and this machine's experiments (reproduce host, which compare
    // a measured profile rather than a paper's numbers) is a paper's: its index.ts registers a paper
    // of the folder's name.
    const NOT_PAPERS = ['common', 'host'];
    const dirs = readdirSync(join(root, 'workloads')).filter((f) => statSync(join(root, 'workloads', f)).isDirectory() && !NOT_PAPERS.includes(f));
    const unregistered = dirs.filter((d) => !paperIds().includes(d));
    expect(unregistered, 'add the folder\'s line to workloads/registry.ts').toEqual([]);
    for (const d of dirs) expect(statSync(join(root, 'workloads', d, 'index.ts')).isFile(), `workloads/${d}/index.ts`).toBe(true);
    expect(paperIds().filter((id) => !dirs.includes(id))).toEqual([]);
  });

  it('name a title, a citation, and workloads that exist', () => {
    for (const p of papers()) {
      expect(p.title.length, p.id).toBeGreaterThan(10);
      expect(p.citation.length, p.id).toBeGreaterThan(p.title.length / 2);
      for (const w of p.workloads ?? []) expect(findWorkload(w), `${p.id}: workload ${w}`).toBeDefined();
    }
  });

  it('are what every kernel names as its paper', () => {
    for (const k of kernels) expect(findPaper(k.paper), `kernel ${k.id}: paper '${k.paper}'`).toBeDefined();
  });
});

describe('claims registry', () => {
  it('has unique ids, catalogue refs, roles and sources', () => {
    const all = allClaims();
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ref = new RegExp(`^(${refPrefixes().join('|')})\\.[\\w.]+$`);
    for (const c of all) {
      expect(c.ref).toMatch(ref);
      expect(['calibrated', 'predicted', 'conformance']).toContain(c.role);
      expect(c.source.length).toBeGreaterThan(3);
      expect(c.tolerancePct).toBeGreaterThanOrEqual(0);
    }
  });
});
