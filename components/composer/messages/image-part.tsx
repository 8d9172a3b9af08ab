"use client";

import { useRef, useState } from "react";
import { formatBytes } from "@/lib/media/bytes";
import { parseDataUrl } from "@/lib/media/data-url";
import { readImageInfo } from "@/lib/media/image-info";
import { IMAGE_DETAIL_CHOICES } from "@/lib/request/limits";
import type { Path } from "@/lib/request/path";
import { useComposer, useField } from "../composer-context";
import { Field, SelectField, TextField, inputCls, smallBtn } from "../fields";
import { describeImage, readImageFile } from "../media-input";
import { HiddenFileInput } from "./hidden-file-input";
import { omit, type Item } from "./items";

/** An `input_image` part: a thumbnail, then the URL (or data URL summary, or file_id), detail and upload. */
export function ImagePart({ path, part, label }: { path: Path; part: Item; label: string }) {
  const { set } = useComposer();
  const url = typeof part.image_url === "string" ? part.image_url : "";
  const isData = url.startsWith("data:");
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const info = isData ? dataUrlInfo(url) : null;
  const bySource = part.file_id !== undefined ? "file" : "url";
  const urlIssues = useField([...path, "image_url"]).issues;
  // A URL that does not load (offline, a typo) shows a note instead of a broken image.
  const [brokenUrl, setBrokenUrl] = useState<string | null>(null);

  return (
    <div className="flex gap-2">
      <div className="flex h-16 w-16 shrink-0 items-center justify-center overflow-hidden rounded border border-slate-200 bg-[repeating-conic-gradient(#f1f5f9_0_25%,#fff_0_50%)] bg-[length:12px_12px]">
        {url !== "" && (isData || /^https?:\/\//.test(url)) && brokenUrl !== url ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={url} alt={`Thumbnail of ${label}`} className="max-h-full max-w-full object-contain" onError={() => setBrokenUrl(url)} />
        ) : (
          <span className="px-1 text-center text-[10px] leading-tight text-slate-400">
            {url === "" ? "no image" : "preview not loaded"}
          </span>
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        {bySource === "file" ? (
          <TextField path={[...path, "file_id"]} label="file_id" placeholder="file-…" keepEmpty />
        ) : isData ? (
          <div className="flex items-center gap-1.5">
            <span className="truncate font-mono text-[12px] text-slate-700" data-testid="image-summary">
              {info ?? "data URL"}
            </span>
            <button type="button" className={smallBtn} onClick={() => set([...path, "image_url"], "")}>
              Use a URL
            </button>
          </div>
        ) : (
          <Field label="image_url" issues={urlIssues}>
            {(id) => (
              <input
                id={id}
                aria-label={`${label} image URL`}
                className={`${inputCls} font-mono`}
                placeholder="https://… or upload / paste / drop"
                value={url}
                spellCheck={false}
                onChange={(e) => set([...path, "image_url"], e.target.value)}
              />
            )}
          </Field>
        )}
        <div className="flex flex-wrap items-end gap-1.5">
          <SelectField path={[...path, "detail"]} label="detail" options={IMAGE_DETAIL_CHOICES} className="w-24" />
          <button type="button" className={smallBtn} onClick={() => fileRef.current?.click()}>
            Upload…
          </button>
          <button
            type="button"
            className={smallBtn}
            onClick={() =>
              set(path, bySource === "file" ? { ...omit(part, "file_id"), image_url: "" } : { ...omit(part, "image_url"), file_id: "" })
            }
          >
            {bySource === "file" ? "By URL" : "By file_id"}
          </button>
          <HiddenFileInput
            inputRef={fileRef}
            accept="image/png,image/jpeg,image/webp,image/gif"
            label={`${label}: choose image`}
            onFile={async (file) => {
              const read = await readImageFile(file);
              if (!read.ok) return setError(read.message);
              setError(null);
              set(path, { ...omit(part, "file_id"), image_url: read.dataUrl });
            }}
          />
        </div>
        {error ? (
          <p role="alert" className="text-[11px] text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function dataUrlInfo(url: string): string | null {
  const data = parseDataUrl(url);
  if (!data) return null;
  const info = readImageInfo(data.bytes);
  return info ? `Uploaded ${describeImage(info, data.bytes.byteLength)}` : `data URL, ${formatBytes(data.bytes.byteLength)}`;
}
