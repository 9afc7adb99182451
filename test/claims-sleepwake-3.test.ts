// The sleepwake paper's registered claims, part 3 of 3, at test scale (test/support/claims.ts says what is checked).

import { claimsOf } from './support/claims.js';

claimsOf('sleepwake', 3);
