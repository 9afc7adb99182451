// A growable circular FIFO. Queues in the engine's hot path use it because shifting an array or
// resetting its length costs far more than moving two indices.

export class Ring<T> {
  private buf: (T | undefined)[];
  private mask: number;
  private head = 0;
  private tail = 0;

  constructor(capacity = 16) {
    let c = 16;
    while (c < capacity) c <<= 1;
    this.buf = new Array(c);
    this.mask = c - 1;
  }

  get size(): number {
    return (this.tail - this.head) & this.mask;
  }

  get empty(): boolean {
    return this.head === this.tail;
  }

  push(x: T): void {
    this.buf[this.tail] = x;
    this.tail = (this.tail + 1) & this.mask;
    if (this.tail === this.head) this.grow();
  }

  shift(): T {
    const x = this.buf[this.head] as T;
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    return x;
  }

  peek(): T {
    return this.buf[this.head] as T;
  }

  includes(x: T): boolean {
    for (let i = this.head; i !== this.tail; i = (i + 1) & this.mask) if (this.buf[i] === x) return true;
    return false;
  }

  /** Remove the first element equal to x, closing the gap in place; returns whether it was found. */
  remove(x: T): boolean {
    const buf = this.buf;
    const mask = this.mask;
    for (let i = this.head; i !== this.tail; i = (i + 1) & mask) {
      if (buf[i] !== x) continue;
      for (let j = i, k = (i + 1) & mask; k !== this.tail; j = k, k = (k + 1) & mask) buf[j] = buf[k];
      this.tail = (this.tail - 1) & mask;
      buf[this.tail] = undefined;
      return true;
    }
    return false;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = this.head; i !== this.tail; i = (i + 1) & this.mask) out.push(this.buf[i] as T);
    return out;
  }

  private grow(): void {
    const old = this.buf;
    const n = old.length;
    const next: (T | undefined)[] = new Array(n * 2);
    for (let i = 0; i < n; i++) next[i] = old[(this.head + i) & this.mask];
    this.buf = next;
    this.head = 0;
    this.tail = n;
    this.mask = n * 2 - 1;
  }
}
