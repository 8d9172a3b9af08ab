"use client";

import Link from "next/link";
import { useState } from "react";
import { parseRecording, type Recording } from "@/lib/share/recording";
import { PermalinkView } from "./permalink-view";
import { ShareButton } from "./share-button";

/**
 * Import a recording file and replay it. The file is read in the browser and never uploaded, unless the user
 * chooses Share. This is how a run recorded against OpenAI is replayed in a classroom without network or key.
 */
export function RecordingImport() {
  const [recording, setRecording] = useState<{ recording: Recording; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const parsed = parseRecording(await file.text());
    if (parsed.ok) setRecording({ recording: parsed.recording, name: file.name });
    else setError(`${file.name}: ${parsed.error}`);
  };

  if (recording) {
    const title = recording.recording.title ?? recording.name.replace(/\.recording\.json$|\.json$/i, "");
    return (
      <PermalinkView
        title={title}
        request={recording.recording.request}
        recording={recording.recording}
        source="file"
        actions={
          <>
            <button
              type="button"
              onClick={() => setRecording(null)}
              className="h-8 rounded-md px-2 text-sm text-slate-600 hover:text-slate-900"
            >
              Open another file
            </button>
            <ShareButton request={recording.recording.request} recording={recording.recording} defaultTitle={title} />
          </>
        }
      />
    );
  }

  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-4 p-6">
      <div>
        <Link href="/" className="text-xs font-semibold uppercase tracking-wide text-slate-500 hover:text-slate-800">
          Responses Playground
        </Link>
        <h1 className="mt-1 text-xl font-semibold">Replay a recording</h1>
        <p className="mt-1 text-sm text-slate-600">
          Open a <code className="font-mono">.recording.json</code> file saved with <em>Export recording</em>. It replays here event by
          event, with no API key and no network; the file stays on this computer.
        </p>
      </div>
      <label
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void readFile(e.dataTransfer.files[0]);
        }}
        className={`flex cursor-pointer flex-col items-center gap-2 rounded-lg border-2 border-dashed p-8 text-center text-sm ${
          dragging ? "border-blue-500 bg-blue-50" : "border-slate-300 bg-white hover:border-slate-400"
        }`}
      >
        <span className="font-medium text-slate-800">Drop a recording here, or choose a file</span>
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Recording file"
          className="text-xs"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
      </label>
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      ) : null}
    </main>
  );
}
