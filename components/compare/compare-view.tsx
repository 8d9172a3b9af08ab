"use client";

import { useMemo, useSyncExternalStore, type ReactNode } from "react";
import { ErrorBanner } from "@/components/stream/run-summary";
import { StatusBadge } from "@/components/stream/status-badge";
import { Markdown } from "@/components/stream/markdown";
import { OutputView } from "@/components/stream/output-view";
import { useResponseRun } from "@/components/stream/use-response-run";
import { CodeView } from "@/components/ui/code-view";
import { responsesToChat } from "@/lib/chat/responses-to-chat";
import type { ChatRunState } from "@/lib/chat/reducer";
import { isLiveStatus, type RunState } from "@/lib/responses/run-state";
import { isChatLive } from "@/lib/run/chat";
import type { EventLog } from "@/lib/responses/event-log";
import { DroppedList } from "./dropped-list";
import { useChatRun } from "./use-chat-run";

/**
 * The composer's request beside its Chat Completions translation: what is sent to each API, what could not be
 * translated (in plain words), then both sent at once and streamed side by side with usage, timing and raw events.
 */
export function CompareView({ body, headers }: { body: Record<string, unknown>; headers: Record<string, string> }) {
  const responsesBody = useMemo(() => ({ ...body, stream: true }), [body]);
  const translation = useMemo(() => responsesToChat(responsesBody), [responsesBody]);
  const chatJson = useMemo(() => JSON.stringify(translation.body, null, 2), [translation]);
  const responses = useResponseRun();
  const chat = useChatRun();
  const busy = responses.busy || chat.busy;

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <section aria-label="Chat Completions request" className="flex min-w-0 flex-col gap-2">
          <h3 className="text-sm font-semibold text-slate-700">
            <code className="font-mono">POST /v1/chat/completions</code> body
          </h3>
          <CodeView
            code={chatJson}
            lang="json"
            label="Chat Completions body as JSON"
            className="max-h-64 border border-slate-200 bg-white"
          />
        </section>
        <DroppedList dropped={translation.dropped} />
      </div>
      <div className="flex items-center gap-3">
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            void responses.run(responsesBody, { headers });
            void chat.run(translation.body, headers);
          }}
          className="inline-flex h-9 items-center rounded-md bg-blue-600 px-4 text-sm font-semibold text-white hover:bg-blue-700 disabled:opacity-50"
        >
          {busy ? "Running…" : "Run both"}
        </button>
        {busy ? (
          <button
            type="button"
            onClick={() => {
              responses.stop();
              chat.stop();
            }}
            className="inline-flex h-9 items-center rounded-md border border-slate-300 px-3 text-sm"
          >
            Stop
          </button>
        ) : null}
        <p className="text-xs text-slate-500">Both requests are sent at the same moment, streamed, through this app&apos;s proxy.</p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ResponsesColumn runner={responses} request={responsesBody} />
        <ChatColumn state={chat.state} />
      </div>
    </div>
  );
}

const ms = (v: number | null | undefined) => (v != null ? `${Math.round(v)} ms` : "–");

function Facts({ rows }: { rows: Array<[string, string | number | null | undefined]> }) {
  return (
    <dl className="grid grid-cols-3 gap-x-4 gap-y-1 rounded-md border border-slate-200 px-3 py-2 text-xs">
      {rows.map(([label, value]) => (
        <div key={label} className="flex flex-col">
          <dt className="text-[11px] uppercase tracking-wide text-slate-500">{label}</dt>
          <dd className="font-mono tabular-nums">{value ?? "–"}</dd>
        </div>
      ))}
    </dl>
  );
}

/** How many of the newest events each column lists. */
const SHOWN_EVENTS = 400;

function EventList({
  label,
  rows,
  total = rows.length,
}: {
  label: string;
  rows: Array<{ atMs: number; kind: string; summary: string }>;
  total?: number;
}) {
  const shown = rows.slice(-SHOWN_EVENTS);
  return (
    <details className="rounded-md border border-slate-200" open>
      <summary className="cursor-pointer px-3 py-1.5 text-xs font-semibold text-slate-700">
        {label} ({total})
      </summary>
      <ol aria-label={label} className="max-h-56 overflow-auto border-t border-slate-100 font-mono text-[11px] leading-5">
        {shown.map((row, i) => (
          <li key={i} className="flex gap-2 px-3 odd:bg-slate-50">
            <span className="w-14 shrink-0 text-right tabular-nums text-slate-500">{Math.round(row.atMs)}</span>
            <span className="shrink-0 text-blue-800">{row.kind}</span>
            <span className="min-w-0 truncate text-slate-600">{row.summary}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

function ResponsesColumn({ runner, request }: { runner: ReturnType<typeof useResponseRun>; request: Record<string, unknown> }) {
  const { state, log } = runner;
  const version = useSyncExternalStore(log.subscribe, log.getVersion, () => 0);
  // The list shows the newest SHOWN_EVENTS: only those are summarised (a long stream re-renders every frame).
  const rows = useMemo(() => recentRows(log, version), [log, version]);
  const u = state.usage;
  return (
    <section aria-label="Responses" className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 p-3">
      <ColumnHeader title="Responses" path="/v1/responses" id={state.responseId} badge={<StatusBadge status={state.status} />} />
      <ErrorBanner state={state} />
      <div className="min-h-24">
        <OutputView state={state} request={request} />
      </div>
      <Facts
        rows={[
          ["input tokens", u?.input_tokens],
          ["output tokens", u?.output_tokens],
          ["total tokens", u?.total_tokens],
          ["first event", ms(state.timing.firstEventMs)],
          ["first text", ms(state.timing.firstTextMs)],
          ["total", ms(state.timing.endMs)],
          ["end", endOfResponses(state)],
          ["reasoning tokens", u?.output_tokens_details?.reasoning_tokens],
          ["events", state.eventCount],
        ]}
      />
      <EventList label="Responses events" rows={rows} total={log.length} />
    </section>
  );
}

function ChatColumn({ state }: { state: ChatRunState }) {
  const u = state.usage;
  const live = isChatLive(state.status);
  return (
    <section aria-label="Chat Completions" className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 p-3">
      <ColumnHeader
        title="Chat Completions"
        path="/v1/chat/completions"
        id={state.id}
        badge={<StatusBadge status={state.status} testId="chat-status" />}
      />
      {state.error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {state.error.status ? `HTTP ${state.error.status}: ` : ""}
          {state.error.message}
          {state.error.code ? <span className="ml-2 font-mono text-xs">({state.error.code})</span> : null}
        </div>
      ) : null}
      <div className="min-h-24">
        {state.text ? <Markdown text={state.text} /> : null}
        {state.refusal ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Refusal: {state.refusal}</p> : null}
        {state.toolCalls.length > 0 ? (
          <ul aria-label="Tool calls" className="flex flex-col gap-2">
            {state.toolCalls.map((call) => (
              <li
                key={call.index}
                data-testid="chat-tool-call"
                className="rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm"
              >
                <div className="flex flex-wrap items-baseline gap-2">
                  <span className="text-xs text-violet-700">tool_calls[{call.index}]</span>
                  <code className="font-mono font-semibold">{call.name}</code>
                  {call.id ? <span className="font-mono text-xs text-slate-500">{call.id}</span> : null}
                </div>
                <pre className="mt-1 whitespace-pre-wrap break-all font-mono text-xs">{prettyJson(call.arguments)}</pre>
              </li>
            ))}
          </ul>
        ) : null}
        {!state.text && !state.refusal && state.toolCalls.length === 0 ? (
          <p className="text-sm text-slate-500">
            {live ? "Waiting for the first chunk…" : state.status === "idle" ? "Press Run both." : "No output."}
          </p>
        ) : null}
      </div>
      <Facts
        rows={[
          ["prompt tokens", u?.prompt_tokens],
          ["completion tokens", u?.completion_tokens],
          ["total tokens", u?.total_tokens],
          ["first chunk", ms(state.timing.firstByteMs)],
          ["first text", ms(state.timing.firstTextMs)],
          ["total", ms(state.timing.endMs)],
          ["finish_reason", state.finishReason],
          ["reasoning tokens", u?.reasoning_tokens],
          ["chunks", state.chunkCount],
        ]}
      />
      <EventList label="Chat Completions chunks" rows={state.events} />
    </section>
  );
}

function ColumnHeader({ title, path, id, badge }: { title: string; path: string; id: string | null; badge: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-2">
      <h3 className="text-sm font-semibold">
        {title} <code className="ml-1 font-mono text-xs font-normal text-slate-500">{path}</code>
      </h3>
      <div className="flex min-w-0 items-center gap-2">
        {id ? <span className="min-w-0 truncate font-mono text-xs text-slate-500">{id}</span> : null}
        {badge}
      </div>
    </div>
  );
}

function endOfResponses(state: RunState): string | null {
  if (state.status === "incomplete") return `incomplete`;
  if (state.status === "idle" || isLiveStatus(state.status)) return null;
  return state.status;
}

/** The newest SHOWN_EVENTS of the log as list rows; `version` (the log's) is what makes a new list. */
function recentRows(log: EventLog, version: number) {
  void version;
  return log.slice(Math.max(0, log.length - SHOWN_EVENTS)).map((r) => ({ atMs: r.atMs, kind: r.type, summary: eventSummary(r.data) }));
}

function eventSummary(data: unknown): string {
  if (typeof data !== "object" || data === null) return "";
  const d = data as Record<string, unknown>;
  if (typeof d.delta === "string") return JSON.stringify(d.delta);
  const item = d.item as Record<string, unknown> | undefined;
  if (item && typeof item.type === "string") return `${item.type}${typeof item.name === "string" ? ` ${item.name}` : ""}`;
  const response = d.response as Record<string, unknown> | undefined;
  if (response && typeof response.status === "string") return `status ${response.status}`;
  return "";
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
