"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, type ReactNode } from "react";
import { EventTimeline } from "@/components/stream/event-timeline";
import { usePreloadMarkdown } from "@/components/stream/lazy-markdown";
import { OutputView } from "@/components/stream/output-view";
import { EndNote, ErrorBanner, StatusBadge, UsageBar } from "@/components/stream/run-summary";
import { CodeView } from "@/components/ui/code-view";
import { handOffRequest, HANDOFF_URL } from "@/lib/share/handoff";
import { recordingFileName, recordingToFileText, type Recording } from "@/lib/share/recording";
import { ChatTranslation } from "./chat-translation";
import { CodeExport } from "./code-export";
import { CopyButton } from "./copy-button";
import { ReplayControls } from "./replay-controls";
import { RequestSummary } from "./request-summary";
import { useReplay } from "./use-replay";

export interface PermalinkViewProps {
  title: string;
  request: Record<string, unknown>;
  recording: Recording | null;
  /** Where this came from, for the header line. */
  source: "permalink" | "link" | "file";
  /** ISO date the permalink was created. */
  createdAt?: string;
  /** The page's own URL, for "Copy link" (absent for an imported file). */
  shareUrl?: string;
  /** The request summary rendered on the server (the permalink page); rendered here when absent. */
  summary?: ReactNode;
  /** Extra header actions (e.g. Share on the import page). */
  actions?: ReactNode;
}

const secondary =
  "inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600";

function downloadRecording(recording: Recording, title: string) {
  const withTitle = recording.title ? recording : { ...recording, title };
  const blob = new Blob([recordingToFileText(withTitle)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = recordingFileName(withTitle);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function formatDate(iso: string | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  // Fixed locale and zone: the server and the browser must print the same text (no hydration mismatch).
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * A shared request and its recorded run: the request as a form and as JSON, working code for it, and the run
 * replayed through the same components as a live one (OutputView, EventTimeline, UsageBar, ErrorBanner), with
 * play, pause, speed, step and scrub. Opening it never sends a request.
 */
export function PermalinkView({ title, request, recording, source, createdAt, shareUrl, summary, actions }: PermalinkViewProps) {
  // The recorded answer shows as soon as the replay starts: fetch its renderer now, not when the page is idle.
  usePreloadMarkdown(true);
  const router = useRouter();
  const replay = useReplay(recording);
  const { state } = replay;
  const json = useMemo(() => JSON.stringify(request, null, 2), [request]);
  const created = formatDate(createdAt);
  const sourceLabel =
    source === "permalink" ? "Shared permalink" : source === "link" ? "Shared link (request in the URL)" : "Imported recording";

  return (
    <div className="flex h-dvh flex-col">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2.5">
        <div className="min-w-0">
          <div className="flex items-center gap-2 text-xs text-slate-500">
            <Link href="/" className="font-semibold text-slate-700 hover:text-slate-900">
              Responses Playground
            </Link>
            <span aria-hidden="true">/</span>
            <span>{sourceLabel}</span>
            {created ? <span className="text-slate-400">· {created}</span> : null}
          </div>
          <h1 className="truncate text-base font-semibold text-slate-900" title={title}>
            {title}
          </h1>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {actions}
          {shareUrl ? <CopyButton text={shareUrl} label="Copy link" className="h-8 px-3 text-sm" /> : null}
          {recording ? (
            <button type="button" className={secondary} onClick={() => downloadRecording(recording, title)}>
              Export recording
            </button>
          ) : null}
          <button
            type="button"
            className="inline-flex h-8 items-center rounded-md bg-blue-600 px-3 text-sm font-semibold text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
            onClick={() => {
              handOffRequest(request);
              router.push(HANDOFF_URL);
            }}
          >
            Open in playground
          </button>
        </div>
      </header>

      <main className="grid min-h-0 flex-1 grid-cols-1 gap-4 overflow-auto p-4 lg:grid-cols-[380px_minmax(0,1fr)_400px] lg:overflow-hidden">
        <section aria-label="Request" className="flex min-h-0 flex-col gap-4 overflow-auto rounded-lg border border-slate-200 bg-white p-4">
          <div>
            <div className="mb-1 flex items-center justify-between">
              <h2 className="text-sm font-semibold text-slate-700">Request</h2>
              <span className="font-mono text-[11px] text-slate-400">POST /v1/responses</span>
            </div>
            {summary ?? <RequestSummary request={request} />}
          </div>
          <div>
            <div className="mb-1.5 flex items-center justify-between">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">JSON body</h3>
              <CopyButton text={json} label="Copy JSON" />
            </div>
            <CodeView code={json} lang="json" label="Request JSON" className="max-h-[360px] border border-slate-200 bg-white" />
          </div>
          <ChatTranslation request={request} />
          <div>
            <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Code</h3>
            <CodeExport body={request} />
          </div>
        </section>

        <section aria-label="Output" className="flex min-h-0 flex-col gap-3 overflow-auto rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex items-center justify-between gap-3">
            <h2 className="shrink-0 text-sm font-semibold text-slate-700">{recording ? "Recorded run" : "Output"}</h2>
            <div className="flex min-w-0 items-center gap-2 text-xs text-slate-500">
              {state.responseId ? (
                <span className="min-w-0 truncate font-mono" title={state.responseId}>
                  {state.responseId}
                </span>
              ) : null}
              {state.model ? <span className="shrink-0 font-mono">{state.model}</span> : null}
              {recording ? <StatusBadge status={state.status} /> : null}
            </div>
          </div>
          {recording ? (
            <>
              <ReplayControls replay={replay} />
              <ErrorBanner state={state} />
              {replay.position === 0 && !replay.playing ? (
                <p className="text-sm text-slate-500">
                  The answer appears here as the recording plays: the same view as a live run, event by event.
                </p>
              ) : (
                <OutputView state={state} />
              )}
              <EndNote state={state} />
              <UsageBar state={state} />
            </>
          ) : (
            <div className="rounded-md border border-dashed border-slate-300 bg-slate-50 p-4 text-sm text-slate-600">
              <p className="font-medium text-slate-800">No recorded run was shared with this request.</p>
              <p className="mt-1">
                Open it in the playground to run it yourself (on the built-in local engine it needs no key), or copy the code.
              </p>
            </div>
          )}
        </section>

        <section
          aria-label="Events"
          className="flex min-h-[420px] flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 lg:min-h-0"
        >
          <div className="flex items-center justify-between">
            <h2 className="text-sm font-semibold text-slate-700">Events</h2>
            <span className="text-xs text-slate-500">
              {recording ? `${replay.track?.eventCount ?? 0} recorded · click one to read it` : null}
            </span>
          </div>
          {recording ? (
            <EventTimeline log={replay.log} />
          ) : (
            <p className="text-sm text-slate-500">A shared request without a recording has no events to show.</p>
          )}
        </section>
      </main>
    </div>
  );
}
