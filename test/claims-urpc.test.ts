// Every registered claim of the urpc paper and its lecture notes, at test scale (test/support/claims.ts says what is checked).

import { claimsOf } from './support/claims.js';

claimsOf('urpc');
