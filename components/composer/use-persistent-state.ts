"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { notifyStorage, subscribeStorage } from "@/components/ui/storage-signal";

/** What this tab wrote, also when storage refused it (quota, private mode): the page works, it forgets on reload. */
const written = new Map<string, string>();

function readRaw(key: string): string | null {
  if (written.has(key)) return written.get(key)!;
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // Unavailable storage: keep the defaults.
  }
}

function decode<T>(raw: string | null, initial: T, validate: (value: unknown) => value is T): T {
  if (raw === null) return initial;
  try {
    const parsed: unknown = JSON.parse(raw);
    return validate(parsed) ? parsed : initial;
  } catch {
    return initial; // Corrupt storage: keep the defaults.
  }
}

/**
 * State mirrored to localStorage, so a reload never loses what the user typed. Read with `useSyncExternalStore`:
 * the server render (and hydration) show `initial`, the browser then shows what is stored.
 */
export function usePersistentState<T>(key: string, initial: T, validate: (value: unknown) => value is T) {
  const raw = useSyncExternalStore(
    subscribeStorage,
    () => readRaw(key),
    () => null,
  );
  const value = useMemo(() => decode(raw, initial, validate), [raw, initial, validate]);
  const setValue = useCallback(
    (next: T | ((previous: T) => T)) => {
      const resolved = typeof next === "function" ? (next as (p: T) => T)(decode(readRaw(key), initial, validate)) : next;
      const text = JSON.stringify(resolved);
      written.set(key, text);
      try {
        window.localStorage.setItem(key, text);
      } catch {
        // Quota or private mode: `written` keeps it for this tab.
      }
      notifyStorage();
    },
    [key, initial, validate],
  );
  return [value, setValue] as const;
}
