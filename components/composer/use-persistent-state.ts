"use client";

import { useEffect, useRef, useState } from "react";

/**
 * State mirrored to localStorage, so a reload never loses what the user typed. Reads after mount
 * (the server render has no storage), writes on every change.
 */
export function usePersistentState<T>(key: string, initial: T, validate: (value: unknown) => value is T) {
  const [value, setValue] = useState<T>(initial);
  const loaded = useRef(false);
  useEffect(() => {
    try {
      const raw = window.localStorage.getItem(key);
      if (raw !== null) {
        const parsed: unknown = JSON.parse(raw);
        if (validate(parsed)) setValue(parsed);
      }
    } catch {
      // Corrupt or unavailable storage: keep the defaults.
    }
    loaded.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(() => {
    if (!loaded.current) return;
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Quota or private mode: the page still works, it just forgets on reload.
    }
  }, [key, value]);
  return [value, setValue] as const;
}
