import "server-only";
import type { StoredItem } from "./input";
import type { EngineRun } from "./run";

/**
 * Stored responses live on `globalThis`: Next bundles each route separately, so a module-level Map would exist
 * once per bundle (and once more after every dev-server reload), and the proxy's in-process calls would not see
 * what the `/api/local` route stored. The store keeps the newest MAX_STORED_RESPONSES responses.
 */

export interface StoredResponse {
  run: EngineRun;
  /** This response's own input items, as `input_items` lists them. */
  inputItems: StoredItem[];
}

interface EngineState {
  responses: Map<string, StoredResponse>;
}

export const MAX_STORED_RESPONSES = 500;

const STATE_KEY = Symbol.for("responses-playground.local-engine.state");

function state(): EngineState {
  const g = globalThis as typeof globalThis & { [STATE_KEY]?: EngineState };
  g[STATE_KEY] ??= { responses: new Map() };
  return g[STATE_KEY];
}

export function putStoredResponse(id: string, record: StoredResponse): void {
  const { responses } = state();
  responses.set(id, record);
  // Maps iterate in insertion order, so the first key is always the oldest response.
  while (responses.size > MAX_STORED_RESPONSES) {
    const oldest = responses.keys().next().value;
    if (oldest === undefined) break;
    responses.delete(oldest);
  }
}

export function getStoredResponse(id: string): StoredResponse | undefined {
  return state().responses.get(id);
}

export function deleteStoredResponse(id: string): boolean {
  return state().responses.delete(id);
}

export function storedResponseCount(): number {
  return state().responses.size;
}
