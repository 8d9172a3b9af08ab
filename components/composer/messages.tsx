"use client";

import { useRef, useState, type ClipboardEvent, type DragEvent } from "react";
import { newMessage, newPart, type Body } from "@/lib/request/defaults";
import { parseDataUrl } from "@/lib/media/data-url";
import { readImageInfo } from "@/lib/media/image-info";
import { IMAGE_DETAIL_CHOICES, ROLES } from "@/lib/request/limits";
import { moveItem, type Path } from "@/lib/request/path";
import { formatBytes } from "@/lib/media/bytes";
import { useComposer, useField } from "./composer-context";
import { Field, IssueList, JsonField, SelectField, TextField, areaCls, compactCls, iconBtn, inputCls, labelCls, smallBtn } from "./fields";
import { describeImage, imageFilesOf, readFileAsDataUrl, readImageFile, uploadFile } from "./media-input";
import { isRecord } from "@/lib/is-record";

/**
 * `input`: a plain string (one "Message" box) or a list of items. Messages get a role and content parts; other
 * items (function_call_output, item_reference, …) are shown as JSON, kept and reorderable. Images can be added
 * by URL, upload, paste or drop; files by upload (file_id, with progress), as file_data, by URL or by id.
 */

type Item = Record<string, unknown>;

function isMessage(item: unknown): item is Item {
  return isRecord(item) && (item.type === undefined || item.type === "message") && "role" in item;
}

/** The input as a list, converting a plain string (and string message content) on first structural edit. */
function asList(input: unknown): Item[] {
  if (Array.isArray(input)) return input as Item[];
  if (typeof input === "string") return [newMessage("user", input)];
  return [];
}

function asParts(content: unknown): Item[] {
  if (Array.isArray(content)) return content as Item[];
  if (typeof content === "string") return [{ type: "input_text", text: content }];
  return [];
}

export function Messages() {
  const { body, set, update } = useComposer();
  const input = body.input;
  const [dropError, setDropError] = useState<string | null>(null);
  const list = Array.isArray(input) ? (input as unknown[]) : null;

  const addImagesTo = async (messageIndex: number | null, files: File[]) => {
    setDropError(null);
    const parts: Item[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const read = await readImageFile(file);
      if (read.ok) parts.push({ type: "input_image", image_url: read.dataUrl, detail: "auto" });
      else problems.push(read.message);
    }
    if (problems.length > 0) setDropError(problems.join(" "));
    if (parts.length === 0) return;
    update((b) => {
      const items = asList(b.input);
      let index = messageIndex ?? lastUserIndex(items);
      if (index === -1) {
        items.push(newMessage("user"));
        index = items.length - 1;
      }
      const next = [...items];
      const message = next[index] as Item;
      next[index] = { ...message, content: [...asParts(message.content), ...parts] };
      return { ...b, input: next };
    });
  };

  const onDrop = (index: number | null) => (e: DragEvent) => {
    const files = imageFilesOf(e.dataTransfer?.files);
    if (files.length === 0) return;
    e.preventDefault();
    e.stopPropagation();
    void addImagesTo(index, files);
  };
  const onPaste = (index: number | null) => (e: ClipboardEvent) => {
    const files = imageFilesOf(e.clipboardData?.files);
    if (files.length === 0) return;
    e.preventDefault();
    void addImagesTo(index, files);
  };

  return (
    <div className="flex flex-col gap-2" onDragOver={(e) => e.preventDefault()} onDrop={onDrop(null)}>
      {list === null ? (
        <PlainInput onPaste={onPaste(null)} onDrop={onDrop(null)} />
      ) : (
        list.map((item, i) =>
          isMessage(item) ? (
            <MessageCard key={i} index={i} onPaste={onPaste(i)} onDrop={onDrop(i)} onAddImages={(files) => void addImagesTo(i, files)} />
          ) : (
            <OtherItemCard key={i} index={i} />
          ),
        )
      )}
      {dropError ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-2 py-1 text-[12px] text-red-800">
          {dropError}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-1.5">
        <button
          type="button"
          className={smallBtn}
          onClick={() => set(["input"], [...asList(input), newMessage(list === null ? "assistant" : "user")])}
        >
          + Message
        </button>
        {list !== null && list.length === 1 && isPlainable(list[0]) ? (
          <button
            type="button"
            className={smallBtn}
            title="Send input as a plain string instead of a list of messages"
            onClick={() => set(["input"], plainText(list[0] as Item))}
          >
            Use plain string input
          </button>
        ) : null}
        <span className="ml-auto text-[11px] text-slate-400">Drop or paste images anywhere here</span>
      </div>
    </div>
  );
}

function lastUserIndex(items: Item[]): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (isMessage(items[i]) && items[i]?.role === "user") return i;
  for (let i = items.length - 1; i >= 0; i -= 1) if (isMessage(items[i])) return i;
  return -1;
}

function isPlainable(item: unknown): boolean {
  if (!isMessage(item) || item.role !== "user" || Object.keys(item).some((k) => k !== "role" && k !== "content" && k !== "type"))
    return false;
  if (typeof item.content === "string") return true;
  return (
    Array.isArray(item.content) &&
    item.content.length === 1 &&
    isRecord(item.content[0]) &&
    item.content[0].type === "input_text" &&
    Object.keys(item.content[0]).length === 2
  );
}

function plainText(item: Item): string {
  if (typeof item.content === "string") return item.content;
  return String((item.content as Item[])[0]?.text ?? "");
}

/** `input` as a plain string: one box, labelled "Message"; adding a part turns it into a message list. */
function PlainInput({ onPaste, onDrop }: { onPaste: (e: ClipboardEvent) => void; onDrop: (e: DragEvent) => void }) {
  const { body, set } = useComposer();
  const f = useField<string>(["input"]);
  const text = typeof body.input === "string" ? body.input : "";
  const toList = (part: Item) => set(["input"], [{ role: "user", content: [{ type: "input_text", text }, part] }]);
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50/60 p-2" onDrop={onDrop}>
      <div className="mb-1 flex items-center gap-2">
        <span className="rounded bg-slate-200 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">user</span>
        <span className="text-[11px] text-slate-400">input as a plain string</span>
      </div>
      <label className="sr-only" htmlFor="composer-message">
        Message
      </label>
      <textarea
        id="composer-message"
        className={`${areaCls} min-h-[96px]`}
        placeholder="Ask something… (Ctrl/⌘ + Enter to run)"
        value={text}
        onPaste={onPaste}
        onChange={(e) => set(["input"], e.target.value)}
      />
      <IssueList issues={f.issues} />
      <div className="mt-1.5 flex gap-1.5">
        <button type="button" className={smallBtn} onClick={() => toList(newPart("input_image"))}>
          + Image
        </button>
        <button type="button" className={smallBtn} onClick={() => toList(newPart("input_file"))}>
          + File
        </button>
      </div>
    </div>
  );
}

function MessageCard({
  index,
  onPaste,
  onDrop,
  onAddImages,
}: {
  index: number;
  onPaste: (e: ClipboardEvent) => void;
  onDrop: (e: DragEvent) => void;
  onAddImages: (files: File[]) => void;
}) {
  const { body, set } = useComposer();
  const items = body.input as Item[];
  const message = items[index] as Item;
  const path: Path = ["input", index];
  const parts = asParts(message.content);
  const [over, setOver] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const name = `Message ${index + 1}`;
  const contentIssues = useField([...path, "content"]).issues;

  const setParts = (next: Item[]) => set([...path, "content"], next);
  const addPart = (part: Item) => setParts([...parts, part]);

  return (
    <section
      aria-label={name}
      className={`rounded-md border bg-white p-2 shadow-xs ${over ? "border-blue-400 ring-2 ring-blue-100" : "border-slate-200"}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        onDrop(e);
      }}
    >
      <div className="mb-1.5 flex items-center gap-1.5">
        <span className="w-5 text-right font-mono text-[11px] text-slate-400">{index + 1}</span>
        <select
          aria-label={`${name} role`}
          className={`${compactCls} w-auto font-mono text-[12px]`}
          value={String(message.role)}
          onChange={(e) => set([...path, "role"], e.target.value)}
        >
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <ItemActions name={name} index={index} items={items} onChange={(next) => set(["input"], next)} />
      </div>
      <div className="flex flex-col gap-1.5">
        {typeof message.content === "string" ? (
          <TextPartBox path={[...path, "content"]} label={index === 0 ? "Message" : `${name} text`} onPaste={onPaste} />
        ) : (
          parts.map((part, j) => (
            <PartEditor
              key={j}
              path={[...path, "content", j]}
              part={part}
              label={`${name} part ${j + 1}`}
              textLabel={index === 0 && j === 0 ? "Message" : `${name} part ${j + 1} text`}
              onPaste={onPaste}
              onRemove={() => setParts(parts.filter((_, k) => k !== j))}
              onMove={(d) => setParts(moveItem(parts, j, j + d))}
              first={j === 0}
              last={j === parts.length - 1}
            />
          ))
        )}
        <IssueList issues={contentIssues} />
      </div>
      <div className="mt-1.5 flex flex-wrap gap-1.5">
        <button type="button" className={smallBtn} onClick={() => addPart(newPart("input_text"))}>
          + Text
        </button>
        <button type="button" className={smallBtn} onClick={() => addPart(newPart("input_image"))}>
          + Image URL
        </button>
        <button type="button" className={smallBtn} onClick={() => fileRef.current?.click()}>
          + Upload image
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          multiple
          className="sr-only"
          aria-label={`${name}: upload image`}
          tabIndex={-1}
          onChange={(e) => {
            const files = imageFilesOf(e.target.files);
            e.target.value = "";
            if (files.length > 0) onAddImages(files);
          }}
        />
        <button type="button" className={smallBtn} onClick={() => addPart(newPart("input_file"))}>
          + File
        </button>
      </div>
    </section>
  );
}

function TextPartBox({ path, label, onPaste }: { path: Path; label: string; onPaste: (e: ClipboardEvent) => void }) {
  const f = useField<string>(path);
  return (
    <div>
      <textarea
        aria-label={label}
        className={`${areaCls} min-h-[64px]`}
        placeholder="Text… (Ctrl/⌘ + Enter to run)"
        value={typeof f.value === "string" ? f.value : ""}
        onPaste={onPaste}
        onChange={(e) => f.set(e.target.value)}
      />
      <IssueList issues={f.issues} />
    </div>
  );
}

function PartEditor({
  path,
  part,
  label,
  textLabel,
  onPaste,
  onRemove,
  onMove,
  first,
  last,
}: {
  path: Path;
  part: Item;
  label: string;
  textLabel: string;
  onPaste: (e: ClipboardEvent) => void;
  onRemove: () => void;
  onMove: (delta: number) => void;
  first: boolean;
  last: boolean;
}) {
  const type = String(part.type ?? "?");
  return (
    <div role="group" aria-label={label} className="rounded border border-slate-100 bg-slate-50/70 p-1.5">
      <div className="mb-1 flex items-center gap-1">
        <span className="font-mono text-[11px] text-slate-500">{type}</span>
        <span className="ml-auto flex">
          <button type="button" className={iconBtn} aria-label={`Move ${label} up`} disabled={first} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" className={iconBtn} aria-label={`Move ${label} down`} disabled={last} onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" className={iconBtn} aria-label={`Remove ${label}`} onClick={onRemove}>
            ✕
          </button>
        </span>
      </div>
      {type === "input_text" || type === "output_text" ? (
        <TextPartBox path={[...path, "text"]} label={textLabel} onPaste={onPaste} />
      ) : type === "input_image" ? (
        <ImagePart path={path} part={part} label={label} />
      ) : type === "input_file" ? (
        <FilePart path={path} part={part} label={label} />
      ) : (
        <JsonField path={path} label="Part JSON" rows={3} allowUndefined={false} />
      )}
    </div>
  );
}

function ImagePart({ path, part, label }: { path: Path; part: Item; label: string }) {
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
          <input
            ref={fileRef}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            className="sr-only"
            tabIndex={-1}
            aria-label={`${label}: choose image`}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (!file) return;
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

function omit(obj: Item, ...keys: string[]): Item {
  const out = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}

type FileSource = "file_id" | "file_data" | "file_url";

function FilePart({ path, part, label }: { path: Path; part: Item; label: string }) {
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
      <input
        ref={uploadRef}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-label={`${label}: upload file`}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (!file) return;
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
      <input
        ref={embedRef}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-label={`${label}: embed file`}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (!file) return;
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

/** Move up, move down and remove, for one item of `input`. */
function ItemActions({ name, index, items, onChange }: { name: string; index: number; items: Item[]; onChange: (next: Item[]) => void }) {
  return (
    <span className="ml-auto flex items-center">
      <button
        type="button"
        className={iconBtn}
        aria-label={`Move ${name} up`}
        disabled={index === 0}
        onClick={() => onChange(moveItem(items, index, index - 1))}
      >
        ↑
      </button>
      <button
        type="button"
        className={iconBtn}
        aria-label={`Move ${name} down`}
        disabled={index === items.length - 1}
        onClick={() => onChange(moveItem(items, index, index + 1))}
      >
        ↓
      </button>
      <button type="button" className={iconBtn} aria-label={`Remove ${name}`} onClick={() => onChange(items.filter((_, i) => i !== index))}>
        ✕
      </button>
    </span>
  );
}

function OtherItemCard({ index }: { index: number }) {
  const { body, set } = useComposer();
  const items = body.input as Item[];
  const item = items[index] as Body;
  const name = `Input item ${index + 1}`;
  return (
    <section aria-label={name} className="rounded-md border border-dashed border-slate-300 bg-white p-2">
      <div className="mb-1 flex items-center gap-1.5">
        <span className="w-5 text-right font-mono text-[11px] text-slate-400">{index + 1}</span>
        <span className="rounded bg-violet-50 px-1.5 py-0.5 font-mono text-[11px] text-violet-700">{String(item.type ?? "item")}</span>
        <ItemActions name={name} index={index} items={items} onChange={(next) => set(["input"], next)} />
      </div>
      <JsonField path={["input", index]} label="Item JSON" rows={4} allowUndefined={false} />
    </section>
  );
}
