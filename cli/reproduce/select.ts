// Which tables, figures and claims belong to each paper `simulate reproduce` names: the registered
// papers' own (a paper's claims include its companions', such as URPC's lecture notes).

import { findPaper } from '../../workloads/registry.js';
import type { ToRun } from './collect.js';

export function papersToRun(ids: readonly string[]): ToRun[] {
  return ids.map((id) => {
    const p = findPaper(id);
    if (!p) throw new Error(`no paper '${id}' is registered`);
    return { paper: p.id, title: p.title, reproduction: p.reproduction, claims: p.claims };
  });
}
