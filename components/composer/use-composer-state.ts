"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { defaultBody, type Body } from "@/lib/request/defaults";
import { createDraftSaver, loadDraft } from "@/lib/request/draft-store";
import { validateRequest } from "@/lib/request/validate";

/**
 * The composer's state: the request body itself, restored from IndexedDB on load and saved after every change
 * (one write at a time, newest wins). A body from the old localStorage composer is migrated once.
 */
export function useComposerState() {
  const [body, setBody] = useState<Body>(defaultBody);
  const [loaded, setLoaded] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const save = useRef<((b: Body) => void) | null>(null);

  useEffect(() => {
    let cancelled = false;
    save.current = createDraftSaver((error) => setSaveError(error ? error.message : null));
    loadDraft()
      .then((draft) => {
        if (cancelled) return;
        if (draft) setBody(draft.body);
        else {
          const legacy = legacyBody();
          if (legacy) setBody(legacy);
        }
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

/** The pre-IndexedDB composer kept {model, instructions, message, stream} in localStorage. */
function legacyBody(): Body | null {
  try {
    const raw = window.localStorage.getItem("rp.composer.v1");
    if (!raw) return null;
    const old = JSON.parse(raw) as Record<string, unknown>;
    const body: Body = { model: typeof old.model === "string" ? old.model : "local-echo-1", input: typeof old.message === "string" ? old.message : "" };
    if (typeof old.instructions === "string" && old.instructions !== "") body.instructions = old.instructions;
    if (old.stream !== false) body.stream = true;
    return body;
  } catch {
    return null;
  }
}
