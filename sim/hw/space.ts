// MMU contexts and named pages. Kernels name the pages a code path touches ("kernel code", "tcb B",
// "receive buffer"); the hardware gives each a virtual page number in its context and a physical
// frame, so TLBs decide misses by context and page and caches by physical line.

export interface Page {
  readonly name: string;
  /** Virtual page number. */
  readonly vpn: number;
  /** Physical frame number of the first page. */
  readonly pfn: number;
  /** Length in pages (virtually and physically contiguous). */
  readonly pages: number;
  /** The context that maps it, or null for kernel pages mapped in every context. */
  readonly space: Space | null;
  /** For a region shared into this space (Space.share): the region as first mapped, which a segment-tagged TLB translates it as. */
  readonly origin?: Page;
  /** A kernel page in mapped kernel space (IRIX's kernel stacks in kseg2): translated by the TLB even where other kernel addresses are not. */
  readonly mapped?: boolean;
}

/** Hands out physical frames in order, so layouts are deterministic. */
export class PhysicalMemory {
  private next = 1;
  /** n contiguous frames; returns the first. */
  frames(n = 1): number {
    const f = this.next;
    this.next += n;
    return f;
  }
}

/** One address space as the MMU sees it: a context id and its named pages. */
export class Space {
  private pages = new Map<string, Page>();
  private nextVpn: number;

  constructor(
    readonly asid: number,
    readonly name: string,
    private readonly phys: PhysicalMemory,
    /** Kernel pages live high; user pages start low. */
    firstVpn: number,
    private readonly isKernel = false,
  ) {
    this.nextVpn = firstVpn;
  }

  /**
   * The named region, created on first use: `pages` new virtual pages backed by as many new
   * physical frames (in the kernel's space, `mapped` puts it in mapped kernel space). Asking again
   * by name returns the same region.
   */
  page(name: string, pages = 1, mapped = false): Page {
    let p = this.pages.get(name);
    if (!p) {
      // Every page has every field, in one order (one shape: see makeStep in work.ts).
      p = { name, vpn: this.nextVpn, pfn: this.phys.frames(pages), pages, space: this.isKernel ? null : this, origin: undefined, mapped: mapped && this.isKernel };
      this.nextVpn += pages;
      this.pages.set(name, p);
    }
    return p;
  }

  /** Map an existing region (a shared-memory channel) into this space under a name. */
  share(name: string, from: Page): Page {
    const p: Page = { name, vpn: this.nextVpn, pfn: from.pfn, pages: from.pages, space: this, origin: from.origin ?? from, mapped: false };
    this.nextVpn += from.pages;
    this.pages.set(name, p);
    return p;
  }
}
