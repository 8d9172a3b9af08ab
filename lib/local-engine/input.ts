import "server-only";
import { ApiError } from "@/lib/api-error";
import { decodeBase64, parseDataUrl } from "@/lib/media/data-url";
import { FORMAT_NAMES, readImageInfo } from "@/lib/media/image-info";
import { getFile } from "./files";
import { newId } from "./ids";
import type { CreateResponseRequest, InputItemParam } from "./schema";
import type { JsonObject } from "./types";

/**
 * Input handling: turns `input` (a string or an array of items) into stored items with ids (the shape
 * `GET /responses/{id}/input_items` returns), and reads out what the answer talks about: texts and counts.
 */

/** An input item as stored and listed: always an object with `id` and `type`. */
export type StoredItem = JsonObject & { id: string; type: string };

/** Counts of everything the request carried, for the answer's bullet list. */
export interface InputStats {
  messages: number;
  messagesByRole: Record<string, number>;
  parts: number;
  partsByType: Record<string, number>;
  /** Items that are not messages (function_call_output, item_reference, reasoning, …), by type. */
  otherItemsByType: Record<string, number>;
}

const ID_PREFIX: Record<string, string> = {
  message: "msg",
  function_call: "fc",
  function_call_output: "fco",
  custom_tool_call: "ctc",
  custom_tool_call_output: "ctco",
  reasoning: "rs",
  web_search_call: "ws",
  file_search_call: "fs",
  computer_call_output: "cuo",
};

/**
 * The part types a message may carry, in the order (and wording) of the API's own 400. The request schema lets unknown
 * part types through (the composer and the proxy must not block new ones), but the engine would silently not read
 * them (`image_url` inside a Responses message, `{type: "image", data}`), so it answers as the API does instead.
 */
export const MESSAGE_PART_TYPES = [
  "input_text",
  "input_image",
  "output_text",
  "refusal",
  "input_file",
  "computer_screenshot",
  "summary_text",
  "reasoning_text",
] as const;

/** Throws the API's 400 for the first message part whose type the API does not know (`param` `input[i].content[j].type`). */
export function assertKnownPartTypes(input: CreateResponseRequest["input"]): void {
  if (!Array.isArray(input)) return;
  const known: readonly string[] = MESSAGE_PART_TYPES;
  input.forEach((item, i) => {
    if ((item.type ?? "message") !== "message" || !Array.isArray(item.content)) return;
    (item.content as unknown[]).forEach((part, j) => {
      const type = typeof part === "object" && part !== null ? (part as JsonObject).type : undefined;
      if (typeof type !== "string" || known.includes(type)) return;
      const supported = known.map((t) => `'${t}'`);
      throw new ApiError(
        400,
        `Invalid value: '${type}'. Supported values are: ${supported.slice(0, -1).join(", ")}, and ${supported.at(-1)}.`,
        { type: "invalid_request_error", param: `input[${i}].content[${j}].type`, code: "invalid_value" },
      );
    });
  });
}

/** Normalises the request's `input` into stored items, giving each an id (messages get `msg_…`). */
export function normalizeInput(input: CreateResponseRequest["input"]): StoredItem[] {
  if (input === undefined) return [];
  if (typeof input === "string") {
    return [{ id: newId("msg"), type: "message", role: "user", status: "completed", content: [inputText(input)] }];
  }
  return input.map(normalizeItem);
}

function normalizeItem(item: InputItemParam): StoredItem {
  const type = item.type ?? "message";
  if (type !== "message") {
    const id = typeof item.id === "string" && item.id !== "" ? item.id : newId(ID_PREFIX[type] ?? "item");
    return { ...item, id, type };
  }
  const role = String(item.role);
  const raw = item.content;
  const parts: JsonObject[] = typeof raw === "string" ? [role === "assistant" ? outputText(raw) : inputText(raw)] : [];
  if (Array.isArray(raw)) {
    for (const part of raw as JsonObject[]) parts.push(normalizePart(part));
  }
  const id = typeof item.id === "string" && item.id !== "" ? item.id : newId("msg");
  return { ...item, id, type: "message", role, status: typeof item.status === "string" ? item.status : "completed", content: parts };
}

function normalizePart(part: JsonObject): JsonObject {
  // The API fills the defaults it documents, so listed items match the spec's item schemas.
  if (part.type === "input_image" && part.detail === undefined) return { ...part, detail: "auto" };
  if (part.type === "output_text") return { annotations: [], logprobs: [], ...part };
  return part;
}

function inputText(text: string): JsonObject {
  return { type: "input_text", text };
}

function outputText(text: string): JsonObject {
  return { type: "output_text", text, annotations: [], logprobs: [] };
}

/** The text of one message item: its text parts joined by blank lines. Null when the item is not a message. */
export function messageText(item: JsonObject): string | null {
  if ((item.type ?? "message") !== "message" || !Array.isArray(item.content)) return null;
  const texts: string[] = [];
  for (const part of item.content as JsonObject[]) {
    if (typeof part.text === "string") texts.push(part.text);
    else if (typeof part.refusal === "string") texts.push(part.refusal);
  }
  return texts.join("\n\n");
}

/** Every text the item carries (message parts, tool outputs, call arguments), for input token counting. */
export function itemTexts(item: JsonObject): string[] {
  const text = messageText(item);
  if (text !== null) return [text];
  const out: string[] = [];
  for (const key of ["output", "arguments", "input"] as const) {
    const value = item[key];
    if (typeof value === "string") out.push(value);
  }
  return out;
}

/** Images and files are not read by the engine; each costs a flat number of input tokens (see README). */
export function attachmentCount(item: JsonObject): number {
  if (!Array.isArray(item.content)) return 0;
  return (item.content as JsonObject[]).filter((p) => p.type === "input_image" || p.type === "input_file").length;
}

/** The text of the last user message, or of the last message of any role when no user spoke. */
export function lastUserText(items: readonly JsonObject[]): string | null {
  let fallback: string | null = null;
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i];
    if (!item) continue;
    const text = messageText(item);
    if (text === null) continue;
    if (item.role === "user") return text;
    fallback ??= text;
  }
  return fallback;
}

export function inputStats(items: readonly JsonObject[]): InputStats {
  const stats: InputStats = { messages: 0, messagesByRole: {}, parts: 0, partsByType: {}, otherItemsByType: {} };
  for (const item of items) {
    const type = typeof item.type === "string" ? item.type : "message";
    if (type !== "message") {
      bump(stats.otherItemsByType, type);
      continue;
    }
    stats.messages += 1;
    bump(stats.messagesByRole, String(item.role));
    for (const part of Array.isArray(item.content) ? (item.content as JsonObject[]) : []) {
      stats.parts += 1;
      bump(stats.partsByType, typeof part.type === "string" ? part.type : "unknown");
    }
  }
  return stats;
}

/** `instructions` as plain text (a string, or the texts of an item list), or null. */
export function instructionsText(instructions: CreateResponseRequest["instructions"]): string | null {
  if (instructions == null) return null;
  if (typeof instructions === "string") return instructions;
  const texts = instructions
    .map((item) => (typeof item.content === "string" ? item.content : messageText(item)))
    .filter((t): t is string => typeof t === "string" && t !== "");
  return texts.join("\n\n");
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

// ---- attachments ---------------------------------------------------------------------------------------------

/** An image or file of the input, as far as the engine can tell from its bytes (it never downloads URLs). */
export type Attachment =
  | { kind: "image"; source: "url"; url: string }
  | {
      kind: "image";
      source: "data" | "file";
      format: string | null;
      width: number | null;
      height: number | null;
      bytes: number;
      fileId?: string;
    }
  | { kind: "file"; source: "url"; url: string; filename: string | null }
  | { kind: "file"; source: "data" | "file"; filename: string; bytes: number; pdf: boolean; opening: string | null; fileId?: string };

const OPENING_CHARS = 200;
const TEXT_EXTENSIONS =
  /\.(txt|md|markdown|csv|tsv|json|jsonl|xml|html?|css|js|mjs|ts|tsx|jsx|py|rb|go|rs|java|c|h|cpp|sh|ya?ml|toml|ini|log|sql)$/i;

/** Images and files of these items, in order, each described from its bytes. */
export function describeAttachments(items: readonly JsonObject[]): Attachment[] {
  const out: Attachment[] = [];
  for (const item of items) {
    if (!Array.isArray(item.content)) continue;
    for (const part of item.content as JsonObject[]) {
      if (part.type === "input_image") out.push(describeImage(part));
      else if (part.type === "input_file") out.push(describeFile(part));
    }
  }
  return out;
}

function describeImage(part: JsonObject): Attachment {
  if (typeof part.file_id === "string") {
    const file = getFile(part.file_id);
    const info = file ? readImageInfo(file.bytes) : null;
    return {
      kind: "image",
      source: "file",
      fileId: part.file_id,
      format: info ? FORMAT_NAMES[info.format] : null,
      width: info?.width ?? null,
      height: info?.height ?? null,
      bytes: file?.bytes.byteLength ?? 0,
    };
  }
  const url = typeof part.image_url === "string" ? part.image_url : "";
  if (!url.startsWith("data:")) return { kind: "image", source: "url", url };
  const data = parseDataUrl(url);
  const info = data ? readImageInfo(data.bytes) : null;
  return {
    kind: "image",
    source: "data",
    format: info ? FORMAT_NAMES[info.format] : null,
    width: info?.width ?? null,
    height: info?.height ?? null,
    bytes: data?.bytes.byteLength ?? 0,
  };
}

function describeFile(part: JsonObject): Attachment {
  const filename = typeof part.filename === "string" && part.filename !== "" ? part.filename : null;
  if (typeof part.file_id === "string") {
    const file = getFile(part.file_id);
    const bytes = file?.bytes ?? new Uint8Array();
    return {
      kind: "file",
      source: "file",
      fileId: part.file_id,
      filename: file?.filename ?? filename ?? part.file_id,
      bytes: bytes.byteLength,
      pdf: isPdf(bytes),
      opening: openingText(bytes, file?.mimeType ?? "", file?.filename ?? ""),
    };
  }
  if (typeof part.file_data === "string") {
    const data = part.file_data.startsWith("data:") ? parseDataUrl(part.file_data) : safeDecode(part.file_data);
    const bytes = data?.bytes ?? new Uint8Array();
    const name = filename ?? "file";
    return {
      kind: "file",
      source: "data",
      filename: name,
      bytes: bytes.byteLength,
      pdf: isPdf(bytes),
      opening: openingText(bytes, data?.mimeType ?? "", name),
    };
  }
  return { kind: "file", source: "url", url: typeof part.file_url === "string" ? part.file_url : "", filename };
}

function safeDecode(base64: string): { bytes: Uint8Array; mimeType: string } | null {
  try {
    return { bytes: decodeBase64(base64), mimeType: "" };
  } catch {
    return null;
  }
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === "%PDF-";
}

/** The first ~200 characters of a text-like file, whitespace collapsed; null for binary files and PDFs. */
function openingText(bytes: Uint8Array, mimeType: string, filename: string): string | null {
  if (isPdf(bytes)) return null;
  const head = bytes.subarray(0, 4096);
  const looksText =
    mimeType.startsWith("text/") ||
    /json|xml|csv|javascript|yaml|markdown/.test(mimeType) ||
    TEXT_EXTENSIONS.test(filename) ||
    !head.includes(0);
  if (!looksText || head.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: false }).decode(head);
  } catch {
    return null;
  }
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > OPENING_CHARS ? `${chars.slice(0, OPENING_CHARS).join("")}…` : flat;
}
