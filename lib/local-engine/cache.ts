import "server-only";

/**
 * A per-process cache in front of the database, capped by bytes: least recently used first out, except entries used
 * in the last few seconds (a request loads what it needs, then reads it synchronously; a concurrent load must not
 * push it out in between).
 */
export class ByteCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number; at: number }>();
  private total = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly freshMs = 5000,
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  touch(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    entry.at = Date.now();
    this.entries.set(key, entry);
  }

  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    this.entries.set(key, { value, bytes, at: Date.now() });
    this.total += bytes;
    const now = Date.now();
    for (const [k, entry] of this.entries) {
      if (this.total <= this.maxBytes) break;
      if (now - entry.at < this.freshMs) break; // the rest are newer still
      this.delete(k);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }

  get bytes(): number {
    return this.total;
  }
}
