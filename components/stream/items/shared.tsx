"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { CodeView } from "@/components/ui/code-view";
import { Icon, type IconName } from "../icons";

/** What an item view may need from the run around it (kept small and stable so items stay memoised). */
export interface ItemContext {
  /** `display_width`/`display_height` of the request's computer tool, for drawing computer actions. */
  display: { width: number; height: number } | null;
  /** `usage.output_tokens_details.reasoning_tokens`, once known. */
  reasoningTokens: number | null;
  /** The run's `include` list, to explain what was (not) asked for. */
  include: readonly string[];
}

export const EMPTY_CONTEXT: ItemContext = { display: null, reasoningTokens: null, include: [] };

export function prettyJson(text: string): { text: string; valid: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), valid: true };
  } catch {
    return { text, valid: false };
  }
}

export type Tone = "slate" | "violet" | "sky" | "emerald" | "amber" | "rose" | "indigo" | "teal" | "orange" | "fuchsia";

const TONES: Record<Tone, { border: string; label: string; bg: string }> = {
  slate: { border: "border-slate-200", label: "text-slate-600", bg: "bg-white" },
  violet: { border: "border-violet-200", label: "text-violet-700", bg: "bg-violet-50/50" },
  sky: { border: "border-sky-200", label: "text-sky-700", bg: "bg-sky-50/50" },
  emerald: { border: "border-emerald-200", label: "text-emerald-700", bg: "bg-emerald-50/40" },
  amber: { border: "border-amber-300", label: "text-amber-800", bg: "bg-amber-50/60" },
  rose: { border: "border-rose-200", label: "text-rose-700", bg: "bg-rose-50/50" },
  indigo: { border: "border-indigo-200", label: "text-indigo-700", bg: "bg-indigo-50/40" },
  teal: { border: "border-teal-200", label: "text-teal-700", bg: "bg-teal-50/40" },
  orange: { border: "border-orange-200", label: "text-orange-700", bg: "bg-orange-50/40" },
  fuchsia: { border: "border-fuchsia-200", label: "text-fuchsia-700", bg: "bg-fuchsia-50/40" },
};

const STATUS_CLS: Record<string, string> = {
  completed: "bg-emerald-100 text-emerald-800",
  in_progress: "bg-blue-100 text-blue-800",
  searching: "bg-blue-100 text-blue-800",
  generating: "bg-blue-100 text-blue-800",
  interpreting: "bg-blue-100 text-blue-800",
  calling: "bg-blue-100 text-blue-800",
  incomplete: "bg-amber-100 text-amber-800",
  failed: "bg-red-100 text-red-800",
};

export function StatusPill({ status }: { status: string | null | undefined }) {
  if (!status) return null;
  const running = STATUS_CLS[status]?.includes("blue");
  return (
    <span
      data-item-status={status}
      className={`inline-flex items-center gap-1 rounded-full px-1.5 py-px text-[10px] font-medium ${STATUS_CLS[status] ?? "bg-slate-100 text-slate-700"}`}
    >
      {running ? <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" /> : null}
      {status.replaceAll("_", " ")}
    </span>
  );
}

/**
 * The frame of one output item: a header (kind, status, id, link to its events) and the body. `highlighted` rings
 * it and scrolls it into view (an event of it was selected in the timeline).
 */
export function ItemShell({
  kind,
  tone = "slate",
  icon,
  status,
  id,
  itemKey,
  eventCount,
  eventsShown,
  onShowEvents,
  highlighted,
  plain = false,
  aside,
  children,
}: {
  kind: string;
  tone?: Tone;
  icon?: IconName;
  status?: string | null;
  id?: string | null;
  itemKey: string;
  eventCount: number;
  eventsShown: boolean;
  onShowEvents?: (key: string) => void;
  highlighted: boolean;
  /** Messages render as prose, without a tinted box. */
  plain?: boolean;
  aside?: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [highlighted]);
  const t = TONES[tone];
  return (
    <article
      ref={ref}
      aria-label={`${kind}${id ? ` ${id}` : ""}`}
      data-item-key={itemKey}
      data-highlighted={highlighted || undefined}
      className={`group/item rounded-lg border transition-shadow ${plain ? "border-transparent bg-white" : `${t.border} ${t.bg}`} ${
        highlighted ? "ring-2 ring-amber-400 ring-offset-2" : ""
      }`}
    >
      <header className={`flex items-center gap-2 px-3 pt-2 ${plain ? "opacity-70 group-hover/item:opacity-100" : ""}`}>
        {icon ? (
          <span className={t.label}>
            <Icon name={icon} />
          </span>
        ) : null}
        <span className={`text-[11px] font-semibold uppercase tracking-wide ${t.label}`}>{kind}</span>
        <StatusPill status={status} />
        {aside}
        <span className="ml-auto flex min-w-0 items-center gap-2">
          {id ? (
            <span className="truncate font-mono text-[10px] text-slate-400" title={id}>
              {id}
            </span>
          ) : null}
          {onShowEvents && eventCount > 0 ? (
            <button
              type="button"
              aria-pressed={eventsShown}
              aria-label={`Show the ${eventCount} events of this ${kind.toLowerCase()}`}
              onClick={() => onShowEvents(itemKey)}
              className={`shrink-0 rounded px-1.5 py-px font-mono text-[10px] ${
                eventsShown ? "bg-amber-200 text-amber-900" : "bg-slate-100 text-slate-600 hover:bg-slate-200"
              }`}
            >
              {eventCount} ev
            </button>
          ) : null}
        </span>
      </header>
      <div className="px-3 pb-3 pt-1.5">{children}</div>
    </article>
  );
}

/** The status steps of a hosted tool call (e.g. in progress → searching → completed). */
export function Steps({ steps, status }: { steps: readonly string[]; status: string | null | undefined }) {
  const failed = status === "failed" || status === "incomplete";
  const at = failed ? -1 : steps.indexOf(status ?? "");
  return (
    <ol className="flex flex-wrap items-center gap-1 text-[11px]" aria-label="Progress">
      {steps.map((step, i) => {
        const done = at >= i;
        const current = at === i && step !== "completed";
        return (
          <li key={step} className="flex items-center gap-1">
            {i > 0 ? <span aria-hidden className={`h-px w-4 ${done ? "bg-emerald-400" : "bg-slate-300"}`} /> : null}
            <span
              aria-current={current ? "step" : undefined}
              className={`rounded-full px-1.5 py-px ${
                current ? "bg-blue-100 text-blue-800" : done ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-400"
              }`}
            >
              {done && !current ? "✓ " : ""}
              {step.replaceAll("_", " ")}
            </span>
          </li>
        );
      })}
      {failed ? <li className="rounded-full bg-red-100 px-1.5 py-px text-red-800">{status}</li> : null}
    </ol>
  );
}

/** Arguments or inputs: raw while they stream, pretty-printed JSON once they are complete and parse. */
export function ArgumentsView({ text, complete, label }: { text: string; complete: boolean; label: string }) {
  if (!complete) {
    return (
      <pre
        aria-label={label}
        className="overflow-auto whitespace-pre-wrap break-all rounded-md bg-white/80 p-2 font-mono text-[12.5px] leading-5 text-slate-700"
      >
        {text}
        <span aria-hidden className="ml-px inline-block h-3.5 w-1.5 translate-y-0.5 animate-pulse bg-slate-400" />
      </pre>
    );
  }
  const pretty = prettyJson(text);
  return (
    <div>
      <CodeView code={pretty.text || "(empty)"} lang={pretty.valid ? "json" : null} className="bg-white/80" label={label} />
      {!pretty.valid && text !== "" ? <p className="mt-1 text-xs text-amber-700">These arguments are not valid JSON.</p> : null}
    </div>
  );
}

export function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 items-baseline gap-2 text-xs">
      <span className="w-20 shrink-0 text-[11px] uppercase tracking-wide text-slate-500">{name}</span>
      <span className="min-w-0 break-words">{children}</span>
    </div>
  );
}
