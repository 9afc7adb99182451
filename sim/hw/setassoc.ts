// A set-associative array with LRU replacement, keyed by integers. TLBs (key: context and page)
// and caches (key: physical line) are both this structure; only what a key means differs.

export class SetAssoc {
  readonly sets: number;
  /** Stored keys by slot (set × ways + way); -1 when empty. Read-only outside this class. */
  readonly keys: Float64Array;
  private stamps: Float64Array;
  private clock = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly entries: number,
    readonly ways: number,
  ) {
    if (!(entries > 0 && ways > 0 && entries % ways === 0)) {
      throw new Error(`set-associative array: ${entries} entries cannot form ${ways}-way sets`);
    }
    this.sets = entries / ways;
    this.keys = new Float64Array(entries).fill(-1);
    this.stamps = new Float64Array(entries);
  }

  /** Look key up; on a miss, fill it over the least recently used way. Returns true on a hit. */
  access(key: number): boolean {
    if (this.ways === 1) {
      // Direct mapped (the Firefly's and most external caches): no replacement choice to make.
      const i = key % this.sets;
      if (this.keys[i] === key) {
        this.hits++;
        return true;
      }
      this.keys[i] = key;
      this.stamps[i] = ++this.clock;
      this.misses++;
      return false;
    }
    const base = (key % this.sets) * this.ways;
    let victim = base;
    let oldest = Infinity;
    const stamp = ++this.clock;
    for (let i = base; i < base + this.ways; i++) {
      if (this.keys[i] === key) {
        this.stamps[i] = stamp;
        this.hits++;
        return true;
      }
      if (this.stamps[i] < oldest) {
        oldest = this.stamps[i];
        victim = i;
      }
    }
    this.keys[victim] = key;
    this.stamps[victim] = stamp;
    this.misses++;
    return false;
  }

  /**
   * As access, trying slot `hint` first (where the caller found this key last time): returns the
   * key's slot on a hit, or ~slot (negative) of the slot filled on a miss. A wrong hint costs one
   * comparison; keys are unique in the array, so a matching hint is the slot a search would find,
   * and the LRU stamps and counters change exactly as in access.
   */
  accessAt(key: number, hint: number): number {
    const keys = this.keys;
    if (keys[hint] === key) {
      if (this.ways !== 1) this.stamps[hint] = ++this.clock;
      this.hits++;
      return hint;
    }
    if (this.ways === 1) {
      const i = key % this.sets;
      if (keys[i] === key) {
        this.hits++;
        return i;
      }
      keys[i] = key;
      this.stamps[i] = ++this.clock;
      this.misses++;
      return ~i;
    }
    const base = (key % this.sets) * this.ways;
    let victim = base;
    let oldest = Infinity;
    const stamp = ++this.clock;
    for (let i = base; i < base + this.ways; i++) {
      if (keys[i] === key) {
        this.stamps[i] = stamp;
        this.hits++;
        return i;
      }
      if (this.stamps[i] < oldest) {
        oldest = this.stamps[i];
        victim = i;
      }
    }
    keys[victim] = key;
    this.stamps[victim] = stamp;
    this.misses++;
    return ~victim;
  }

  /** Whether key is present, without touching LRU state or counters. */
  contains(key: number): boolean {
    const base = (key % this.sets) * this.ways;
    for (let i = base; i < base + this.ways; i++) if (this.keys[i] === key) return true;
    return false;
  }

  flush(): void {
    this.keys.fill(-1);
    this.stamps.fill(0);
  }

  /** Drop every key for which pred is true (e.g. one context's TLB entries). */
  invalidate(pred: (key: number) => boolean): void {
    for (let i = 0; i < this.keys.length; i++) {
      if (this.keys[i] >= 0 && pred(this.keys[i])) {
        this.keys[i] = -1;
        this.stamps[i] = 0;
      }
    }
  }

  get occupied(): number {
    let n = 0;
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] >= 0) n++;
    return n;
  }
}
