// Every registered claim of the l3 paper, at test scale (test/support/claims.ts says what is checked).

import { claimsOf } from './support/claims.js';

claimsOf('l3');
