// The L3 paper as one module: Liedtke, "Improving IPC by Kernel Design" (SOSP 1993).
import { registerPaper } from '../paper.js';
import { l3Claims } from './claims.js';
import { reproduction } from './reproduce.js';

export const l3 = registerPaper({
  id: 'l3',
  title: 'Improving IPC by Kernel Design (Liedtke, SOSP 1993)',
  citation: 'Jochen Liedtke. Improving IPC by Kernel Design. 14th ACM Symposium on Operating Systems Principles (SOSP), December 1993.',
  claims: l3Claims,
  reproduction,
  // §5.6's system call, a closed loop of mach_thread_self (registered in workloads/index.ts).
  workloads: ['mach-thread-self'],
});
