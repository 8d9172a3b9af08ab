"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * State that a fast stream updates many times a frame: `commit` keeps the newest value in a ref (readers of
 * `ref.current` always see it) and hands it to React at most once per animation frame, or at once when asked.
 */
export function useFrameState<T>(initial: () => T) {
  const [state, setState] = useState<T>(initial);
  const ref = useRef(state);
  const frame = useRef<number | null>(null);

  const flush = useCallback(() => {
    frame.current = null;
    setState(ref.current);
  }, []);

  const commit = useCallback(
    (next: T, immediate = false) => {
      ref.current = next;
      if (immediate) {
        if (frame.current !== null) cancelAnimationFrame(frame.current);
        flush();
      } else if (frame.current === null) {
        frame.current = requestAnimationFrame(flush);
      }
    },
    [flush],
  );

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  return { state, ref, commit };
}
