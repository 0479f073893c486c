/**
 * Transitions waiting for their instant, earliest first: a binary min-heap of
 * `(at, key)`. Reading state settles what is due by popping the head while it is due, so
 * the check costs O(1) when nothing is due and nothing scans the whole collection.
 *
 * Entries are never updated in place: a rescheduled or cancelled transition leaves a
 * stale entry behind, and the owner skips entries whose `at` no longer matches its record.
 */
export class DueQueue {
  #heap: Array<{ at: number; key: string }> = [];

  get size(): number {
    return this.#heap.length;
  }

  push(at: number, key: string): void {
    const h = this.#heap;
    h.push({ at, key });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.at <= h[i]!.at) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  /** True when an entry is due at or before `now`. */
  hasDue(now: number): boolean {
    return this.#heap.length > 0 && this.#heap[0]!.at <= now;
  }

  /** Removes and returns the earliest entry due at or before `now`, if any. */
  popDue(now: number): { at: number; key: string } | undefined {
    const h = this.#heap;
    if (h.length === 0 || h[0]!.at > now) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.at < h[m]!.at) m = l;
        if (r < h.length && h[r]!.at < h[m]!.at) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }

  /** Every entry, stale ones included, in no particular order. */
  entries(): readonly { at: number; key: string }[] {
    return [...this.#heap];
  }

  clear(): void {
    this.#heap = [];
  }
}
