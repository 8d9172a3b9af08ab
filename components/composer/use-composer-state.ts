"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { defaultBody, type Body } from "@/lib/request/defaults";
import { createDraftSaver, loadDraft } from "@/lib/request/draft-store";
import { validateRequest } from "@/lib/request/validate";
import { takeHandedOffRequest } from "@/lib/share/handoff";

/**
 * The composer's state: the request body itself, restored from IndexedDB on load and saved after every change
 * (one write at a time, newest wins). A request handed over by a permalink's "Open in playground" wins over
 * the saved draft, once.
 */
export function useComposerState() {
  const [body, setBody] = useState<Body>(defaultBody);
  const [loaded, setLoaded] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const save = useRef<((b: Body) => void) | null>(null);
  const handedOff = useRef<Body | null | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    save.current = createDraftSaver((error) => setSaveError(error ? error.message : null));
    // Taken once per mount and kept in a ref: strict mode runs this effect twice, and the handoff is read-once.
    if (handedOff.current === undefined) {
      handedOff.current = new URLSearchParams(window.location.search).get("from") === "permalink" ? takeHandedOffRequest() : null;
      if (handedOff.current) window.history.replaceState(null, "", "/");
    }
    const handed = handedOff.current;
    loadDraft()
      .then((draft) => {
        if (cancelled) return;
        if (handed) setBody(handed);
        else if (draft) setBody(draft.body);
      })
      .catch((error: unknown) => {
        if (!cancelled) setSaveError(error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        if (!cancelled) setLoaded(true);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (loaded) save.current?.(body);
  }, [body, loaded]);

  const update = useCallback((fn: (b: Body) => Body) => setBody((b) => fn(b)), []);
  const issues = useMemo(() => validateRequest(body), [body]);
  return { body, setBody, update, issues, loaded, saveError };
}
