"use client";

import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { CodeView } from "@/components/ui/code-view";
import type { EventLog, EventRecord } from "@/lib/responses/event-log";
import {
  EVENT_FAMILIES,
  FAMILY_LABELS,
  FilteredEvents,
  isFilterActive,
  summarizeEvent,
  type EventFamily,
  type EventFilter,
} from "@/lib/responses/event-filter";
import { explainEventType } from "@/lib/responses/events";

const ROW_HEIGHT = 28;
const OVERSCAN = 12;

/** How often the list may re-render while events pour in: a fast stream adds hundreds of rows a frame, which nobody
 * reads at that pace, and re-laying out the list every frame cost the page more than the answer did. */
const LIST_UPDATE_MS = 100;

/**
 * The log's version as an external store that tells its subscriber at most every LIST_UPDATE_MS (at once when the
 * list has been quiet that long). The snapshot moves only when the subscriber is told, so React never re-renders
 * the list between two of its updates.
 */
function throttledVersion(log: EventLog) {
  let version = log.version;
  return {
    getSnapshot: () => version,
    subscribe(onChange: () => void) {
      let timer: ReturnType<typeof setTimeout> | null = null;
      let last = -Infinity;
      const update = () => {
        timer = null;
        last = performance.now();
        version = log.version;
        onChange();
      };
      const unsubscribe = log.subscribe(() => {
        if (timer !== null) return;
        const wait = last + LIST_UPDATE_MS - performance.now();
        if (wait <= 0) update();
        else timer = setTimeout(update, wait);
      });
      // Whatever was published before the subscription counts at once.
      if (version !== log.version) update();
      return () => {
        unsubscribe();
        if (timer !== null) clearTimeout(timer);
      };
    },
  };
}

function useLogVersion(log: EventLog): number {
  const source = useMemo(() => throttledVersion(log), [log]);
  return useSyncExternalStore(source.subscribe, source.getSnapshot, source.getSnapshot);
}

function typeColour(type: string): string {
  if (type === "error" || type.endsWith(".failed")) return "text-red-700";
  if (type === "response.completed") return "text-emerald-700";
  if (type === "response.incomplete") return "text-amber-700";
  if (type.endsWith(".delta")) return "text-slate-500";
  return "text-slate-800";
}

/** The events of one output item, shown instead of the whole log (set by the item's "events" button). */
export interface ItemEventFilter {
  key: string;
  label: string;
  indexes: readonly number[];
}

/**
 * Every event of the run, in arrival order, as a virtualised list (only the visible rows exist in the DOM, so 40,000
 * events cost what 40 do). Filter chips by event family, a search over the raw JSON, and an item filter narrow it;
 * selecting an event (click, or arrow keys) shows its JSON and tells the page which output item it changed. Follows
 * the newest event until the user scrolls up.
 *
 * Memoised, and re-rendered by its own throttled subscription to the log: the page re-renders every frame of a
 * stream, the list at most every LIST_UPDATE_MS.
 */
export const EventTimeline = memo(function EventTimeline({
  log,
  selected: selectedProp,
  onSelect,
  itemFilter = null,
  onClearItemFilter,
}: {
  log: EventLog;
  selected?: number | null;
  onSelect?: (index: number | null) => void;
  itemFilter?: ItemEventFilter | null;
  onClearItemFilter?: () => void;
}) {
  useLogVersion(log);
  const [ownSelected, setOwnSelected] = useState<number | null>(null);
  const selected = selectedProp !== undefined ? selectedProp : ownSelected;
  const select = useCallback(
    (index: number | null) => {
      setOwnSelected(index);
      onSelect?.(index);
    },
    [onSelect],
  );

  const [families, setFamilies] = useState<ReadonlySet<EventFamily>>(new Set());
  const [query, setQuery] = useState("");
  const only = useMemo(() => (itemFilter ? new Set(itemFilter.indexes) : null), [itemFilter]);
  const filter = useMemo<EventFilter>(() => ({ families, query, only }), [families, query, only]);
  const view = useMemo(() => new FilteredEvents(filter), [filter]).sync(log);
  const active = isFilterActive(filter);
  const count = active ? view.matches.length : log.length;
  const recordAt = (row: number): EventRecord | undefined => log.get(active ? (view.matches[row] ?? -1) : row);

  const viewport = useRef<HTMLDivElement>(null);
  // A new object per user scroll: the same offset may need a new render (following stopped, or resumed).
  const [{ top: scrollTop }, setScrollPos] = useState({ top: 0 });
  const setScrollTop = (top: number) => setScrollPos({ top });
  const [height, setHeight] = useState(320);
  const follow = useRef(true);
  const lastTop = useRef(0);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Following the stream, the window is the last rows, known without asking the browser (rows have a fixed height).
  // So a batch of events renders the list once: no scroll position goes through state, and no effect re-renders it.
  const bottom = Math.max(0, count * ROW_HEIGHT - height);
  // The follow flag is read in render on purpose: putting it in state cost a second render per batch, and a
  // scroll handler and the layout effect below set it between renders (the e2e follow/scroll test holds this).
  // eslint-disable-next-line react-hooks/refs
  const top = follow.current ? bottom : scrollTop;

  useLayoutEffect(() => {
    if (log.length === 0) {
      // A new run: forget the selection and follow the stream again (before paint, so no stale row flashes).
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setOwnSelected(null);
      follow.current = true;
      lastTop.current = 0;
    }
    const el = viewport.current;
    if (!el || !follow.current) return;
    // Writing scrollTop lays the page out at once; in the next frame's callbacks that is the layout the frame does
    // anyway, where here it would add the whole page's layout to this commit's task.
    const frame = requestAnimationFrame(() => {
      if (!follow.current) return;
      // Set together: the scroll event this causes is ours, and is recognised as such.
      el.scrollTop = bottom;
      lastTop.current = bottom;
    });
    return () => cancelAnimationFrame(frame);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follows new rows, not resizes
  }, [count, log.length]);

  // A selection made elsewhere (e.g. from the output) scrolls its row into view.
  useEffect(() => {
    const el = viewport.current;
    if (!el || selected === null) return;
    const row = active ? view.matches.indexOf(selected) : selected;
    if (row < 0) return;
    const top = row * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      follow.current = false;
      el.scrollTop = Math.max(0, top - el.clientHeight / 2);
      setScrollTop(el.scrollTop);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the selection or the filter changes
  }, [selected, filter]);

  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const slots = Math.max(1, last - first);
  const rows: Array<{ row: number; record: EventRecord }> = [];
  for (let i = first; i < last; i++) {
    const record = recordAt(i);
    if (record) rows.push({ row: i, record });
  }
  const selectedRecord = selected !== null ? log.get(selected) : undefined;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const current = selected === null ? -1 : active ? view.matches.indexOf(selected) : selected;
    const next = Math.min(count - 1, Math.max(0, current + (e.key === "ArrowDown" ? 1 : -1)));
    const record = recordAt(next);
    if (record) select(record.index);
  };

  const toggleFamily = (f: EventFamily) =>
    setFamilies((prev) => {
      const next = new Set(prev);
      if (next.has(f)) next.delete(f);
      else next.add(f);
      return next;
    });

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div className="flex flex-col gap-1.5">
        <input
          type="search"
          aria-label="Search events"
          placeholder="Search type or JSON…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-xs shadow-sm outline-none focus:border-blue-500 focus:ring-2 focus:ring-blue-100"
        />
        <div role="group" aria-label="Filter events by family" className="flex flex-wrap gap-1">
          {EVENT_FAMILIES.map((f) => {
            const n = view.counts[f];
            const on = families.has(f);
            if (n === 0 && !on) return null;
            return (
              <button
                key={f}
                type="button"
                aria-pressed={on}
                onClick={() => toggleFamily(f)}
                className={`rounded-full border px-2 py-px text-[11px] ${
                  on
                    ? "border-blue-500 bg-blue-600 text-white"
                    : f === "errors"
                      ? "border-red-200 bg-red-50 text-red-800 hover:bg-red-100"
                      : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50"
                }`}
              >
                {FAMILY_LABELS[f]} <span className={on ? "text-blue-100" : "text-slate-400"}>{n}</span>
              </button>
            );
          })}
          {families.size > 0 || query ? (
            <button
              type="button"
              onClick={() => {
                setFamilies(new Set());
                setQuery("");
              }}
              className="px-1 text-[11px] text-slate-500 underline hover:text-slate-800"
            >
              clear
            </button>
          ) : null}
        </div>
        {itemFilter ? (
          <div role="status" className="flex items-center gap-2 rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900">
            <span className="min-w-0 truncate">
              Events of <span className="font-semibold">{itemFilter.label}</span> ({itemFilter.indexes.length})
            </span>
            <button type="button" onClick={onClearItemFilter} className="ml-auto shrink-0 underline hover:text-amber-700">
              Show all events
            </button>
          </div>
        ) : null}
        {active ? (
          <p className="text-[11px] text-slate-500" aria-live="polite">
            Showing {count} of {log.length} events
          </p>
        ) : null}
      </div>
      <div
        ref={viewport}
        role="list"
        aria-label="Event list"
        tabIndex={0}
        onKeyDown={onKeyDown}
        // Strict containment: a batch of new rows re-lays out this list only, never the page around it.
        style={{ overflowAnchor: "none", contain: "strict" }}
        className="relative min-h-[160px] flex-1 overflow-auto rounded-md border border-slate-200 bg-white font-mono text-[12px] outline-none focus-visible:ring-2 focus-visible:ring-blue-200"
        onScroll={(e) => {
          const el = e.currentTarget;
          // Our own move to the bottom: nothing to do. (State set from a scroll event renders synchronously.)
          if (Math.abs(el.scrollTop - lastTop.current) < 1) return;
          setScrollTop(el.scrollTop);
          // Scroll events arrive a frame late, after new rows may have grown the list: only an upward move is
          // the user leaving the bottom; a downward move that ends within a screen of the bottom resumes following
          // (by the time the event is read, a fast stream may have added more rows than one).
          if (el.scrollTop < lastTop.current - 1) follow.current = false;
          else if (el.scrollTop + 2 * height >= count * ROW_HEIGHT) follow.current = true;
          lastTop.current = el.scrollTop;
        }}
      >
        {log.length === 0 ? <p className="p-3 font-sans text-sm text-slate-500">Events appear here as they stream.</p> : null}
        {log.length > 0 && count === 0 ? <p className="p-3 font-sans text-sm text-slate-500">No event matches.</p> : null}
        <div style={{ height: count * ROW_HEIGHT }} className="relative">
          {rows.map(({ row, record: r }) => {
            const summary = summarizeEvent(r);
            return (
              <button
                // Keyed by slot in the window, not by event: while following a stream every row shows a new event
                // each frame, and reusing the elements turns that into text updates instead of new DOM.
                key={row % slots}
                type="button"
                role="listitem"
                data-event-type={r.type}
                data-event-index={r.index}
                aria-current={selected === r.index ? "true" : undefined}
                onClick={() => select(selected === r.index ? null : r.index)}
                style={{ top: row * ROW_HEIGHT, height: ROW_HEIGHT }}
                className={`absolute left-0 right-0 flex items-center gap-2 border-b border-slate-100 px-2 text-left hover:bg-slate-50 ${
                  selected === r.index ? "bg-amber-50 ring-1 ring-inset ring-amber-300" : ""
                }`}
              >
                <span className="w-9 shrink-0 text-right text-slate-400" title="sequence_number">
                  {r.sequenceNumber ?? "–"}
                </span>
                <span className={`min-w-0 max-w-[62%] shrink truncate ${typeColour(r.type)}`}>{r.type}</span>
                <span className="min-w-0 flex-1 truncate text-slate-400">{summary}</span>
                <span className="w-14 shrink-0 text-right text-slate-400" title="milliseconds since the request was sent">
                  {r.atMs.toFixed(0)} ms
                </span>
              </button>
            );
          })}
        </div>
      </div>
      {selectedRecord ? (
        <div className="flex max-h-[45%] min-h-0 flex-col rounded-md border border-slate-200 bg-white" aria-label="Event detail">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-1.5">
            <div className="min-w-0">
              <div className="truncate font-mono text-xs font-semibold">
                #{selectedRecord.sequenceNumber ?? selectedRecord.index} {selectedRecord.type}
              </div>
              <div className="text-xs text-slate-500">{explainEventType(selectedRecord.type)}</div>
            </div>
            <button type="button" className="ml-2 text-xs text-slate-500 hover:text-slate-900" onClick={() => select(null)}>
              Close
            </button>
          </div>
          <CodeView
            code={selectedRecord.data !== null ? JSON.stringify(selectedRecord.data, null, 2) : selectedRecord.raw}
            lang={selectedRecord.data !== null ? "json" : null}
            className="min-h-0 flex-1 rounded-none bg-white"
            label="Event JSON"
          />
        </div>
      ) : null}
    </div>
  );
});
