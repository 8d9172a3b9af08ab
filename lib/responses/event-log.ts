/**
 * The append-only event log of one run, kept outside React state so a long stream (tens of thousands of events)
 * does not re-render per event. Subscribers are notified at most once per animation frame (or once per microtask
 * where there is no `requestAnimationFrame`, e.g. in tests and on the server). `version` changes only when
 * subscribers are notified, so it is a stable snapshot for `useSyncExternalStore(log.subscribe, () => log.version)`.
 */
import type { ParsedEvent } from "./sse";

export interface EventRecord {
  /** Position in the log (0-based); the reducer stores it on the item the event touched. */
  index: number;
  /** The event `type`, or a label such as `(unreadable event)` for records that did not parse. */
  type: string;
  sequenceNumber: number | null;
  /** ms since the request was sent. */
  atMs: number;
  /** The parsed JSON (the normalised event), or null when it did not parse. */
  data: unknown;
  /** The SSE `data:` text exactly as received. */
  raw: string;
}

export type EventRecordInput = Omit<EventRecord, "index"> & {
  /**
   * `data` is exactly `JSON.parse(raw)`: the log keeps only `raw` and parses it again when `data` is read. A long run
   * holds tens of thousands of events that are read only when shown (a timeline row, a selected event), and keeping
   * every parsed object alive made each garbage collection during the stream copy them all.
   */
  reparse?: boolean;
};

const NOT_KEPT: unique symbol = Symbol("not kept");

class LogRecord implements EventRecord {
  constructor(
    readonly index: number,
    readonly type: string,
    readonly sequenceNumber: number | null,
    readonly atMs: number,
    readonly raw: string,
    private readonly kept: unknown,
  ) {}

  get data(): unknown {
    if (this.kept !== NOT_KEPT) return this.kept;
    try {
      return JSON.parse(this.raw) as unknown;
    } catch {
      return null;
    }
  }

  /** Plain-object form (JSON, structured copies, test equality see the same fields as before). */
  toJSON(): Omit<EventRecord, never> {
    return { index: this.index, type: this.type, sequenceNumber: this.sequenceNumber, atMs: this.atMs, data: this.data, raw: this.raw };
  }
}

type Listener = () => void;

export class EventLog {
  private records: EventRecord[] = [];
  private listeners = new Set<Listener>();
  private scheduled = false;
  private frame: number | null = null;
  private published = 0;
  private cleared = 0;

  /** Changes whenever subscribers are notified (batched); use as the `useSyncExternalStore` snapshot. */
  get version(): number {
    return this.published;
  }

  get length(): number {
    return this.records.length;
  }

  /** Changes on every `clear()`: indexes cached against an older generation point into another run. */
  get generation(): number {
    return this.cleared;
  }

  /** Appends one record and returns its index. */
  append(record: EventRecordInput): number {
    const index = this.records.length;
    this.records.push(
      new LogRecord(index, record.type, record.sequenceNumber, record.atMs, record.raw, record.reparse ? NOT_KEPT : record.data),
    );
    this.schedule();
    return index;
  }

  get(index: number): EventRecord | undefined {
    return this.records[index];
  }

  /** A copy of a range (same semantics as `Array.prototype.slice`). */
  slice(start?: number, end?: number): EventRecord[] {
    return this.records.slice(start, end);
  }

  /** Subscribe to (batched) changes. Returns the unsubscribe function. Arrow-bound: safe to pass as a callback. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** `useSyncExternalStore` snapshot getter, bound. */
  getVersion = (): number => this.published;

  /** Empties the log (a new run). Subscribers hear about it with the next batch. */
  clear(): void {
    this.records = [];
    this.cleared++;
    this.schedule();
  }

  /** Notify now instead of at the next frame (e.g. when a stream ends). */
  flush(): void {
    if (this.frame !== null && typeof cancelAnimationFrame === "function") cancelAnimationFrame(this.frame);
    this.frame = null;
    this.scheduled = false;
    this.notify();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    if (typeof requestAnimationFrame === "function") {
      this.frame = requestAnimationFrame(() => {
        this.frame = null;
        if (!this.scheduled) return;
        this.scheduled = false;
        this.notify();
      });
    } else {
      queueMicrotask(() => {
        if (!this.scheduled) return;
        this.scheduled = false;
        this.notify();
      });
    }
  }

  private notify(): void {
    this.published++;
    for (const listener of [...this.listeners]) listener();
  }
}

/** The log record for a parsed SSE message (`[DONE]` included, so the timeline shows what the wire carried). */
export function eventRecordInput(parsed: ParsedEvent, atMs: number): EventRecordInput {
  switch (parsed.kind) {
    case "event":
      return {
        type: parsed.event.type,
        sequenceNumber: typeof parsed.event.sequence_number === "number" ? parsed.event.sequence_number : null,
        atMs,
        data: parsed.event,
        raw: parsed.raw,
        reparse: parsed.verbatim,
      };
    case "done":
      return { type: "[DONE]", sequenceNumber: null, atMs, data: null, raw: "[DONE]" };
    case "invalid":
      return { type: "(unreadable event)", sequenceNumber: null, atMs, data: null, raw: parsed.raw };
  }
}
