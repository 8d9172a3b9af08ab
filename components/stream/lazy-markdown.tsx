"use client";

import { createElement, memo, useEffect, useSyncExternalStore, type ComponentProps } from "react";
import type { Markdown as MarkdownView } from "./markdown";

/**
 * The markdown renderer (react-markdown, remark-gfm, micromark: about 40 kB gzipped) loaded on demand, so it does
 * not weigh on the first load of the page: the playground shows no answer until a run. Until it has loaded, the
 * text shows as plain pre-wrapped text. `usePreloadMarkdown` fetches it once the page is idle, so a first answer
 * normally finds it ready.
 */
type MarkdownViewType = typeof MarkdownView;

let View: MarkdownViewType | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

/** Starts loading the renderer (once); every `Markdown` on the page re-renders with it when it arrives. */
export function preloadMarkdown(): Promise<void> {
  loading ??= import("./markdown").then(
    (m) => {
      View = m.Markdown;
      performance.mark?.("rp-markdown-loaded");
      for (const listener of [...listeners]) listener();
    },
    () => {
      loading = null; // a failed chunk load (offline): try again next time
    },
  );
  return loading;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

/**
 * Preloads the markdown renderer: when the browser is idle after the page has loaded, or at once (`immediate`) on
 * pages that show an answer as soon as they open (permalinks).
 */
export function usePreloadMarkdown(immediate = false): void {
  useEffect(() => {
    if (immediate) {
      void preloadMarkdown();
      return;
    }
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(() => void preloadMarkdown(), { timeout: 3000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(() => void preloadMarkdown(), 1000);
    return () => clearTimeout(id);
  }, [immediate]);
}

type MarkdownProps = ComponentProps<MarkdownViewType>;

/** The loaded renderer: one module-level component, set once, so its identity never changes between renders. */
function LoadedMarkdown(props: MarkdownProps) {
  return View ? createElement(View, props) : null;
}

/**
 * Once loaded, the renderer is used synchronously (no Suspense round trip, so a replay that ends at once shows
 * rendered markdown at once). The server and hydration render the plain text, so the two always match.
 */
export const Markdown = memo(function Markdown(props: MarkdownProps) {
  const loaded = useSyncExternalStore(
    subscribe,
    () => View !== null,
    () => false,
  );
  useEffect(() => {
    if (!loaded) void preloadMarkdown();
  }, [loaded]);
  if (loaded) return <LoadedMarkdown {...props} />;
  return (
    <div className="prose-output whitespace-pre-wrap" style={props.size === "sm" ? { fontSize: "13.5px", lineHeight: 1.55 } : undefined}>
      {props.text}
    </div>
  );
});
