// The i486 on-chip cache's pseudo-LRU replacement: three bits per set of four lines (L0-L3).
//
// Sources (Intel's rules as its manuals state them):
// - Intel, Embedded Intel486 Processor Hardware Reference Manual §3.3.3 (p. 3-12): replacement is
//   "pseudo-LRU"; the mechanism keeps three bits for each set.
// - The bits' meaning, from Intel's i486 Microprocessor Hardware Reference Manual (240552-001) and
//   Programmer's Reference Manual (240486-001) description of test register TR4, as summarised by
//   N. Juffa (comp.sys.intel, 15 Jan 1993): B0 (TR4 bit 7) is clear when the least recently used
//   line is L0 or L1 and set when it is L2 or L3; B1 (bit 8) says which of L0 (0) and L1 (1) is
//   the less recently used, B2 (bit 9) which of L2 (0) and L3 (1).
// - The victim, Intel's replacement flowchart as reproduced in Stallings, Computer Organization and
//   Architecture, Fig. 4.20 "Intel 80486 On-Chip Cache Replacement Strategy":
//   if not all four lines of the set are valid, a non-valid line is replaced; otherwise B0 = 0
//   replaces in the pair L0/L1 (B1 = 0: L0, else L1) and B0 = 1 in the pair L2/L3 (B2 = 0: L2,
//   else L3).
// Each access to a line (a hit, or the fill of a miss) makes it the most recently used, so the
// bits point away from it: L0 sets B0 and B1, L1 sets B0 and clears B1, L2 clears B0 and sets B2,
// L3 clears B0 and B2. Which non-valid line is filled first the flowchart leaves open; the model
// takes the lowest-numbered one (L0 first).

/** Bit masks of one set's replacement bits. */
const B0 = 1;
const B1 = 2;
const B2 = 4;

/** The set's bits after an access to way 0-3 (a hit or a fill). */
export function plruTouch(bits: number, way: number): number {
  switch (way) {
    case 0:
      return bits | B0 | B1;
    case 1:
      return (bits | B0) & ~B1;
    case 2:
      return (bits & ~B0) | B2;
    default:
      return bits & ~(B0 | B2);
  }
}

/** The way the bits choose when all four lines are valid. */
export function plruChoice(bits: number): number {
  if ((bits & B0) === 0) return (bits & B1) === 0 ? 0 : 1;
  return (bits & B2) === 0 ? 2 : 3;
}

/**
 * The way a miss fills in the set whose four slots start at base of keys (-1: not valid): the
 * first non-valid line, else the one the bits choose.
 */
export function plruVictim(keys: Float64Array, base: number, bits: number): number {
  for (let w = 0; w < 4; w++) if (keys[base + w] === -1) return w;
  return plruChoice(bits);
}
