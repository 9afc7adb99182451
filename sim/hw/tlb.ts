// The TLB (design guide, Hardware): a set-associative array of translations with LRU replacement,
// keyed by (context, virtual page). Untagged, it cannot tell address spaces apart and is flushed
// when another context is loaded (the 486, l3 §5.1); tagged, each entry carries its space's
// address-space number and survives the switch (the what-if of l3 §7.3); with global kernel
// entries, kernel (system-space) pages are entered under one context that a switch leaves alone,
// as the VAX keeps its system-space translations, and that every context shares, as the PowerPC
// shares the kernel segment's translations (one virtual segment ID in every process). Tagged by
// segment (the PowerPC), a region shared into several spaces is translated as the region it was
// shared from, so its processes share its entries. With an unmapped kernel (the MIPS KSEG0)
// kernel pages never reach the TLB, except those placed in mapped kernel space.

import type { MachineDesc } from './machine.js';
import { SetAssoc } from './setassoc.js';
import type { Page, Space } from './space.js';

/** A key is context × CTX_SHIFT + page number: 2^21 pages of a context (8 GB of 4 KB pages) never collide with the next context's. */
const CTX_SHIFT = 2 ** 21;
/** The context number kernel pages are entered under when they are global (tlb.globalKernel). */
const GLOBAL_CTX = 1023;
const GLOBAL_KEYS = GLOBAL_CTX * CTX_SHIFT;

export class Tlb {
  readonly array: SetAssoc;
  // The description's switches, copied into this class's own fields: read on every translation, and
  // machines' descriptions differ in shape (optional fields), so reading them there is megamorphic in
  // a process that has run several machines.
  private readonly tagged: boolean;
  private readonly globalKernel: boolean;
  private readonly sharedSegments: boolean;
  private readonly unmappedKernel: boolean;

  constructor(d: MachineDesc['tlb']) {
    this.array = new SetAssoc(d.entries, d.ways);
    this.tagged = !!d.tagged;
    this.globalKernel = !!d.globalKernel;
    this.sharedSegments = !!d.sharedSegments;
    this.unmappedKernel = d.unmappedKernel === true;
  }

  get hits(): number {
    return this.array.hits;
  }

  get misses(): number {
    return this.array.misses;
  }

  /** The key of the k-th page from `page` as seen from the loaded context. */
  key(page: Page, k: number, context: Space | null): number {
    if (page.space === null && this.globalKernel) return GLOBAL_KEYS + page.vpn + k;
    // A shared region's one segment: the space it was first mapped in stands for its segment ID.
    if (this.sharedSegments && page.origin) return (this.tagged ? (page.origin.space?.asid ?? 0) : 0) * CTX_SHIFT + page.origin.vpn + k;
    return (this.tagged ? (context?.asid ?? 0) : 0) * CTX_SHIFT + page.vpn + k;
  }

  /** Whether references to the page go through the TLB at all (not a kernel page of an unmapped kernel segment). */
  maps(page: Page): boolean {
    return page.space !== null || page.mapped === true || !this.unmappedKernel;
  }

  /** Whether the TLB holds the translation (filling it if not); an unmapped page needs none. */
  translate(page: Page, k: number, context: Space | null): boolean {
    return !this.maps(page) || this.array.access(this.key(page, k, context));
  }

  /** Another context was loaded: an untagged TLB drops what it cannot tell apart (all but global entries). */
  contextSwitched(): void {
    if (this.tagged) return;
    if (this.globalKernel) this.array.invalidate((key) => key < GLOBAL_KEYS);
    else this.array.flush();
  }

  /** Empty it (a CR3 reload without a context change, an explicit flush). */
  flush(): void {
    this.array.flush();
  }
}
