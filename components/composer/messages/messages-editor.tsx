"use client";

import { useState, type ClipboardEvent, type DragEvent } from "react";
import { newMessage, newPart } from "@/lib/request/defaults";
import { isRecord } from "@/lib/is-record";
import { useComposer, useField } from "../composer-context";
import { IssueList, areaCls, smallBtn } from "../fields";
import { imageFilesOf, readImageFile } from "../media-input";
import { asList, asParts, isMessage, type Item } from "./items";
import { MessageCard, OtherItemCard } from "./message-card";

/**
 * `input`: a plain string (one "Message" box) or a list of items. Messages get a role and content parts; other
 * items (function_call_output, item_reference, …) are shown as JSON, kept and reorderable. Images can be added
 * by URL, upload, paste or drop; files by upload (file_id, with progress), as file_data, by URL or by id.
 */

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
