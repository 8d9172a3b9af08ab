"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { EventLog } from "@/lib/responses/event-log";
import { itemEventCount } from "@/lib/responses/reducer";
import type { ItemView, RunState } from "@/lib/responses/run-state";
import type { ItemEventFilter } from "./event-timeline";

/** The output item an event touched (by the links the reducer recorded), or null. */
export function itemKeyForEvent(items: readonly ItemView[], eventIndex: number): string | null {
  for (const view of items) if (view.eventIndexes.includes(eventIndex)) return view.key;
  return null;
}

const DELTA_TYPES = new Set([
  "response.output_text.delta",
  "response.refusal.delta",
  "response.reasoning_summary_text.delta",
  "response.reasoning_text.delta",
  "response.function_call_arguments.delta",
  "response.custom_tool_call_input.delta",
  "response.mcp_call_arguments.delta",
  "response.code_interpreter_call_code.delta",
]);

const HIGHLIGHT = "rp-event";

/**
 * Marks the text a selected delta added, inside its item, with the CSS Custom Highlight API (no DOM changes, so
 * memoised blocks are untouched). The delta's offset in the raw text is the length of the earlier deltas of the same
 * part; markdown rendering changes the text a little, so the occurrence nearest that proportional place is marked.
 */
function highlightDelta(log: EventLog, eventIndex: number, itemKey: string): void {
  const registry = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
  const HighlightCtor = (globalThis as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightCtor) return;
  registry.delete(HIGHLIGHT);
  const record = log.get(eventIndex);
  const event = record?.data as Record<string, unknown> | null | undefined;
  if (record?.type === "response.output_text.annotation.added" && event) {
    highlightAnnotation(event.annotation, itemKey, (range) => registry.set(HIGHLIGHT, new HighlightCtor(range)));
    return;
  }
  if (!record || !event || !DELTA_TYPES.has(record.type) || typeof event.delta !== "string" || event.delta.trim() === "") return;
  const delta = event.delta.trim();
  const samePart = (e: Record<string, unknown>) =>
    e.type === record.type &&
    e.item_id === event.item_id &&
    e.content_index === event.content_index &&
    e.summary_index === event.summary_index;
  let before = 0;
  let total = 0;
  const itemId = typeof event.item_id === "string" ? event.item_id : null;
  for (let i = 0; i < log.length; i++) {
    const r = log.get(i);
    // Cheap checks on the record first: the log parses an event's JSON again each time its data is read.
    if (!r || r.type !== record.type || (itemId !== null && !r.raw.includes(itemId))) continue;
    const e = r.data as Record<string, unknown> | null;
    if (!e || !samePart(e) || typeof e.delta !== "string") continue;
    if (i < eventIndex) before += e.delta.length;
    total += e.delta.length;
  }
  const root = document.querySelector(`[data-item-key="${CSS.escape(itemKey)}"] > div`);
  if (!root) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Array<{ node: Text; start: number }> = [];
  let text = "";
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push({ node: n as Text, start: text.length });
    text += (n as Text).data;
  }
  const target = total > 0 ? (before / total) * text.length : 0;
  let best = -1;
  for (let at = text.indexOf(delta); at !== -1; at = text.indexOf(delta, at + 1)) {
    if (best === -1 || Math.abs(at - target) < Math.abs(best - target)) best = at;
  }
  if (best === -1) return;
  const locate = (offset: number) => {
    let i = nodes.length - 1;
    while (i > 0 && nodes[i]!.start > offset) i--;
    const entry = nodes[i]!;
    return { node: entry.node, offset: Math.min(offset - entry.start, entry.node.data.length) };
  };
  const start = locate(best);
  const end = locate(best + delta.length);
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  registry.set(HIGHLIGHT, new HighlightCtor(range));
}

/** An added annotation: its citation link (same URL) or file chip (same file id) in the item. */
function highlightAnnotation(annotation: unknown, itemKey: string, mark: (range: Range) => void): void {
  if (typeof annotation !== "object" || annotation === null) return;
  const a = annotation as Record<string, unknown>;
  const root = document.querySelector(`[data-item-key="${CSS.escape(itemKey)}"] > div`);
  if (!root) return;
  let target: Element | undefined;
  if (a.type === "url_citation" && typeof a.url === "string") {
    target = [...root.querySelectorAll("a[data-citation]")].find((el) => el.getAttribute("href") === a.url);
  } else if (typeof a.file_id === "string") {
    target = [...root.querySelectorAll('[data-testid="file-chip"]')].find((el) => el.getAttribute("title")?.includes(a.file_id as string));
  }
  if (!target) return;
  const range = document.createRange();
  range.selectNodeContents(target);
  mark(range);
}

/**
 * The link between the timeline and the output: selecting an event highlights the item it changed (and the text a
 * delta added); asking an item for its events filters the timeline to them. Reset by every new run.
 */
export function useLinkedSelection(state: RunState, log: EventLog) {
  const [selectedEvent, setSelectedEvent] = useState<number | null>(null);
  const [highlightedKey, setHighlightedKey] = useState<string | null>(null);
  const [eventsShownKey, setEventsShownKey] = useState<string | null>(null);
  // Read by `selectEvent` (a click handler): kept current after each commit, so the callback stays stable.
  const itemsRef = useRef(state.items);
  useLayoutEffect(() => {
    itemsRef.current = state.items;
  });

  const selectEvent = useCallback(
    (index: number | null) => {
      setSelectedEvent(index);
      const key = index === null ? null : itemKeyForEvent(itemsRef.current, index);
      setHighlightedKey(key);
      try {
        if (index !== null && key) requestAnimationFrame(() => highlightDelta(log, index, key));
        else (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights?.delete(HIGHLIGHT);
      } catch {
        // Highlighting is a nicety; a browser without the API still gets the ring around the item.
      }
    },
    [log],
  );

  const showEventsOf = useCallback((key: string) => setEventsShownKey((k) => (k === key ? null : key)), []);
  const clearItemFilter = useCallback(() => setEventsShownKey(null), []);

  // A new run (status becomes "connecting") clears the selection: adjusted during render, not in an effect.
  const connecting = state.status === "connecting";
  const [wasConnecting, setWasConnecting] = useState(connecting);
  if (connecting !== wasConnecting) {
    setWasConnecting(connecting);
    if (connecting) {
      setSelectedEvent(null);
      setHighlightedKey(null);
      setEventsShownKey(null);
    }
  }
  useEffect(() => {
    if (connecting) (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights?.delete(HIGHLIGHT);
  }, [connecting]);

  const shown = eventsShownKey ? state.items.find((v) => v.key === eventsShownKey) : undefined;
  const shownCount = shown ? itemEventCount(shown) : 0;
  const itemFilter = useMemo<ItemEventFilter | null>(() => {
    if (!shown) return null;
    const raw = shown.item as { type: string; id?: unknown };
    return {
      key: shown.key,
      label: `${raw.type.replaceAll("_", " ")}${typeof raw.id === "string" ? ` ${raw.id}` : ""}`,
      indexes: shown.eventIndexes,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when the item gains events, not per frame
  }, [eventsShownKey, shownCount]);

  return {
    selectedEvent,
    selectEvent,
    highlightedKey,
    eventsShownKey: shown ? eventsShownKey : null,
    showEventsOf,
    itemFilter,
    clearItemFilter,
  };
}
