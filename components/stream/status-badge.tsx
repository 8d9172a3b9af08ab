import type { ChatStatus } from "@/lib/chat/reducer";
import type { RunStatus } from "@/lib/responses/run-state";

/** Every status a run shows, Responses and Chat Completions alike: one label and one colour each. */
const STATUS_BADGE: Record<RunStatus | ChatStatus, { label: string; cls: string }> = {
  idle: { label: "Ready", cls: "bg-slate-100 text-slate-600" },
  connecting: { label: "Sending…", cls: "bg-blue-100 text-blue-800" },
  queued: { label: "Queued", cls: "bg-blue-100 text-blue-800" },
  in_progress: { label: "Streaming", cls: "bg-blue-100 text-blue-800" },
  streaming: { label: "Streaming", cls: "bg-blue-100 text-blue-800" },
  completed: { label: "Completed", cls: "bg-emerald-100 text-emerald-800" },
  done: { label: "Done", cls: "bg-emerald-100 text-emerald-800" },
  incomplete: { label: "Incomplete", cls: "bg-amber-100 text-amber-800" },
  failed: { label: "Failed", cls: "bg-red-100 text-red-800" },
  cancelled: { label: "Stopped", cls: "bg-slate-200 text-slate-700" },
  interrupted: { label: "Interrupted", cls: "bg-amber-100 text-amber-800" },
};

/** A run's status as a badge; `testId` tells the run summary's badge (`run-status`) from a chat column's. */
export function StatusBadge({ status, testId = "run-status" }: { status: RunStatus | ChatStatus; testId?: string }) {
  const s = STATUS_BADGE[status];
  return (
    <span data-testid={testId} data-status={status} className={`rounded-full px-2 py-0.5 text-xs font-medium ${s.cls}`}>
      {s.label}
    </span>
  );
}
