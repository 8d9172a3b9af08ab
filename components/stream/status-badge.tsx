import { useTranslations } from "next-intl";
import type { ChatStatus } from "@/lib/chat/reducer";
import type { RunStatus } from "@/lib/responses/run-state";

/** Every status a run shows, Responses and Chat Completions alike: one colour each (the label is `status.<status>`). */
const STATUS_BADGE: Record<RunStatus | ChatStatus, { cls: string }> = {
  idle: { cls: "bg-slate-100 text-slate-600" },
  connecting: { cls: "bg-blue-100 text-blue-800" },
  queued: { cls: "bg-blue-100 text-blue-800" },
  in_progress: { cls: "bg-blue-100 text-blue-800" },
  streaming: { cls: "bg-blue-100 text-blue-800" },
  completed: { cls: "bg-emerald-100 text-emerald-800" },
  done: { cls: "bg-emerald-100 text-emerald-800" },
  incomplete: { cls: "bg-amber-100 text-amber-800" },
  failed: { cls: "bg-red-100 text-red-800" },
  cancelled: { cls: "bg-slate-200 text-slate-700" },
  interrupted: { cls: "bg-amber-100 text-amber-800" },
};

/** A run's status as a badge; `testId` tells the run summary's badge (`run-status`) from a chat column's. */
export function StatusBadge({ status, testId = "run-status" }: { status: RunStatus | ChatStatus; testId?: string }) {
  const t = useTranslations("status");
  const s = STATUS_BADGE[status];
  return (
    <span data-testid={testId} data-status={status} className={`rounded-full px-2 py-0.5 text-xs font-medium ${s.cls}`}>
      {t(status)}
    </span>
  );
}
