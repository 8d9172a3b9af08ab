/**
 * A run: one request sent, its answer read (fetch → SSE → fold → ending), as a plain object with no React.
 * `start`, `stop`, `subscribe`, `getState`; many live at once (compare columns, repeats), each with its own state,
 * event log and abort controller. React reads it through `useSyncExternalStore` (`components/stream/use-run.ts`).
 *
 * Speed: events of one time slice (`SLICE_MS`) fold in one `fold` call, then the loop yields to the browser;
 * subscribers hear about the state at most once per animation frame (at once when the run starts or ends), so a
 * fast stream never re-renders per delta. `getState` is that published state.
 *
 * What a protocol folds is its own (`lib/run/responses.ts`, `lib/run/chat.ts`); how a run ends is a `RunEnding`
 * applied by the protocol's `end` (`lib/run/ending.ts`).
 */
import { EventLog, type EventRecord, type EventRecordInput } from "@/lib/responses/event-log";
import { readSseBatches, type SseMessage } from "@/lib/responses/sse";
import { SLICE_MS, yieldToBrowser } from "@/lib/scheduling/yield";
import { withEndTime, type RunEnding } from "./ending";

/** One event of a slice: the event, its time since the request was sent, and its index in the event log. */
export interface Timed<E> {
  event: E;
  atMs: number;
  index: number;
}

/** What a run needs to know about one API: where to post, how to read a record, fold events and end. */
export interface RunProtocol<S, E> {
  /** Where `start` posts unless the request names another URL. */
  readonly path: string;
  initial(status: "idle" | "connecting"): S;
  /** One SSE record: its log record (null: not logged), the event to fold (null: none), and whether it ends the stream. */
  read(message: SseMessage, atMs: number): { record: EventRecordInput | null; event: E | null; done: boolean };
  fold(state: S, batch: readonly Timed<E>[]): S;
  /** Applies the ending; `nowMs` is the time since the request was sent, for protocols that stamp endings with it. */
  end(state: S, ending: RunEnding, nowMs: number): S;
  /** When the run ended, in ms since the request was sent (stored with the ending so a replay ends alike). */
  endMs(state: S): number | null;
  isLive(state: S): boolean;
}

/** A request as it is sent. */
export interface RunRequest {
  body: Record<string, unknown>;
  /** Extra request headers, e.g. `x-playground-upstream: local`. */
  headers?: Record<string, string>;
  /** Overrides the protocol's path (a resumed stream, another proxy). */
  url?: string;
}

/** Everything a view or a history store reads about a run; a new object whenever subscribers are told. */
export interface RunSnapshot<S> {
  readonly state: S;
  /** 1 for the first `start`, +1 for each later one (a restart replaces the earlier attempt); 0 before any. */
  readonly attempt: number;
  readonly request: RunRequest | null;
  /** Null until the run has ended. */
  readonly ending: RunEnding | null;
  /** Wall-clock time (`Date.now()`) the request was sent. */
  readonly startedAt: number | null;
}

/** New log records and the state, handed out at most every `batchMs` while streaming and once at the end. */
export interface RunBatch<S> {
  attempt: number;
  request: RunRequest;
  startedAt: number;
  /** Records appended since the previous batch of this attempt. */
  records: EventRecord[];
  state: S;
  /** Set on the last batch of an attempt. */
  ending: RunEnding | null;
}

export interface RunOptions<S> {
  /** Injected `fetch` (tests, a worker); defaults to the global one. */
  fetch?: typeof fetch;
  /** A persist hook point (history): called with batches of records, never per delta. */
  onBatch?: (batch: RunBatch<S>) => void;
  /** Least ms between two `onBatch` calls while streaming (the last batch always comes). Default 250. */
  batchMs?: number;
  /** Schedules a publish: `requestAnimationFrame` in browsers, a 0 ms timer elsewhere. Returns a cancel function. */
  scheduleFrame?: (callback: () => void) => () => void;
  /** Monotonic clock in ms (default `performance.now`). */
  now?: () => number;
}

export interface Run<S> {
  /** Sends the request and reads the answer; a run already going is stopped first. Resolves with how it ended (null: replaced). */
  start(request: RunRequest): Promise<RunEnding | null>;
  /** Stops the current attempt: it ends as cancelled, keeping what arrived. */
  stop(): void;
  /** Arrow-bound; for `useSyncExternalStore`. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The published state (what the view shows). Arrow-bound. */
  getState(): S;
  /** The published snapshot (stable between notifications). Arrow-bound. */
  getSnapshot(): RunSnapshot<S>;
  /** True while a request is out and its answer is not over. */
  isLive(): boolean;
  /** The current attempt's append-only event log (cleared by `start`). */
  readonly log: EventLog;
  /** Stops and drops subscribers' pending frame. */
  dispose(): void;
}

function defaultScheduleFrame(callback: () => void): () => void {
  if (typeof requestAnimationFrame === "function") {
    const id = requestAnimationFrame(callback);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(callback, 0);
  return () => clearTimeout(id);
}

export function createRun<S, E>(protocol: RunProtocol<S, E>, options: RunOptions<S> = {}): Run<S> {
  const now = options.now ?? (() => performance.now());
  const scheduleFrame = options.scheduleFrame ?? defaultScheduleFrame;
  const batchMs = options.batchMs ?? 250;
  const log = new EventLog();
  const listeners = new Set<() => void>();

  let latest: S = protocol.initial("idle");
  let snapshot: RunSnapshot<S> = { state: latest, attempt: 0, request: null, ending: null, startedAt: null };
  let cancelFrame: (() => void) | null = null;
  let controller: AbortController | null = null;
  let attempt = 0;
  // The persist hook's progress within the current attempt.
  let batchedUpTo = 0;
  let lastBatchAt = 0;

  const publish = () => {
    cancelFrame?.();
    cancelFrame = null;
    if (snapshot.state === latest) return;
    snapshot = { ...snapshot, state: latest };
    for (const listener of [...listeners]) listener();
  };

  const put = (next: S, immediate: boolean) => {
    latest = next;
    if (immediate) publish();
    else cancelFrame ??= scheduleFrame(publish);
  };

  const persist = (final: boolean) => {
    if (!options.onBatch || !snapshot.request || snapshot.startedAt === null) return;
    const t = now();
    if (!final && t - lastBatchAt < batchMs) return;
    lastBatchAt = t;
    const records = log.slice(batchedUpTo);
    batchedUpTo = log.length;
    try {
      options.onBatch({
        attempt: snapshot.attempt,
        request: snapshot.request,
        startedAt: snapshot.startedAt,
        records,
        state: latest,
        ending: final ? snapshot.ending : null,
      });
    } catch {
      // A failing store must not break the run it records.
    }
  };

  async function start(request: RunRequest): Promise<RunEnding | null> {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    const current = ++attempt;
    const started = now();
    const since = () => Math.round((now() - started) * 10) / 10;
    // A newer attempt replaces this one: from then on this one must not touch the state.
    const isCurrent = () => controller === mine;
    log.clear();
    batchedUpTo = 0;
    lastBatchAt = started;
    latest = protocol.initial("connecting");
    snapshot = { state: latest, attempt: current, request, ending: null, startedAt: Date.now() };
    for (const listener of [...listeners]) listener();

    // Events of the current time slice, folded in one go (one state copy per slice, not per delta).
    const pending: Timed<E>[] = [];
    const applyPending = () => {
      if (pending.length === 0 || !isCurrent()) return;
      put(protocol.fold(latest, pending), false);
      pending.length = 0;
      persist(false);
    };
    const finish = (ending: RunEnding): RunEnding | null => {
      if (!isCurrent()) return null;
      const ended = protocol.end(latest, ending, since());
      const stored = withEndTime(ending, protocol.endMs(ended));
      latest = ended;
      snapshot = { ...snapshot, state: ended, ending: stored };
      controller = null;
      cancelFrame?.();
      cancelFrame = null;
      log.flush();
      persist(true);
      for (const listener of [...listeners]) listener();
      return stored;
    };

    try {
      const res = await (options.fetch ?? fetch)(request.url ?? protocol.path, {
        method: "POST",
        headers: { "content-type": "application/json", ...request.headers },
        body: JSON.stringify(request.body),
        signal: mine.signal,
      });
      const contentType = res.headers.get("content-type");
      if (!res.ok || !(contentType ?? "").includes("text/event-stream") || !res.body) {
        const body = await res.text();
        return finish({ kind: "answer", status: res.status, body, contentType, retryAfter: res.headers.get("retry-after"), atMs: since() });
      }
      let sliceStart = now();
      let done = false;
      reading: for await (const batch of readSseBatches(res.body, mine.signal)) {
        for (const message of batch) {
          if (!isCurrent()) break reading;
          if (now() - sliceStart > SLICE_MS) {
            applyPending();
            await yieldToBrowser();
            if (!isCurrent()) break reading;
            sliceStart = now();
          }
          const atMs = since();
          const read = protocol.read(message, atMs);
          const index = read.record ? log.append(read.record) : -1;
          if (read.event !== null) pending.push({ event: read.event, atMs, index });
          if (read.done) {
            done = true;
            break;
          }
        }
        // The next record is not here yet: show what arrived (a slow stream must not wait for its next event).
        applyPending();
        if (done) break;
      }
      applyPending();
      return finish({ kind: "stream_end" });
    } catch (error) {
      // What arrived before the stop or the failure is kept.
      applyPending();
      if (mine.signal.aborted) return finish({ kind: "cancelled" });
      return finish({ kind: "network_error", message: error instanceof Error ? error.message : String(error) });
    }
  }

  return {
    start,
    stop: () => controller?.abort(),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getState: () => snapshot.state,
    getSnapshot: () => snapshot,
    isLive: () => protocol.isLive(latest),
    log,
    dispose: () => {
      controller?.abort();
      cancelFrame?.();
      cancelFrame = null;
    },
  };
}
