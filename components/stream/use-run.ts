"use client";

import { useSyncExternalStore } from "react";
import type { RunSnapshot } from "@/lib/run/run";

/** Anything that publishes run snapshots: a live run (`lib/run/run.ts`) or a replay player (`lib/share/player.ts`). */
export interface RunSource<T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): T;
}

/**
 * The one subscription from React to a run: re-renders when the run publishes (at most once per animation frame
 * while streaming), never per delta.
 */
export function useRunSnapshot<T extends RunSnapshot<unknown>>(run: RunSource<T>): T {
  return useSyncExternalStore(run.subscribe, run.getSnapshot, run.getSnapshot);
}
