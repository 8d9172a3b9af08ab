"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { CodeView } from "@/components/ui/code-view";
import type { EventLog, EventRecord } from "@/lib/responses/event-log";
import { EVENT_EXPLANATIONS, isKnownEventType } from "@/lib/responses/events";

const ROW_HEIGHT = 28;
const OVERSCAN = 12;

function useLogVersion(log: EventLog): number {
  const subscribe = useCallback((fn: () => void) => log.subscribe(fn), [log]);
  return useSyncExternalStore(subscribe, () => log.version, () => 0);
}

function typeColour(type: string): string {
  if (type === "error" || type.endsWith(".failed")) return "text-red-700";
  if (type === "response.completed") return "text-emerald-700";
  if (type === "response.incomplete") return "text-amber-700";
  if (type.endsWith(".delta")) return "text-slate-500";
  return "text-slate-800";
}

/**
 * Every event of the run, in arrival order, as a virtualised list (only the visible rows exist in the DOM,
 * so 40,000 events cost what 40 do). Follows the newest event until the user scrolls up.
 */
export function EventTimeline({ log }: { log: EventLog }) {
  useLogVersion(log);
  const count = log.length;
  const [selected, setSelected] = useState<number | null>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
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

  useEffect(() => {
    if (count === 0) {
      // A new run: forget the selection and follow the stream again.
      setSelected(null);
      follow.current = true;
      lastTop.current = 0;
    }
    const el = viewport.current;
    if (el && follow.current) {
      el.scrollTop = el.scrollHeight;
      lastTop.current = el.scrollTop;
      // Do not wait for a scroll event: none fires when the browser already moved (or anchored) the view.
      setScrollTop(el.scrollTop);
    }
  }, [count]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows: EventRecord[] = [];
  for (let i = first; i < last; i++) {
    const record = log.get(i);
    if (record) rows.push(record);
  }
  const selectedRecord = selected !== null ? log.get(selected) : undefined;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div
        ref={viewport}
        role="list"
        aria-label="Event list"
        style={{ overflowAnchor: "none" }}
        className="relative min-h-[160px] flex-1 overflow-auto rounded-md border border-slate-200 bg-white font-mono text-[12px]"
        onScroll={(e) => {
          const el = e.currentTarget;
          setScrollTop(el.scrollTop);
          // Scroll events arrive a frame late, after new rows may have grown the list: only an upward move is
          // the user leaving the bottom; reaching the bottom again resumes following.
          if (el.scrollTop < lastTop.current - 1) follow.current = false;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT) follow.current = true;
          lastTop.current = el.scrollTop;
        }}
      >
        {count === 0 ? <p className="p-3 font-sans text-sm text-slate-500">Events appear here as they stream.</p> : null}
        <div style={{ height: count * ROW_HEIGHT }} className="relative">
          {rows.map((r) => (
            <button
              key={r.index}
              type="button"
              role="listitem"
              data-event-type={r.type}
              onClick={() => setSelected(r.index)}
              style={{ top: r.index * ROW_HEIGHT, height: ROW_HEIGHT }}
              className={`absolute left-0 right-0 flex items-center gap-2 border-b border-slate-100 px-2 text-left hover:bg-slate-50 ${
                selected === r.index ? "bg-blue-50" : ""
              }`}
            >
              <span className="w-10 shrink-0 text-right text-slate-400" title="sequence_number">
                {r.sequenceNumber ?? "–"}
              </span>
              <span className={`min-w-0 flex-1 truncate ${typeColour(r.type)}`}>{r.type}</span>
              <span className="shrink-0 text-slate-400" title="milliseconds since the request was sent">
                {r.atMs.toFixed(0)} ms
              </span>
            </button>
          ))}
        </div>
      </div>
      {selectedRecord ? (
        <div className="flex max-h-[45%] min-h-0 flex-col rounded-md border border-slate-200 bg-white" aria-label="Event detail">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-1.5">
            <div className="min-w-0">
              <div className="truncate font-mono text-xs font-semibold">{selectedRecord.type}</div>
              <div className="text-xs text-slate-500">
                {isKnownEventType(selectedRecord.type) ? EVENT_EXPLANATIONS[selectedRecord.type] : "An event type this playground does not know; kept as sent."}
              </div>
            </div>
            <button type="button" className="ml-2 text-xs text-slate-500 hover:text-slate-900" onClick={() => setSelected(null)}>
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
}
