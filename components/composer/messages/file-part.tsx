"use client";

import { useRef, useState } from "react";
import { formatBytes } from "@/lib/media/bytes";
import type { Path } from "@/lib/request/path";
import { useComposer, useField } from "../composer-context";
import { IssueList, TextField, compactCls, labelCls, smallBtn } from "../fields";
import { readFileAsDataUrl, uploadFile } from "../media-input";
import { HiddenFileInput } from "./hidden-file-input";
import { omit, type Item } from "./items";

/** An `input_file` part: uploaded (file_id, with progress), embedded (file_data), or by URL. */
type FileSource = "file_id" | "file_data" | "file_url";

export function FilePart({ path, part, label }: { path: Path; part: Item; label: string }) {
  const { set, upstreamHeaders } = useComposer();
  const source: FileSource = part.file_data !== undefined ? "file_data" : part.file_url !== undefined ? "file_url" : "file_id";
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const uploadRef = useRef<HTMLInputElement>(null);
  const embedRef = useRef<HTMLInputElement>(null);
  const base = omit(part, "file_id", "file_data", "file_url", "filename");
  const dataIssues = useField([...path, "file_data"]).issues;

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-1.5">
        <label className={labelCls} htmlFor={`${label}-source`}>
          source
        </label>
        <select
          id={`${label}-source`}
          aria-label={`${label} source`}
          className={`${compactCls} w-auto font-mono text-[12px]`}
          value={source}
          onChange={(e) => set(path, { ...base, [e.target.value]: "" })}
        >
          <option value="file_id">file_id (uploaded)</option>
          <option value="file_data">file_data (embedded)</option>
          <option value="file_url">file_url</option>
        </select>
        {source === "file_id" ? (
          <button
            type="button"
            className={smallBtn}
            onClick={() => uploadRef.current?.click()}
            disabled={progress !== null && progress < 1}
          >
            Upload file…
          </button>
        ) : null}
        {source === "file_data" ? (
          <button type="button" className={smallBtn} onClick={() => embedRef.current?.click()}>
            Choose file…
          </button>
        ) : null}
      </div>
      <HiddenFileInput
        inputRef={uploadRef}
        label={`${label}: upload file`}
        onFile={async (file) => {
          setError(null);
          setUploaded(null);
          setProgress(0);
          try {
            const result = await uploadFile(file, { headers: upstreamHeaders, onProgress: setProgress });
            setUploaded(`${result.filename} · ${formatBytes(result.bytes)} · uploaded as ${result.id}`);
            set(path, { ...base, file_id: result.id });
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          } finally {
            setProgress(null);
          }
        }}
      />
      <HiddenFileInput
        inputRef={embedRef}
        label={`${label}: embed file`}
        onFile={async (file) => {
          set(path, { ...base, filename: file.name, file_data: await readFileAsDataUrl(file) });
        }}
      />
      {progress !== null ? (
        <div className="flex items-center gap-2">
          <progress
            aria-label="Upload progress"
            className="h-1.5 flex-1 overflow-hidden rounded accent-blue-600"
            max={1}
            value={progress}
          />
          <span className="font-mono text-[11px] text-slate-500 tabular-nums">{Math.round(progress * 100)}%</span>
        </div>
      ) : null}
      {uploaded ? <p className="text-[11px] text-emerald-700">{uploaded}</p> : null}
      {error ? (
        <p role="alert" className="text-[11px] text-red-700">
          {error}
        </p>
      ) : null}
      {source === "file_id" ? <TextField path={[...path, "file_id"]} label="file_id" placeholder="file-… (or upload)" keepEmpty /> : null}
      {source === "file_url" ? (
        <TextField path={[...path, "file_url"]} label="file_url" placeholder="https://…/document.pdf" keepEmpty />
      ) : null}
      {source === "file_data" ? (
        <>
          <TextField path={[...path, "filename"]} label="filename" placeholder="document.pdf" />
          <p className="font-mono text-[11px] text-slate-500">
            {typeof part.file_data === "string" && part.file_data !== ""
              ? `file_data: ${part.file_data.slice(0, part.file_data.indexOf(",") + 1) || "base64"} ${formatBytes(Math.floor((part.file_data.length * 3) / 4))}`
              : "No file chosen yet."}
          </p>
          <IssueList issues={dataIssues} />
        </>
      ) : null}
    </div>
  );
}
