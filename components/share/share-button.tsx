"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useMemo, useRef, useState } from "react";
import { isApiErrorBody } from "@/lib/api-error";
import { fragmentUrl, FRAGMENT_SOFT_LIMIT } from "@/lib/share/fragment";
import type { Recording } from "@/lib/share/recording";
import type { ShareCapabilities, ShareCreated } from "@/lib/share/schema";
import { formatBytes } from "@/lib/media/bytes";
import { CopyButton } from "./copy-button";

export interface ShareButtonProps {
  /** The exact request body (what the composer sends to POST /api/v1/responses). */
  request: Record<string, unknown>;
  /**
   * The recording of the last run of this request, if any (`recordingFromRun`), or a function that builds it: called
   * when the dialog opens, since a long run's recording is tens of thousands of events nobody may ever share.
   */
  recording: Recording | null | (() => Recording | null);
  defaultTitle?: string;
  className?: string;
}

type Result = { kind: "permalink"; url: string; removed: string[] } | { kind: "fragment"; url: string; note?: string };

async function fetchCapabilities(): Promise<ShareCapabilities> {
  const res = await fetch("/api/share", { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as ShareCapabilities;
}

class ShareRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

async function createPermalink(payload: {
  title: string;
  request: Record<string, unknown>;
  recording: Recording | null;
}): Promise<ShareCreated> {
  const res = await fetch("/api/share", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (isApiErrorBody(body)) throw new ShareRequestError(body.error.message, body.error.code);
    throw new ShareRequestError(`The server answered HTTP ${res.status}.`, null);
  }
  return body as ShareCreated;
}

const encoder = new TextEncoder();

/**
 * **Share**: stores the request (and, when ticked, the recording of its last run) and gives a short `/p/{id}` link.
 * Where the server keeps no permalinks (`DATABASE_URL=none`), or on request, it makes a self-contained link with
 * the request compressed into the URL fragment instead. Keys never leave: the server scrubs anything key-shaped.
 */
export function ShareButton({ request, recording: recordingProp, defaultTitle = "", className = "" }: ShareButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [title, setTitle] = useState(defaultTitle);
  const [opened, setOpened] = useState<Recording | null>(null);
  const recording = typeof recordingProp === "function" ? opened : recordingProp;
  const [withRecording, setWithRecording] = useState(recording !== null);
  const [result, setResult] = useState<Result | null>(null);
  const capabilities = useQuery({ queryKey: ["share", "capabilities"], queryFn: fetchCapabilities, staleTime: 5 * 60_000 });
  const storage = capabilities.data?.storage ?? "sqlite";
  const maxBytes = capabilities.data?.maxBytes ?? 2 * 1024 * 1024;
  const includeRecording = withRecording && recording !== null && storage !== "none";

  const [isOpen, setIsOpen] = useState(false);
  // Measured only while the dialog is open: a long run's recording is megabytes of JSON, not worth encoding on every
  // render of the header button (it would land in the task that shows the answer's last word).
  const size = useMemo(
    () => (isOpen ? encoder.encode(JSON.stringify({ title, request, recording: includeRecording ? recording : null })).length : 0),
    [isOpen, title, request, recording, includeRecording],
  );
  const tooLarge = size > maxBytes;

  const fragment = useMutation({
    mutationFn: async (note?: string): Promise<Result> => ({
      kind: "fragment",
      url: await fragmentUrl(window.location.origin, { title, request }),
      note,
    }),
    onSuccess: setResult,
  });
  const permalink = useMutation({
    mutationFn: () => createPermalink({ title, request, recording: includeRecording ? recording : null }),
    onSuccess: (created) => setResult({ kind: "permalink", url: created.url, removed: created.removed }),
    onError: (error) => {
      if (error instanceof ShareRequestError && error.code === "share_storage_disabled") {
        fragment.mutate("This server keeps no permalinks, so the request travels inside the link itself.");
      }
    },
  });
  const busy = permalink.isPending || fragment.isPending;
  const error =
    permalink.error && !(permalink.error instanceof ShareRequestError && permalink.error.code === "share_storage_disabled")
      ? permalink.error
      : fragment.error;

  const open = () => {
    setResult(null);
    permalink.reset();
    fragment.reset();
    const current = typeof recordingProp === "function" ? recordingProp() : recordingProp;
    setOpened(current);
    setWithRecording(current !== null);
    // The request may have changed since the last share: suggest a title from it unless the user typed one.
    setTitle((t) => (t.trim() === "" ? defaultTitle : t));
    setIsOpen(true);
    dialog.current?.showModal();
  };

  return (
    <>
      <button
        type="button"
        onClick={open}
        className={`inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600 ${className}`}
      >
        Share
      </button>
      <dialog
        ref={dialog}
        onClose={() => setIsOpen(false)}
        aria-labelledby={`${id}-title`}
        className="m-auto w-[min(520px,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/30"
      >
        <form
          method="dialog"
          className="flex flex-col gap-3 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (storage === "none") fragment.mutate("This server keeps no permalinks, so the request travels inside the link itself.");
            else permalink.mutate();
          }}
        >
          <div className="flex items-center justify-between">
            <h2 id={`${id}-title`} className="text-base font-semibold">
              Share
            </h2>
            <button type="button" onClick={() => dialog.current?.close()} className="text-sm text-slate-500 hover:text-slate-900">
              Close
            </button>
          </div>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Title</span>
            <input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              maxLength={200}
              placeholder="What this request shows"
              className="h-9 rounded-md border border-slate-300 px-2.5 text-sm"
            />
          </label>
          <label className={`flex items-start gap-2 text-sm ${recording === null || storage === "none" ? "text-slate-400" : ""}`}>
            <input
              type="checkbox"
              checked={includeRecording}
              disabled={recording === null || storage === "none"}
              onChange={(e) => setWithRecording(e.target.checked)}
              className="mt-0.5"
            />
            <span>
              Include the recording of the last run
              {recording ? ` (${recording.events.length} events)` : ""}
              <span className="block text-xs text-slate-500">
                {recording === null
                  ? "Run the request first to record it."
                  : storage === "none"
                    ? "This server keeps no permalinks; export the recording as a file instead."
                    : "Anyone with the link can replay it event by event, with no key and no network."}
              </span>
            </span>
          </label>
          <p className="text-xs text-slate-500">
            Keys are never stored: headers are not sent, and anything in the request that looks like a key is removed. Size{" "}
            <span className={tooLarge ? "font-semibold text-red-700" : ""}>{formatBytes(size)}</span> of {formatBytes(maxBytes)}.
          </p>
          {tooLarge ? (
            <p role="alert" className="text-xs text-red-800">
              Too large to store. {includeRecording ? "Untick the recording, or share a shorter run." : "Large images take the most room."}
            </p>
          ) : null}
          {error ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-2.5 py-1.5 text-sm text-red-900">
              {error.message}
            </p>
          ) : null}
          {result ? (
            <div className="flex flex-col gap-1.5 rounded-md border border-emerald-200 bg-emerald-50 p-2.5">
              <label className="flex flex-col gap-1 text-sm">
                <span className="font-medium text-emerald-900">{result.kind === "permalink" ? "Permalink" : "Link (nothing stored)"}</span>
                <input
                  readOnly
                  value={result.url}
                  onFocus={(e) => e.currentTarget.select()}
                  className="h-9 rounded-md border border-emerald-300 bg-white px-2 font-mono text-xs"
                />
              </label>
              <div className="flex items-center gap-2">
                <CopyButton text={result.url} label="Copy link" />
                <a href={result.url} target="_blank" rel="noopener" className="text-xs font-medium text-blue-700 underline">
                  Open in a new tab
                </a>
              </div>
              {result.kind === "permalink" && result.removed.length > 0 ? (
                <p className="text-xs text-amber-800">Removed because they looked like keys: {result.removed.join(", ")}.</p>
              ) : null}
              {result.kind === "fragment" && result.note ? <p className="text-xs text-slate-600">{result.note}</p> : null}
              {result.kind === "fragment" && result.url.length > FRAGMENT_SOFT_LIMIT ? (
                <p className="text-xs text-amber-800">
                  This link is {result.url.length.toLocaleString("en")} characters long; some apps cut long links.
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="flex items-center justify-between gap-2 pt-1">
            <button
              type="button"
              disabled={busy}
              onClick={() => fragment.mutate(undefined)}
              className="text-xs font-medium text-slate-600 underline decoration-slate-300 hover:text-slate-900 disabled:opacity-50"
            >
              Link without storing anything
            </button>
            <button
              type="submit"
              disabled={busy || tooLarge}
              className="inline-flex h-9 items-center rounded-md bg-blue-600 px-4 text-sm font-semibold text-white hover:bg-blue-700 disabled:opacity-50"
            >
              {busy ? "Creating…" : "Create link"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
