/**
 * A Map that forgets its least recently written entries past a size. The stream readers keep
 * the orders they have seen to complete partial updates; an account's whole history must not
 * live in memory for that, and an order forgotten is only looked up again over REST.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): this {
    // Deleting first moves the key to the newest end of the insertion order.
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }
}

/** Orders remembered per stream: far more than any account keeps open at once. */
export const REMEMBERED_ORDERS = 10_000;
