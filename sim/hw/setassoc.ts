// A set-associative array keyed by integers, with LRU replacement or, for a 4-way array that
// declares it, the i486's pseudo-LRU (plru.ts). TLBs (key: context and page) and caches (key:
// physical line) are both this structure; only what a key means differs.

import { plruTouch, plruVictim } from './plru.js';

/**
 * Arrays of every slot empty (keys -1, stamps and bits 0), one per length, shared by every array
 * that has never been filled: a machine's caches are built with each system (thousands of systems
 * in a sweep of short trials), and most of a multiprocessor's caches are never filled in a short
 * run. They are only read; an array takes arrays of its own at its first fill (own()).
 */
const EMPTY_KEYS = new Map<number, Float64Array>();
const EMPTY_STAMPS = new Map<number, Float64Array>();
const EMPTY_BITS = new Map<number, Uint8Array>();
function empty<A extends Float64Array | Uint8Array>(pool: Map<number, A>, n: number, make: (n: number) => A): A {
  let a = pool.get(n);
  if (a === undefined) pool.set(n, (a = make(n)));
  return a;
}

/** How a set chooses the way a miss replaces: true LRU, or the i486's three-bit pseudo-LRU. */
export type Replacement = 'lru' | 'plru3';

export class SetAssoc {
  readonly sets: number;
  /**
   * Stored keys by slot (set × ways + way); -1 when empty. Read-only outside this class, and read
   * afresh after a fill: the array is replaced by one of its own at the first fill (own()).
   */
  keys: Float64Array;
  private stamps: Float64Array;
  /** Whether keys, stamps and bits are this array's own, not the shared empty ones. */
  private owned = false;
  private clock = 0;
  /** Keys present (kept as they change, so occupancy costs no scan). */
  private valid = 0;
  /**
   * Bumped whenever a key enters or leaves the array (never by a hit): a caller that saw a run of
   * keys all present at one version knows they still are while the version stands.
   */
  version = 0;
  /** Pseudo-LRU: each set's three bits (plru.ts); empty under LRU, which keeps stamps instead. */
  private bits: Uint8Array;
  private readonly plru: boolean;
  hits = 0;
  misses = 0;

  constructor(
    readonly entries: number,
    readonly ways: number,
    readonly replacement: Replacement = 'lru',
  ) {
    if (!(entries > 0 && ways > 0 && entries % ways === 0)) {
      throw new Error(`set-associative array: ${entries} entries cannot form ${ways}-way sets`);
    }
    if (replacement === 'plru3' && ways !== 4) throw new Error(`set-associative array: plru3 replacement needs 4 ways, not ${ways}`);
    this.sets = entries / ways;
    this.keys = empty(EMPTY_KEYS, entries, (n) => new Float64Array(n).fill(-1));
    this.plru = replacement === 'plru3';
    // Only true LRU with a choice of ways reads stamps: a direct-mapped or pseudo-LRU array keeps
    // none.
    this.stamps = empty(EMPTY_STAMPS, ways === 1 || this.plru ? 0 : entries, (n) => new Float64Array(n));
    this.bits = empty(EMPTY_BITS, this.plru ? this.sets : 0, (n) => new Uint8Array(n));
  }

  /** Take arrays of this array's own before the first write to any of them (a fill). */
  private own(): void {
    this.owned = true;
    this.keys = this.keys.slice();
    this.stamps = this.stamps.slice();
    this.bits = this.bits.slice();
  }

  /** Look key up; on a miss, fill it over the least recently used way. Returns true on a hit. */
  access(key: number): boolean {
    return this.lookup(key) >= 0;
  }

  /**
   * As access, trying slot `hint` first (where the caller found this key last time): returns the
   * key's slot on a hit, or ~slot (negative) of the slot filled on a miss. A wrong hint costs one
   * comparison; keys are unique in the array, so a matching hint is the slot a search would find,
   * and the LRU stamps and counters change exactly as in access.
   */
  accessAt(key: number, hint: number): number {
    if (this.keys[hint] === key) {
      if (this.plru) this.touch(hint);
      else if (this.ways !== 1) this.stamps[hint] = ++this.clock;
      this.hits++;
      return hint;
    }
    return this.lookup(key);
  }

  /** The slot that holds key (a hit), or ~slot where a miss filled it over the least recently used way. */
  private lookup(key: number): number {
    const keys = this.keys;
    if (this.ways === 1) {
      // Direct mapped (the Firefly's and most external caches): no replacement choice to make.
      const i = key % this.sets;
      if (keys[i] === key) {
        this.hits++;
        return i;
      }
      if (keys[i] < 0) this.valid++;
      this.version++;
      if (!this.owned) this.own();
      this.keys[i] = key;
      this.misses++;
      return ~i;
    }
    if (this.plru) return this.lookupPlru(key);
    const stamps = this.stamps;
    const base = (key % this.sets) * this.ways;
    const end = base + this.ways;
    const stamp = ++this.clock;
    // Look for the key first; only a miss needs the least recently used way (the first of the
    // oldest stamps, so the victim is the one a single combined scan would pick).
    for (let i = base; i < end; i++) {
      if (keys[i] === key) {
        stamps[i] = stamp;
        this.hits++;
        return i;
      }
    }
    const victim = this.lruWay(base, end);
    if (keys[victim] < 0) this.valid++;
    this.version++;
    if (!this.owned) this.own();
    this.keys[victim] = key;
    this.stamps[victim] = stamp;
    this.misses++;
    return ~victim;
  }

  /**
   * Access keys first, first + 1, ... up to last while they hit, exactly as that many calls of
   * access would (LRU stamps and hit counts); returns the first key that is not present (last + 1
   * when all hit), which the caller then accesses itself. A run of a step's lines through a cache.
   */
  hitRun(first: number, last: number): number {
    if (this.plru) return this.hitRunPlru(first, last);
    const keys = this.keys;
    const stamps = this.stamps;
    const sets = this.sets;
    const ways = this.ways;
    let clock = this.clock;
    let l = first;
    // Line numbers of simulated memory are small integers: with both operands known to be int32
    // the index is an integer remainder, not a floating-point one (a library call).
    const ints = (first | 0) === first && (last | 0) === last && last < 0x3fffffff;
    if (ints) l = first | 0;
    outer: for (; l <= last; l++) {
      const base = (ints ? ((l | 0) % (sets | 0)) | 0 : l % sets) * ways;
      if (ways === 1) {
        if (keys[base] === l) continue;
        break;
      }
      const end = base + ways;
      for (let i = base; i < end; i++) {
        if (keys[i] === l) {
          stamps[i] = ++clock;
          continue outer;
        }
      }
      break;
    }
    this.clock = clock;
    this.hits += l - first;
    return l;
  }

  /** Fill a key the caller knows is absent (hitRun stopped at it): access's miss, without its search. */
  fillAbsent(key: number): void {
    if (!this.owned) this.own();
    const keys = this.keys;
    this.misses++;
    if (this.ways === 1) {
      const i = key % this.sets;
      if (keys[i] < 0) this.valid++;
      this.version++;
      keys[i] = key;
      return;
    }
    const stamps = this.stamps;
    const stamp = ++this.clock;
    const base = (key % this.sets) * this.ways;
    if (this.plru) {
      this.fillPlru(base, key);
      return;
    }
    const end = base + this.ways;
    const victim = this.lruWay(base, end);
    if (keys[victim] < 0) this.valid++;
    this.version++;
    keys[victim] = key;
    stamps[victim] = stamp;
  }

  /** Pseudo-LRU: the slot's line becomes the most recently used of its set (4 ways: set = slot >> 2). */
  private touch(slot: number): void {
    const set = slot >> 2;
    this.bits[set] = plruTouch(this.bits[set], slot & 3);
  }

  /** lookup under pseudo-LRU: a hit updates the set's bits; a miss fills the way they (or an invalid line) choose. */
  private lookupPlru(key: number): number {
    const keys = this.keys;
    const base = (key % this.sets) * 4;
    for (let i = base; i < base + 4; i++) {
      if (keys[i] === key) {
        this.touch(i);
        this.hits++;
        return i;
      }
    }
    this.misses++;
    return ~this.fillPlru(base, key);
  }

  /** Pseudo-LRU: put key in the set at base over the way the bits (or an invalid line) choose; returns its slot. */
  private fillPlru(base: number, key: number): number {
    if (!this.owned) this.own();
    const victim = base + plruVictim(this.keys, base, this.bits[base >> 2]);
    if (this.keys[victim] < 0) this.valid++;
    this.version++;
    this.keys[victim] = key;
    this.touch(victim);
    return victim;
  }

  /** hitRun under pseudo-LRU: each hit updates its set's bits, in order. */
  private hitRunPlru(first: number, last: number): number {
    const keys = this.keys;
    const bits = this.bits;
    const sets = this.sets;
    let l = first;
    // As in hitRun: small integer line numbers take an integer remainder.
    const ints = (first | 0) === first && (last | 0) === last && last < 0x3fffffff;
    if (ints) l = first | 0;
    outer: for (; l <= last; l++) {
      const set = ints ? ((l | 0) % (sets | 0)) | 0 : l % sets;
      const base = set * 4;
      for (let i = base; i < base + 4; i++) {
        if (keys[i] === l) {
          bits[set] = plruTouch(bits[set], i - base);
          continue outer;
        }
      }
      break;
    }
    this.hits += l - first;
    return l;
  }

  /** The least recently used way of a set (the first of its oldest stamps). */
  private lruWay(base: number, end: number): number {
    const stamps = this.stamps;
    let victim = base;
    let oldest = stamps[base];
    for (let i = base + 1; i < end; i++) {
      if (stamps[i] < oldest) {
        oldest = stamps[i];
        victim = i;
      }
    }
    return victim;
  }

  /** Whether key is present, without touching LRU state or counters. */
  contains(key: number): boolean {
    const base = (key % this.sets) * this.ways;
    for (let i = base; i < base + this.ways; i++) if (this.keys[i] === key) return true;
    return false;
  }

  /** Drop one key if present (a line invalidated by another processor's write); returns whether it was there. */
  drop(key: number): boolean {
    const base = (key % this.sets) * this.ways;
    for (let i = base; i < base + this.ways; i++) {
      if (this.keys[i] === key) {
        this.keys[i] = -1;
        if (this.stamps.length > 0) this.stamps[i] = 0;
        this.valid--;
        this.version++;
        return true;
      }
    }
    return false;
  }

  flush(): void {
    this.valid = 0;
    this.version++;
    // The shared empty arrays are empty already.
    if (!this.owned) return;
    this.keys.fill(-1);
    this.stamps.fill(0);
    // With every line invalid the bits choose nothing until a set is full again (lines are filled
    // L0 first), so clearing them changes no later victim; it keeps a flushed array like a new one.
    this.bits.fill(0);
  }

  /** Drop every key for which pred is true (e.g. one context's TLB entries). */
  invalidate(pred: (key: number) => boolean): void {
    for (let i = 0; i < this.keys.length; i++) {
      if (this.keys[i] >= 0 && pred(this.keys[i])) {
        this.keys[i] = -1;
        if (this.stamps.length > 0) this.stamps[i] = 0;
        this.valid--;
        this.version++;
      }
    }
  }

  get occupied(): number {
    return this.valid;
  }
}
