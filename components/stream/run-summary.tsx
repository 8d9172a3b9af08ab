"use client";

import { useFormatter, useTranslations } from "next-intl";
import { errorWords } from "@/lib/responses/error-words";
import { Icon } from "./icons";
import type { RunState } from "@/lib/responses/run-state";

/** The badge lives with the one status table shared by the compare view (`./status-badge.tsx`). */
export { StatusBadge } from "./status-badge";

function Figure({ label, value, hint }: { label: string; value: string | number | null | undefined; hint?: string }) {
  return (
    <div className="flex flex-col" title={hint}>
      <span className="text-[11px] uppercase tracking-wide text-slate-500">{label}</span>
      <span className="font-mono text-sm tabular-nums">{value ?? "–"}</span>
    </div>
  );
}

/**
 * Output tokens per second over the generation: from the first event to the end of the run (reasoning tokens are
 * generated in that time too). Null until the run has ended and both are known.
 */
export function tokensPerSecond(state: RunState): number | null {
  const out = state.usage?.output_tokens;
  const { firstEventMs, endMs } = state.timing;
  if (typeof out !== "number" || firstEventMs === null || endMs === null) return null;
  const seconds = (endMs - firstEventMs) / 1000;
  return seconds > 0 ? out / seconds : null;
}

/** Tokens and timing once known: what a developer checks after every run. */
export function UsageBar({ state }: { state: RunState }) {
  const tr = useTranslations("usage");
  const format = useFormatter();
  const u = state.usage;
  const t = state.timing;
  if (!u && t.firstEventMs === null) return null;
  const tps = tokensPerSecond(state);
  const n = (v: number | null | undefined) => (typeof v === "number" ? format.number(v) : v);
  const ms = (v: number | null) => (v !== null ? tr("ms", { value: Math.round(v) }) : null);
  return (
    <section aria-label={tr("region")} className="flex flex-wrap gap-x-6 gap-y-2 rounded-md border border-slate-200 bg-white px-3 py-2">
      <Figure label={tr("inputTokens")} value={n(u?.input_tokens)} />
      <Figure label={tr("cached")} value={n(u?.input_tokens_details?.cached_tokens ?? (u ? 0 : null))} hint={tr("cachedHint")} />
      <Figure label={tr("outputTokens")} value={n(u?.output_tokens)} />
      <Figure label={tr("reasoning")} value={n(u?.output_tokens_details?.reasoning_tokens ?? (u ? 0 : null))} hint={tr("reasoningHint")} />
      <Figure label={tr("totalTokens")} value={n(u?.total_tokens)} />
      <Figure label={tr("firstEvent")} value={ms(t.firstEventMs)} hint={tr("firstEventHint")} />
      <Figure label={tr("firstText")} value={ms(t.firstTextMs)} hint={tr("firstTextHint")} />
      <Figure label={tr("totalTime")} value={ms(t.endMs)} hint={tr("totalTimeHint")} />
      <Figure
        label={tr("tokPerSec")}
        value={tps !== null ? format.number(tps, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : null}
        hint={tr("tokPerSecHint")}
      />
      <Figure
        label={tr("events")}
        value={format.number(state.eventCount)}
        hint={state.unknownEventCount > 0 ? tr("unknownEvents", { count: state.unknownEventCount }) : undefined}
      />
    </section>
  );
}

/** An error in plain words, with the API's own message and code beneath. */
export function ErrorBanner({ state }: { state: RunState }) {
  const error = state.error;
  const t = useTranslations("runEnd");
  if (!error) return null;
  const words = errorWords(error);
  const facts: Array<[string, string]> = [];
  if (error.status) facts.push(["HTTP", String(error.status)]);
  if (error.source === "event") facts.push([t("from"), t("errorEvent")]);
  if (error.source === "response") facts.push([t("from"), "response.failed"]);
  if (error.code) facts.push(["code", error.code]);
  if (error.type) facts.push(["type", error.type]);
  if (error.param) facts.push(["param", error.param]);
  if (error.retryAfterSeconds != null) facts.push(["retry-after", t("retryAfter", { seconds: error.retryAfterSeconds })]);
  return (
    <div role="alert" className="flex gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      <Icon name="alert" className="mt-0.5 h-4 w-4 text-red-700" />
      <div className="min-w-0">
        <p className="font-semibold">{words.title}</p>
        <p className="mt-0.5">{words.hint}</p>
        <p className="mt-1 break-words font-mono text-xs text-red-800">{error.message}</p>
        {facts.length > 0 ? (
          <p className="mt-1 flex flex-wrap gap-1.5">
            {facts.map(([k, v]) => (
              <span key={k} className="rounded bg-red-100 px-1.5 py-px font-mono text-[11px] text-red-800">
                {k}: {v}
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Why a run ended short, when it did. */
export function EndNote({ state }: { state: RunState }) {
  const t = useTranslations("runEnd");
  if (state.status === "incomplete") {
    const reason = state.incompleteReason;
    const why = !reason ? t("reason.none") : isKnownReason(reason) ? t(`reason.${reason}`) : reason.replaceAll("_", " ");
    return (
      <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
        <span className="font-semibold">{t("incomplete")}</span> {t("incompleteKept", { why })}
      </p>
    );
  }
  if (state.status === "cancelled") return <p className="text-sm text-slate-600">{t("stopped")}</p>;
  if (state.status === "interrupted") return <p className="text-sm text-amber-800">{t("interrupted")}</p>;
  return null;
}

/** The `incomplete_details.reason` values the catalogs explain (lib/responses/error-words.ts names the same ones). */
const KNOWN_REASONS = ["max_output_tokens", "content_filter", "steered", "max_messages"] as const;
function isKnownReason(reason: string): reason is (typeof KNOWN_REASONS)[number] {
  return (KNOWN_REASONS as readonly string[]).includes(reason);
}
