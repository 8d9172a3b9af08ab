"use client";

import { useMemo } from "react";
import { Composer, type Upstream } from "@/components/composer/composer";
import { useComposerState } from "@/components/composer/use-composer-state";
import { usePersistentState } from "@/components/composer/use-persistent-state";
import { EventTimeline } from "@/components/stream/event-timeline";
import { OutputView } from "@/components/stream/output-view";
import { EndNote, ErrorBanner, StatusBadge, UsageBar } from "@/components/stream/run-summary";
import { useResponseRun } from "@/components/stream/use-response-run";

export interface ServerUpstream {
  kind: "openai" | "local";
  host: string | null;
}

function isUpstream(v: unknown): v is Upstream {
  return v === "server" || v === "local";
}

export function Playground({ serverUpstream }: { serverUpstream: ServerUpstream }) {
  // The upstream choice is not part of the request body, so it is kept apart from it.
  const [upstream, setUpstream] = usePersistentState<Upstream>("rp.upstream.v1", "server", isUpstream);
  const composer = useComposerState();
  const { state, log, run, stop, busy } = useResponseRun();
  const upstreamHeaders = useMemo<Record<string, string>>(
    () => (upstream === "local" ? { "x-playground-upstream": "local" } : ({} as Record<string, string>)),
    [upstream],
  );
  const usingLocal = serverUpstream.kind === "local" || upstream === "local";

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

      <main className="grid min-h-0 flex-1 grid-cols-1 gap-3 overflow-auto p-3 lg:grid-cols-[440px_minmax(0,1fr)_360px] lg:overflow-hidden">
        <section aria-label="Request" className="flex min-h-[600px] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white lg:min-h-0">
          {composer.loaded ? (
            <Composer
              body={composer.body}
              onChange={composer.update}
              issues={composer.issues}
              onRun={(body) => void run(body, { headers: upstreamHeaders })}
              onStop={stop}
              busy={busy}
              upstream={upstream}
              onUpstream={setUpstream}
              serverUpstream={serverUpstream}
              upstreamHeaders={upstreamHeaders}
              saveError={composer.saveError}
            />
          ) : (
            <p className="p-4 text-sm text-slate-500">Loading your draft…</p>
          )}
        </section>

        <section aria-label="Output" className="flex min-h-0 flex-col gap-3 overflow-auto rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex items-center justify-between">
            <h2 className="text-sm font-semibold text-slate-700">Output</h2>
            <div className="flex items-center gap-2 text-xs text-slate-500">
              {state.responseId ? (
                <span data-testid="response-id" className="font-mono" title="Response id">
                  {state.responseId}
                </span>
              ) : null}
              {state.model ? <span className="font-mono">{state.model}</span> : null}
              <StatusBadge status={state.status} />
            </div>
          </div>
          <ErrorBanner state={state} />
          <OutputView state={state} />
          <EndNote state={state} />
          <UsageBar state={state} />
        </section>

        <section aria-label="Events" className="flex min-h-[420px] flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 lg:min-h-0">
          <div className="flex items-center justify-between">
            <h2 className="text-sm font-semibold text-slate-700">Events</h2>
            <span className="text-xs text-slate-500">{state.eventCount > 0 ? `${state.eventCount} events` : null}</span>
          </div>
          <EventTimeline log={log} />
        </section>
      </main>
    </div>
  );
}
