import "server-only";
import { getEngineDb } from "@/lib/store";
import {
  appendEvents,
  deleteResponseRow,
  engineLimitsFromEnv,
  getResponseRow,
  indexResponseItems,
  putResponseRow,
  readEvents,
  requestCancel,
} from "@/lib/store/engine-state";
import type { StoredItem } from "./input";
import type { EngineRun } from "./run";
import type { EngineResponse, EngineStreamEvent } from "./types";

/**
 * Stored responses live in the project's database (lib/store/engine-state.ts), so a restart loses none and every
 * instance on one PostgreSQL sees them. A response this process is generating is also kept here, live, until it
 * ends (GET during the run, followers of a background run). Everything on `globalThis`: Next bundles each route
 * separately, and the proxy's in-process calls must see what the `/api/local` route stored.
 */

export interface StoredResponse {
  id: string;
  response: EngineResponse;
  /** This response's own input items, as `input_items` lists them. */
  inputItems: StoredItem[];
  background: boolean;
  previousResponseId: string | null;
  /** Present while this process is generating it. */
  run?: EngineRun;
}

interface EngineState {
  live: Map<string, { run: EngineRun; inputItems: StoredItem[] }>;
  /** Responses read for the request being built (its `previous_response_id` chain), for the synchronous turn builder. */
  loaded: Map<string, { value: StoredResponse; at: number }>;
}

const STATE_KEY = Symbol.for("responses-playground.local-engine.state");

function state(): EngineState {
  const g = globalThis as typeof globalThis & { [STATE_KEY]?: EngineState };
  g[STATE_KEY] ??= { live: new Map(), loaded: new Map() };
  return g[STATE_KEY];
}

function fromLive(run: EngineRun, inputItems: StoredItem[]): StoredResponse {
  return {
    id: run.id,
    response: run.snapshot(),
    inputItems,
    background: run.background,
    previousResponseId: run.previousResponseId,
    run,
  };
}

/** Synchronous: a live response, or one `loadHistory` just read. */
export function getStoredResponse(id: string): StoredResponse | undefined {
  const live = state().live.get(id);
  if (live) return fromLive(live.run, live.inputItems);
  return state().loaded.get(id)?.value;
}

/** A live response of this process, else the stored one. */
export async function loadStoredResponse(id: string): Promise<StoredResponse | undefined> {
  const live = state().live.get(id);
  if (live) return fromLive(live.run, live.inputItems);
  const row = await getResponseRow(getEngineDb(), id);
  if (!row) return undefined;
  const response = JSON.parse(row.responseJson) as EngineResponse;
  return {
    id,
    response,
    inputItems: JSON.parse(row.inputJson) as StoredItem[],
    background: row.background,
    previousResponseId: response.previous_response_id ?? null,
  };
}

/** Reads a `previous_response_id` chain before the synchronous turn builder walks it (`getStoredResponse`). */
export async function loadHistory(previousResponseId: string | null): Promise<void> {
  const { loaded } = state();
  const now = Date.now();
  for (const [id, entry] of loaded) if (now - entry.at > 30_000) loaded.delete(id);
  const seen = new Set<string>();
  let id = previousResponseId;
  while (id !== null && !seen.has(id) && seen.size < 1000) {
    seen.add(id);
    const stored = await loadStoredResponse(id);
    if (!stored) {
      loaded.delete(id);
      return;
    }
    if (!stored.run) loaded.set(id, { value: stored, at: now });
    id = stored.previousResponseId;
  }
}

export function registerLive(run: EngineRun, inputItems: StoredItem[]): void {
  state().live.set(run.id, { run, inputItems });
}

export function unregisterLive(id: string): void {
  state().live.delete(id);
}

/** Writes (or rewrites) a response with its current snapshot; fairly evicts others past the caps. */
export async function saveStoredResponse(run: EngineRun, inputItems: StoredItem[], client: string): Promise<void> {
  const snapshot = run.snapshot();
  await putResponseRow(
    getEngineDb(),
    {
      id: run.id,
      client,
      status: snapshot.status ?? "completed",
      background: run.background,
      responseJson: JSON.stringify(snapshot),
      inputJson: JSON.stringify(inputItems),
    },
    engineLimitsFromEnv(),
  );
  await indexResponseItems(getEngineDb(), run.id, itemIdsOf(inputItems, snapshot.output ?? []));
}

/** Every item id a stored response holds (its input and output items), for `item_reference` (item-references.ts). */
export function itemIdsOf(inputItems: readonly StoredItem[], output: readonly unknown[]): string[] {
  const ids = inputItems.map((item) => item.id);
  for (const item of output) {
    const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
    if (typeof id === "string" && id !== "") ids.push(id);
  }
  return ids;
}

export async function deleteStoredResponse(id: string): Promise<boolean> {
  const live = state().live.get(id);
  const row = live ? true : await getResponseRow(getEngineDb(), id);
  if (!row) return false;
  live?.run.cancel();
  state().live.delete(id);
  state().loaded.delete(id);
  await deleteResponseRow(getEngineDb(), id);
  return true;
}

/** Asks whichever instance runs a background response to cancel it (it checks at each batch of events). */
export async function requestStoredCancel(id: string): Promise<void> {
  await requestCancel(getEngineDb(), id);
}

const TERMINAL_STATUSES = new Set(["completed", "incomplete", "failed", "cancelled"]);

/**
 * Events of a background response another instance (or an earlier process) is generating: read from the stored
 * events, polling until the response has ended and every event was sent, or `signal` aborts.
 */
export async function* followStored(
  id: string,
  startingAfter: number,
  signal: AbortSignal,
  pollMs = 100,
): AsyncGenerator<EngineStreamEvent> {
  const db = getEngineDb();
  let after = startingAfter;
  for (;;) {
    const events = await readEvents(db, id, after);
    for (const e of events) {
      after = e.seq;
      yield JSON.parse(e.json) as EngineStreamEvent;
    }
    if (events.length > 0) continue;
    const row = await getResponseRow(db, id);
    if (!row || TERMINAL_STATUSES.has(row.status)) {
      // One last read: the final batch and the status are written in one transaction.
      const rest = await readEvents(db, id, after);
      for (const e of rest) yield JSON.parse(e.json) as EngineStreamEvent;
      return;
    }
    if (signal.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    if (signal.aborted) return;
  }
}

/**
 * Writes a background run's events in batches (every `intervalMs`, and at the end), each with the response's
 * snapshot, so followers on any instance can read them. A cancel asked for elsewhere is applied at each batch.
 */
export function backgroundWriter(run: EngineRun, intervalMs = 50): { push(event: EngineStreamEvent): void; end(): Promise<void> } {
  let pending: { seq: number; json: string }[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const batch = pending;
    pending = [];
    const snapshot = run.snapshot();
    flushing = flushing
      .then(() => appendEvents(getEngineDb(), run.id, batch, snapshot.status ?? "in_progress", JSON.stringify(snapshot)))
      .then((cancelAsked) => {
        if (cancelAsked) run.cancel();
      })
      .catch((error: unknown) =>
        console.error("[local-engine] could not store background events:", error instanceof Error ? error.message : error),
      );
    return flushing;
  };
  return {
    push(event) {
      pending.push({ seq: event.sequence_number, json: JSON.stringify(event) });
      timer ??= setTimeout(() => void flush(), intervalMs);
    },
    async end() {
      if (timer) clearTimeout(timer);
      await flush();
      // The output is known now: index its item ids (the input items were indexed when the run was stored).
      await indexResponseItems(getEngineDb(), run.id, itemIdsOf([], run.snapshot().output ?? [])).catch((error: unknown) =>
        console.error("[local-engine] could not index the response's items:", error instanceof Error ? error.message : error),
      );
    },
  };
}
