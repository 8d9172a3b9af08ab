"use client";

import { errorWords } from "@/lib/responses/error-words";
import type { RunState } from "@/lib/responses/run-state";

const STATUS_STYLE: Record<RunState["status"], { label: string; cls: string }> = {
  idle: { label: "Ready", cls: "bg-slate-100 text-slate-600" },
  connecting: { label: "Sending…", cls: "bg-blue-100 text-blue-800" },
  queued: { label: "Queued", cls: "bg-blue-100 text-blue-800" },
  in_progress: { label: "Streaming", cls: "bg-blue-100 text-blue-800" },
  completed: { label: "Completed", cls: "bg-emerald-100 text-emerald-800" },
  incomplete: { label: "Incomplete", cls: "bg-amber-100 text-amber-800" },
  failed: { label: "Failed", cls: "bg-red-100 text-red-800" },
  cancelled: { label: "Stopped", cls: "bg-slate-200 text-slate-700" },
  interrupted: { label: "Interrupted", cls: "bg-amber-100 text-amber-800" },
};

export function StatusBadge({ status }: { status: RunState["status"] }) {
  const s = STATUS_STYLE[status];
  return (
    <span data-testid="run-status" data-status={status} className={`rounded-full px-2 py-0.5 text-xs font-medium ${s.cls}`}>
      {s.label}
    </span>
  );
}

function Figure({ label, value }: { label: string; value: string | number | null | undefined }) {
  return (
    <div className="flex flex-col">
      <span className="text-[11px] uppercase tracking-wide text-slate-500">{label}</span>
      <span className="font-mono text-sm tabular-nums">{value ?? "–"}</span>
    </div>
  );
}

/** Tokens and timing once known: what a developer checks after every run. */
export function UsageBar({ state }: { state: RunState }) {
  const u = state.usage;
  const t = state.timing;
  if (!u && t.firstEventMs === null) return null;
  return (
    <section aria-label="Usage" className="flex flex-wrap gap-x-6 gap-y-2 rounded-md border border-slate-200 bg-white px-3 py-2">
      <Figure label="Input tokens" value={u?.input_tokens} />
      <Figure label="Cached" value={u?.input_tokens_details?.cached_tokens ?? (u ? 0 : null)} />
      <Figure label="Output tokens" value={u?.output_tokens} />
      <Figure label="Reasoning" value={u?.output_tokens_details?.reasoning_tokens ?? (u ? 0 : null)} />
      <Figure label="First event" value={t.firstEventMs !== null ? `${Math.round(t.firstEventMs)} ms` : null} />
      <Figure label="First text" value={t.firstTextMs !== null ? `${Math.round(t.firstTextMs)} ms` : null} />
      <Figure label="Total" value={t.endMs !== null ? `${Math.round(t.endMs)} ms` : null} />
      <Figure label="Events" value={state.eventCount} />
    </section>
  );
}

/** An error in plain words, with the API's own message and code beneath. */
export function ErrorBanner({ state }: { state: RunState }) {
  const error = state.error;
  if (!error) return null;
  const words = errorWords(error);
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p className="font-semibold">{words.title}</p>
      <p className="mt-0.5">{words.hint}</p>
      <p className="mt-1 break-words font-mono text-xs text-red-800">
        {error.message}
        {error.code ? ` (code: ${error.code})` : ""}
        {error.param ? ` (param: ${error.param})` : ""}
      </p>
    </div>
  );
}

/** Why a run ended short, when it did. */
export function EndNote({ state }: { state: RunState }) {
  if (state.status === "incomplete")
    return (
      <p className="text-sm text-amber-800">
        The answer is incomplete{state.incompleteReason ? `: ${state.incompleteReason.replaceAll("_", " ")}` : ""}.
      </p>
    );
  if (state.status === "cancelled") return <p className="text-sm text-slate-600">Stopped. The output that had arrived is kept.</p>;
  if (state.status === "interrupted")
    return <p className="text-sm text-amber-800">The stream ended before the response finished. The output that had arrived is kept.</p>;
  return null;
}
