// Every registered claim of the in-kernel servers paper (Lepreau et al. 1993).
import { revise, type Claim } from '../claims.js';
import { GAP_VALUES } from './gap-values.js';
import { REVIEW } from './review.js';
import { macroClaims } from './claims-macro.js';
import { rpcClaims } from './claims-rpc.js';
import { stageClaims } from './claims-stages.js';
import { textClaims } from './claims-text.js';
import { unixClaims } from './claims-unix.js';

export const inksClaims: Claim[] = revise(revise([...stageClaims, ...rpcClaims, ...textClaims, ...unixClaims, ...macroClaims], REVIEW), GAP_VALUES);
