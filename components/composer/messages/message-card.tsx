"use client";

import { useRef, useState, type ClipboardEvent, type DragEvent } from "react";
import { newPart, type Body } from "@/lib/request/defaults";
import { ROLES } from "@/lib/request/limits";
import { moveItem, type Path } from "@/lib/request/path";
import { useComposer, useField } from "../composer-context";
import { IssueList, JsonField, areaCls, compactCls, smallBtn } from "../fields";
import { imageFilesOf } from "../media-input";
import { ReorderButtons } from "../reorder-buttons";
import { FilePart } from "./file-part";
import { ImagePart } from "./image-part";
import { asParts, type Item } from "./items";

/** One item of `input`: a message (role and content parts) or any other item, shown as JSON. */

export function MessageCard({
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
        <ReorderButtons name={label} first={first} last={last} onMove={onMove} onRemove={onRemove} />
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

/** Move up, move down and remove, for one item of `input`. */
function ItemActions({ name, index, items, onChange }: { name: string; index: number; items: Item[]; onChange: (next: Item[]) => void }) {
  return (
    <ReorderButtons
      name={name}
      first={index === 0}
      last={index === items.length - 1}
      onMove={(d) => onChange(moveItem(items, index, index + d))}
      onRemove={() => onChange(items.filter((_, i) => i !== index))}
      className="ml-auto flex items-center"
    />
  );
}

export function OtherItemCard({ index }: { index: number }) {
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
