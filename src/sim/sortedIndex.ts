/**
 * Ids kept sorted by a string key (ties broken by id), for lists that Atlas returns in
 * name order. Insert and remove cost a binary search plus an array shift; reading a
 * page is a slice of `ids`, so its cost does not grow with the collection.
 *
 * Keys compare by UTF-16 code units, as Java's `String.compareTo` does.
 */
export class SortedIndex {
  readonly #keys: string[] = [];
  readonly #ids: string[] = [];

  get size(): number {
    return this.#ids.length;
  }

  /** The ids in key order. Read-only: the index owns the array. */
  get ids(): readonly string[] {
    return this.#ids;
  }

  insert(key: string, id: string): void {
    const i = this.#lowerBound(key, id);
    this.#keys.splice(i, 0, key);
    this.#ids.splice(i, 0, id);
  }

  remove(key: string, id: string): void {
    const i = this.#lowerBound(key, id);
    if (this.#keys[i] === key && this.#ids[i] === id) {
      this.#keys.splice(i, 1);
      this.#ids.splice(i, 1);
    }
  }

  /** Ids whose key starts with `prefix`, in key order (a contiguous run of the index). */
  withPrefix(prefix: string): readonly string[] {
    if (prefix === '') return this.#ids;
    const start = this.#lowerBound(prefix, '');
    let end = start;
    // The run ends at the first key that no longer starts with the prefix; binary search for it.
    let hi = this.#keys.length;
    while (end < hi) {
      const mid = (end + hi) >>> 1;
      if (this.#keys[mid]!.startsWith(prefix)) end = mid + 1;
      else hi = mid;
    }
    return this.#ids.slice(start, end);
  }

  /** First position whose (key, id) is not below the given pair. */
  #lowerBound(key: string, id: string): number {
    let lo = 0;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.#keys[mid]!;
      if (k < key || (k === key && this.#ids[mid]! < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
