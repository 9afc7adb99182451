// The in-kernel servers paper as one module: Lepreau et al., "In-Kernel Servers on Mach 3.0:
// Implementation and Performance" (1993).
import { registerPaper } from '../paper.js';
import { inksClaims } from './claims.js';
import { reproduction } from './reproduce.js';
import { inksWorkloads } from './workloads.js';

export const inks = registerPaper({
  id: 'inks',
  title: 'In-Kernel Servers on Mach 3.0: Implementation and Performance (Lepreau et al., 1993)',
  citation:
    'Jay Lepreau, Mike Hibler, Bryan Ford and Jeffrey Law. In-Kernel Servers on Mach 3.0: Implementation and Performance. Third USENIX Mach Symposium, April 1993.',
  claims: inksClaims,
  reproduction,
  workloads: inksWorkloads.map((w) => w.id),
});
