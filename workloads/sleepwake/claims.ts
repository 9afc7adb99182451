// Every registered claim of Unrau and Krieger, "Efficient Sleep/Wake-up Protocols for User-Level
// IPC" (1997): all of the paper's numbers and stated shapes except its context remarks.
import type { Claim } from '../claims.js';
import { mpClaims } from './claims-mp.js';
import { uniClaims } from './claims-uni.js';

export const sleepwakeClaims: Claim[] = [...uniClaims, ...mpClaims];
