// The URPC paper as one module: Bershad et al., "User-Level Interprocess Communication for Shared
// Memory Multiprocessors" (TOCS 1991), with the lecture notes on it, whose claims ride with it.
import { registerPaper } from '../paper.js';
import { urpcClaims } from './claims.js';
import { reproduction } from './reproduce.js';
import { urpcWorkloads } from './workloads.js';

export const urpc = registerPaper({
  id: 'urpc',
  title: 'User-Level Interprocess Communication for Shared Memory Multiprocessors (Bershad et al., TOCS 1991)',
  citation:
    'Brian N. Bershad, Thomas E. Anderson, Edward D. Lazowska and Henry M. Levy. User-Level Interprocess Communication for Shared Memory Multiprocessors. ACM Transactions on Computer Systems 9(2), May 1991.',
  companions: [{ id: 'notes', title: 'Lecture notes: User-Level IPC for SMPs (a reading of the URPC paper)' }],
  claims: urpcClaims,
  reproduction,
  workloads: urpcWorkloads.map((w) => w.id),
});
