// Which reproductions and claims belong to each paper `simulate reproduce` names.

import { reproductions } from '../../workloads/reproductions.js';
import { allClaims } from '../../workloads/registry.js';
import type { Claim } from '../../workloads/claims.js';
import type { PaperReproduction } from '../../workloads/reproduction.js';
import { groupOf, type Group } from './collect.js';

export interface ToRun {
  group: Group;
  repros: PaperReproduction[];
  claims: Claim[];
}

export function papersToRun(groups: readonly Group[]): ToRun[] {
  return groups.map((g) => ({
    group: g,
    repros: reproductions.filter((r) => groupOf(r.paper) === g),
    claims: allClaims.filter((c) => groupOf(c.paper) === g),
  }));
}
