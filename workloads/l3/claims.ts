// Every registered claim of the L3 paper.
import type { Claim } from '../claims.js';
import { appendixClaims } from './appendix-claims.js';

export const l3Claims: Claim[] = [...appendixClaims];
