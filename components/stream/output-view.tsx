"use client";

import { useMemo } from "react";
import type { ItemView, RunState } from "@/lib/responses/run-state";
import { ItemBlock } from "./items/item-block";
import type { ItemContext } from "./items/shared";
import { isRecord } from "@/lib/is-record";

/** Item context from the request and the run: computer display size, reasoning tokens, `include`. Stable per value. */
export function useItemContext(state: RunState, request: Record<string, unknown> | null): ItemContext {
  const tools = Array.isArray(request?.tools) ? request.tools : Array.isArray(state.response?.tools) ? state.response.tools : [];
  const computer = (tools as unknown[]).find(
    (t) => isRecord(t) && typeof t.display_width === "number" && typeof t.display_height === "number",
  ) as { display_width: number; display_height: number } | undefined;
  const width = computer?.display_width ?? null;
  const height = computer?.display_height ?? null;
  const reasoningTokens = state.usage?.output_tokens_details?.reasoning_tokens ?? null;
  const include = Array.isArray(request?.include) ? (request.include as unknown[]).filter((x): x is string => typeof x === "string") : [];
  const includeKey = include.join("\n");
  return useMemo(
    () => ({
      display: width !== null && height !== null ? { width, height } : null,
      reasoningTokens,
      include: includeKey ? includeKey.split("\n") : [],
    }),
    [width, height, reasoningTokens, includeKey],
  );
}

export interface OutputLinks {
  /** Key of the item an event selected in the timeline belongs to. */
  highlightedKey?: string | null;
  /** Key of the item whose events the timeline is showing. */
  eventsShownKey?: string | null;
  onShowEvents?: (key: string) => void;
}

/** Output items in order; only the item an event changed re-renders. */
export function OutputItems({
  items,
  live,
  context,
  highlightedKey = null,
  eventsShownKey = null,
  onShowEvents,
}: { items: readonly ItemView[]; live: boolean; context: ItemContext } & OutputLinks) {
  return (
    <div className="flex flex-col gap-3">
      {items.map((view, i) => (
        <ItemBlock
          key={view.key}
          view={view}
          live={live && i === items.length - 1}
          highlighted={highlightedKey === view.key}
          eventsShown={eventsShownKey === view.key}
          onShowEvents={onShowEvents}
          context={context}
        />
      ))}
    </div>
  );
}

/** The assembled answer of one run. */
export function OutputView({
  state,
  request = null,
  ...links
}: { state: RunState; request?: Record<string, unknown> | null } & OutputLinks) {
  const context = useItemContext(state, request);
  const live = state.status === "connecting" || state.status === "in_progress" || state.status === "queued";
  if (state.items.length === 0) {
    // An HTTP error: the request was refused before anything was generated; the error banner says why.
    if (state.error?.source === "http") return null;
    return (
      <p className="text-sm text-slate-500">
        {live ? (
          <span className="inline-flex items-center gap-2">
            <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-blue-500" />
            Waiting for the first output…
          </span>
        ) : state.status === "idle" ? (
          "Run a request to see the answer here."
        ) : (
          "No output."
        )}
      </p>
    );
  }
  return <OutputItems items={state.items} live={live} context={context} {...links} />;
}
