"use client";

import { useCallback, useSyncExternalStore } from "react";
import { notifyStorage, subscribeStorage } from "@/components/ui/storage-signal";

/**
 * The caller's own API key and base URL. The key lives in sessionStorage (gone when the tab closes), or in
 * localStorage only when the user ticks "Remember on this device". It is sent per request as
 * `Authorization: Bearer …` (and the base URL as `x-playground-base-url`); the server never stores it.
 */
export interface CallerSettings {
  apiKey: string;
  baseUrl: string;
  remember: boolean;
}

const KEY = "rp.caller-settings.v1";
const EMPTY: CallerSettings = { apiKey: "", baseUrl: "", remember: false };

function parse(text: string | null): Omit<CallerSettings, "remember"> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    return { apiKey: typeof v.apiKey === "string" ? v.apiKey : "", baseUrl: typeof v.baseUrl === "string" ? v.baseUrl : "" };
  } catch {
    return null;
  }
}

export function loadCallerSettings(): CallerSettings {
  if (typeof window === "undefined") return EMPTY;
  const remembered = parse(window.localStorage.getItem(KEY));
  if (remembered) return { ...remembered, remember: true };
  const session = parse(window.sessionStorage.getItem(KEY));
  return session ? { ...session, remember: false } : EMPTY;
}

export function saveCallerSettings(s: CallerSettings): void {
  const value = JSON.stringify({ apiKey: s.apiKey.trim(), baseUrl: s.baseUrl.trim() });
  const empty = !s.apiKey.trim() && !s.baseUrl.trim();
  // One place only: remembering moves it to localStorage, forgetting removes it from there.
  window.localStorage.removeItem(KEY);
  window.sessionStorage.removeItem(KEY);
  if (empty) return;
  (s.remember ? window.localStorage : window.sessionStorage).setItem(KEY, value);
}

/** Request headers for these settings (none for the local engine). */
export function callerHeaders(s: CallerSettings): Record<string, string> {
  const h: Record<string, string> = {};
  if (s.apiKey.trim()) h.authorization = `Bearer ${s.apiKey.trim()}`;
  if (s.baseUrl.trim()) h["x-playground-base-url"] = s.baseUrl.trim();
  return h;
}

/** The settings as last read from storage, kept while neither storage changes (a stable snapshot). */
let cached: { local: string | null; session: string | null; settings: CallerSettings } | null = null;

function snapshot(): CallerSettings {
  const local = window.localStorage.getItem(KEY);
  const session = window.sessionStorage.getItem(KEY);
  if (cached === null || cached.local !== local || cached.session !== session) {
    cached = { local, session, settings: loadCallerSettings() };
  }
  return cached.settings;
}

/** Read with `useSyncExternalStore`: empty on the server and while hydrating, then what this tab stored. */
export function useCallerSettings() {
  const settings = useSyncExternalStore(subscribeStorage, snapshot, () => EMPTY);
  const save = useCallback((next: CallerSettings) => {
    saveCallerSettings(next);
    // Shown as saved (trimmed), "remember" included even when there was nothing to store.
    cached = {
      local: window.localStorage.getItem(KEY),
      session: window.sessionStorage.getItem(KEY),
      settings: { ...next, apiKey: next.apiKey.trim(), baseUrl: next.baseUrl.trim() },
    };
    notifyStorage();
  }, []);
  return { settings, save };
}
