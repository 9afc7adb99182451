// Every registered claim of the URPC paper (Bershad et al., TOCS 1991) and of the lecture notes on
// it, plus SRC RPC's null-call figures that the L3 paper quotes for the two Fireflies.
import type { Claim } from '../claims.js';
import { callClaims } from './claims-calls.js';
import { reallocClaims, srcRpcClaims } from './claims-realloc.js';
import { threadClaims } from './claims-threads.js';

export const urpcClaims: Claim[] = [...threadClaims, ...callClaims, ...reallocClaims, ...srcRpcClaims];
