// Every registered claim of the URPC paper (Bershad et al., TOCS 1991) and of the lecture notes on
// it (refs "notes.*", registered as the notes' claims).
import { revise, type Claim } from '../claims.js';
import { GAP_VALUES } from './gap-values.js';
import { REVIEW } from './review.js';
import { callClaims } from './claims-calls.js';
import { reallocClaims } from './claims-realloc.js';
import { threadClaims } from './claims-threads.js';

export const urpcClaims: Claim[] = revise(revise([...threadClaims, ...callClaims, ...reallocClaims], REVIEW), GAP_VALUES);
