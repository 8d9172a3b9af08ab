"use client";

/**
 * Same-tab change notices for values kept in Web Storage, so hooks can read storage with `useSyncExternalStore`
 * (the browser's `storage` event fires only in other tabs). Writers call `notifyStorage()` after writing.
 */
const listeners = new Set<() => void>();

export function subscribeStorage(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function notifyStorage(): void {
  for (const listener of listeners) listener();
}
