// Every registered claim of the L3 paper.
import { revise, type Claim } from '../claims.js';
import { GAP_VALUES } from './gap-values.js';
import { REVIEW } from './review.js';
import { appendixClaims } from './appendix-claims.js';
import { pingPongClaims } from './pingpong-claims.js';
import { table1Claims } from './table1-claims.js';
import { designClaims } from './design-claims.js';
import { systemClaims } from './system-claims.js';
import { machClaims, machSyscallClaims } from './mach-claims.js';
import { fireflyClaims, srcRpcClaims } from './firefly-claims.js';

export const l3Claims: Claim[] = revise(revise([...appendixClaims, ...pingPongClaims, ...table1Claims, ...designClaims, ...systemClaims, ...machClaims, ...machSyscallClaims, ...fireflyClaims, ...srcRpcClaims], REVIEW), GAP_VALUES);
