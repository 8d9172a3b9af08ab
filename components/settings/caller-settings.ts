"use client";

import { useCallback, useEffect, useState } from "react";

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

export function useCallerSettings() {
  const [settings, setSettings] = useState<CallerSettings>(EMPTY);
  useEffect(() => setSettings(loadCallerSettings()), []);
  const save = useCallback((next: CallerSettings) => {
    saveCallerSettings(next);
    setSettings({ ...next, apiKey: next.apiKey.trim(), baseUrl: next.baseUrl.trim() });
  }, []);
  return { settings, save };
}
