// Every registered claim of Unrau and Krieger, "Efficient Sleep/Wake-up Protocols for User-Level
// IPC" (1997): all of the paper's numbers and stated shapes except its context remarks.
import { revise, type Claim } from '../claims.js';
import { GAP_VALUES } from './gap-values.js';
import { REVIEW } from './review.js';
import { mpClaims } from './claims-mp.js';
import { uniClaims } from './claims-uni.js';

export const sleepwakeClaims: Claim[] = revise(revise([...uniClaims, ...mpClaims], REVIEW), GAP_VALUES);
