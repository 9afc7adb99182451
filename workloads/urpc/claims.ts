// Every registered claim of the URPC paper (Bershad et al., TOCS 1991) and of the lecture notes on
// it (refs "notes.*", registered as the notes' claims).
import type { Claim } from '../claims.js';
import { callClaims } from './claims-calls.js';
import { reallocClaims } from './claims-realloc.js';
import { threadClaims } from './claims-threads.js';

export const urpcClaims: Claim[] = [...threadClaims, ...callClaims, ...reallocClaims];
