"use client";

import { useMutation, useQuery } from "@tanstack/react-query";

/**
 * A background response (`background: true`): its steps (queued → in progress → done), polled from
 * `GET /api/v1/responses/{id}` while unfinished (a non-streamed background request gets only the queued snapshot),
 * a **Cancel** button (`POST /api/v1/responses/{id}/cancel`), and the request's `background_options` when set.
 * Takes only an id and the status the run knows, so it does not depend on how the run loop is built.
 */

const TERMINAL = new Set(["completed", "incomplete", "failed", "cancelled"]);
const STEPS = [
  { key: "queued", label: "Queued" },
  { key: "in_progress", label: "In progress" },
  { key: "done", label: "Done" },
] as const;

type Polled = { status?: string; error?: { message?: string } | null };

export function BackgroundRun({
  responseId,
  status,
  headers,
  options,
}: {
  responseId: string;
  status: string;
  headers: Record<string, string>;
  /** The request's `background_options`, shown as sent. */
  options?: unknown;
}) {
  const runEnded = TERMINAL.has(status);
  const polled = useQuery({
    queryKey: ["background-response", responseId],
    queryFn: async ({ signal }) => {
      const res = await fetch(`/api/v1/responses/${encodeURIComponent(responseId)}`, { headers, signal });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as Polled;
    },
    enabled: !runEnded,
    refetchInterval: (q) => (TERMINAL.has(q.state.data?.status ?? "") ? false : 1000),
    retry: false,
    staleTime: 0,
  });
  const cancel = useMutation({
    mutationFn: async () => {
      const res = await fetch(`/api/v1/responses/${encodeURIComponent(responseId)}/cancel`, { method: "POST", headers });
      const json = (await res.json().catch(() => null)) as Polled | null;
      if (!res.ok) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
      return json ?? {};
    },
  });

  // The freshest word wins: the cancel answer, then the run's own end, then the last poll.
  const current = cancel.data?.status ?? (runEnded ? status : (polled.data?.status ?? status));
  const done = TERMINAL.has(current);
  const at = done ? 2 : current === "in_progress" ? 1 : 0;
  return (
    <div data-testid="background-run" data-status={current} className="flex flex-wrap items-center gap-2 text-xs">
      <span className="font-medium text-slate-600">Background</span>
      <ol className="flex items-center gap-1" aria-label="Background progress">
        {STEPS.map((step, i) => (
          <li
            key={step.key}
            aria-current={i === at ? "step" : undefined}
            className={`rounded-full px-2 py-0.5 ${i === at ? "bg-blue-600 text-white" : i < at ? "bg-blue-100 text-blue-800" : "bg-slate-100 text-slate-500"}`}
          >
            {step.key === "done" && done ? current.replace("_", " ") : step.label}
          </li>
        ))}
      </ol>
      {!done ? (
        <button
          type="button"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate()}
          className="rounded-md border border-slate-300 px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50"
        >
          {cancel.isPending ? "Cancelling…" : "Cancel"}
        </button>
      ) : null}
      {cancel.isError ? (
        <span role="alert" className="text-red-700">
          Cancel failed: {cancel.error.message}
        </span>
      ) : null}
      {options !== undefined && options !== null ? (
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700" title="background_options, as sent">
          background_options: {JSON.stringify(options)}
        </code>
      ) : null}
    </div>
  );
}
