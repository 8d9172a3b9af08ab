"use client";

import { useMemo, useSyncExternalStore } from "react";
import { DEFAULT_PRICES, parsePriceOverrides, type ModelPrice, type PriceTable } from "@/lib/pricing";

/**
 * The user's price edits (Settings), in localStorage, over the published table (lib/pricing). One store shared by
 * the composer's estimate and every run's cost, so saving in Settings updates both at once.
 */

const KEY = "rp.prices.v1";
const listeners = new Set<() => void>();

function read(): string {
  try {
    return window.localStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) listener();
  };
  window.addEventListener("storage", onStorage); // other tabs
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** Saves the overrides (model → price); an empty object restores the published prices. */
export function savePriceOverrides(overrides: Record<string, ModelPrice>): void {
  try {
    if (Object.keys(overrides).length === 0) window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, JSON.stringify(overrides));
  } catch {
    // Quota or private mode: the edit lasts until reload only.
  }
  for (const l of listeners) l();
}

/** The merged table (published prices, then the user's) and the user's overrides alone. */
export function usePriceTable(): { table: PriceTable; overrides: Record<string, ModelPrice> } {
  const raw = useSyncExternalStore(subscribe, read, () => "");
  return useMemo(() => {
    const overrides = parsePriceOverrides(raw);
    return { table: { ...DEFAULT_PRICES, ...overrides }, overrides };
  }, [raw]);
}
