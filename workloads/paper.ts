// A paper as one module. Each paper folder's index.ts (workloads/<paper>/index.ts) exports one
// PaperDef — its id, title, citation, claims, reproduction and the workloads it adds — and
// registers it with `registerPaper`; workloads/registry.ts imports every paper folder, one line
// each. The paper list, the command line's choices (`claims --paper`, `reproduce <paper>`), the
// reproduce groups and titles and the tests' patterns all read the registered papers.

import type { Claim, RegisteredClaim } from './claims.js';
import type { Reproduction } from './reproduction.js';

/** Another document whose claims ride with a paper (URPC's lecture notes ride with URPC). */
export interface Companion {
  /** The `paper` of its claims, and the catalogue prefix of their refs ("notes.x"). */
  id: string;
  title: string;
}

export interface PaperDef {
  /** The folder name; what `claims --paper` and `reproduce` take; results/<id>/. */
  id: string;
  /** The report's heading for the paper. */
  title: string;
  /** The full reference. */
  citation: string;
  /** Prefix of its claims' refs in the claims catalogue (default: the id). */
  refPrefix?: string;
  companions?: Companion[];
  /** Every claim, built with `claim()` from ./claims.ts. */
  claims: Claim[];
  /** Its tables and figures, re-run at a scale (none: only its claims are reported). */
  reproduction?: Reproduction;
  /** Ids of the workloads (experiment shapes) its folder adds to workloads/index.ts. */
  workloads?: readonly string[];
}

/** A registered paper: its claims carry their paper, and the experiments they name are listed. */
export interface Paper extends Omit<PaperDef, 'claims'> {
  refPrefix: string;
  companions: Companion[];
  claims: RegisteredClaim[];
  reproduction: Reproduction;
  /** The experiment ids its claims name (claims naming one id read the same runs). */
  experiments: string[];
}

const registered: Paper[] = [];

/** The registered papers, in registration order (the report's order). */
export function registeredPapers(): readonly Paper[] {
  return registered;
}

/** Register a paper: its claims get their paper (a companion's id when the ref names it). */
export function registerPaper(def: PaperDef): Paper {
  if (!/^[a-z][a-z0-9-]*$/.test(def.id)) throw new Error(`paper id '${def.id}' must be a lower-case folder name`);
  const companions = def.companions ?? [];
  const names = [def.id, ...companions.map((c) => c.id)];
  for (const p of registered) {
    const clash = [p.id, ...p.companions.map((c) => c.id)].find((n) => names.includes(n));
    if (clash) throw new Error(`paper '${def.id}': '${clash}' is already registered`);
  }
  const refPrefix = def.refPrefix ?? def.id;
  const claims: RegisteredClaim[] = def.claims.map((c) => {
    const prefix = c.ref.split('.')[0];
    return { ...c, paper: companions.find((x) => x.id === prefix)?.id ?? def.id };
  });
  const ids = new Set<string>();
  for (const c of claims) {
    if (ids.has(c.id)) throw new Error(`paper '${def.id}': claim id '${c.id}' is registered twice`);
    ids.add(c.id);
  }
  const paper: Paper = {
    ...def,
    refPrefix,
    companions,
    claims,
    reproduction: def.reproduction ?? { tables: [], figures: [] },
    experiments: [...new Set(claims.map((c) => c.experiment))],
  };
  registered.push(paper);
  return paper;
}

/** Take a registered paper out again (a test's stub paper, so the registry is as the folders make it). */
export function unregisterPaper(id: string): void {
  const i = registered.findIndex((p) => p.id === id);
  if (i >= 0) registered.splice(i, 1);
}
