// The sleep/wake-up paper as one module: Unrau and Krieger, "Efficient Sleep/Wake-up Protocols
// for User-Level IPC" (1997).
import { registerPaper } from '../paper.js';
import { sleepwakeClaims } from './claims.js';
import { reproduction } from './reproduce.js';

export const sleepwake = registerPaper({
  id: 'sleepwake',
  title: 'Efficient Sleep/Wake-up Protocols for User-Level IPC (Unrau and Krieger, 1997)',
  citation: 'Ronald C. Unrau and Orran Krieger. Efficient Sleep/Wake-up Protocols for User-Level IPC. University of Alberta and IBM T.J. Watson Research Centre, December 1997.',
  refPrefix: 'sw',
  claims: sleepwakeClaims,
  reproduction,
});
