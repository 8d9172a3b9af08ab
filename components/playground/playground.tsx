"use client";

import { useMemo, useState } from "react";
import { Composer, DEFAULT_COMPOSER, buildRequestBody, isComposerValue } from "@/components/composer/composer";
import { RequestJsonLite, parseRequestJson } from "@/components/composer/request-json-lite";
import { usePersistentState } from "@/components/composer/use-persistent-state";
import { ConversationView } from "@/components/conversation/conversation-view";
import { EventTimeline } from "@/components/stream/event-timeline";
import { StatusBadge } from "@/components/stream/run-summary";
import { useLinkedSelection } from "@/components/stream/use-linked-selection";
import { useResponseRun } from "@/components/stream/use-response-run";

export interface ServerUpstream {
  kind: "openai" | "local";
  host: string | null;
}

export function Playground({ serverUpstream }: { serverUpstream: ServerUpstream }) {
  const [composer, setComposer] = usePersistentState("rp.composer.v1", DEFAULT_COMPOSER, isComposerValue);
  const [requestJson, setRequestJson] = useState<string | null>(null);
  const runner = useResponseRun();
  const { state, log, run, stop, busy } = runner;
  const links = useLinkedSelection(state, log);
  const upstreamHeaders = useMemo<Record<string, string>>(
    () => (composer.upstream === "local" ? { "x-playground-upstream": "local" } : ({} as Record<string, string>)),
    [composer.upstream],
  );
  const usingLocal = serverUpstream.kind === "local" || composer.upstream === "local";
  const formBody = buildRequestBody(composer);

  return (
    <div className="flex h-dvh flex-col">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-2">
        <div className="flex items-baseline gap-3">
          <h1 className="text-base font-semibold">Responses Playground</h1>
          <span className="text-xs text-slate-500">POST /v1/responses</span>
        </div>
        <span
          data-testid="upstream-badge"
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${usingLocal ? "bg-emerald-100 text-emerald-800" : "bg-indigo-100 text-indigo-800"}`}
          title={usingLocal ? "No API key needed: answers come from the built-in deterministic engine." : "Requests go to the configured upstream with the server's key."}
        >
          {usingLocal ? "Local engine" : serverUpstream.host}
        </span>
      </header>

      <main className="grid min-h-0 flex-1 grid-cols-1 gap-4 overflow-auto p-4 lg:grid-cols-[340px_minmax(0,1fr)_400px] lg:overflow-hidden">
        <section aria-label="Request" className="flex min-h-0 flex-col gap-3 overflow-auto rounded-lg border border-slate-200 bg-white p-4">
          <Composer
            value={composer}
            onChange={setComposer}
            onRun={() => void run(parseRequestJson(requestJson) ?? formBody, { headers: upstreamHeaders })}
            onStop={stop}
            busy={busy}
            serverUpstream={serverUpstream}
            upstreamHeaders={upstreamHeaders}
          />
          <RequestJsonLite formBody={formBody} override={requestJson} onOverride={setRequestJson} />
        </section>

        <section aria-label="Output" className="flex min-h-0 flex-col gap-3 overflow-auto rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex items-center justify-between gap-4">
            <h2 className="text-sm font-semibold text-slate-700">Output</h2>
            <div className="flex min-w-0 items-center gap-2 text-xs text-slate-500">
              {state.responseId ? (
                <span data-testid="response-id" className="min-w-0 truncate font-mono" title="Response id">
                  {state.responseId}
                </span>
              ) : null}
              {state.model ? <span className="shrink-0 font-mono">{state.model}</span> : null}
              <StatusBadge status={state.status} />
            </div>
          </div>
          <ConversationView
            runner={runner}
            links={{ highlightedKey: links.highlightedKey, eventsShownKey: links.eventsShownKey, onShowEvents: links.showEventsOf }}
          />
        </section>

        <section aria-label="Events" className="flex min-h-[420px] flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 lg:min-h-0">
          <div className="flex items-center justify-between">
            <h2 className="text-sm font-semibold text-slate-700">Events</h2>
            <span className="text-xs text-slate-500">{state.eventCount > 0 ? `${state.eventCount} events` : null}</span>
          </div>
          <EventTimeline
            log={log}
            selected={links.selectedEvent}
            onSelect={links.selectEvent}
            itemFilter={links.itemFilter}
            onClearItemFilter={links.clearItemFilter}
          />
        </section>
      </main>
    </div>
  );
}
