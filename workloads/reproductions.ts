// Every paper's reproduction (its tables and figures): one import line and one array entry per
// paper folder's reproduce.ts. `simulate reproduce` runs them; papers without one still get their
// claims reported.
import type { PaperReproduction } from './reproduction.js';
import { reproduction as l3 } from './l3/reproduce.js';
import { reproduction as urpc } from './urpc/reproduce.js';
import { reproduction as sleepwake } from './sleepwake/reproduce.js';
import { reproduction as inks } from './inks/reproduce.js';

export const reproductions: PaperReproduction[] = [l3, urpc, sleepwake, inks];
