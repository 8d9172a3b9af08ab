/**
 * The one reducer: folds Responses stream events into `RunState`. Pure: it never mutates its input, never throws,
 * and the same code drives live runs and replays of recordings.
 *
 * Upstreams are looser than the spec (the seeds' own streaming example has no `sequence_number` and no `logprobs`;
 * gateways skip `output_item.added`, send `output_index` gaps, wrong `item_id`s, nulls where arrays belong). The rules:
 * - a delta for an item or part that was never announced creates it on the fly;
 * - items are addressed by `item_id` first, then by the wire `output_index` (mapped to a position, so gaps are fine);
 * - text that arrived is never lost: wherever a "final" value (`*.done`, `output_item.done`, the terminal
 *   response's `output`) is shorter than what was accumulated, the accumulated text is kept.
 *
 * Cost per delta: the touched item, its touched part, the `items` array (shallow) and the state object are copied;
 * other items are shared. String appends are cheap in V8 (ropes); event links are appended in O(1) (see `makeView`).
 */
import type {
  Response as OpenAIResponse,
  ResponseOutputItem,
  ResponseOutputRefusal,
  ResponseOutputText,
  ResponseReasoningItem,
  ResponseUsage,
} from "openai/resources/responses/responses";
import { looksLikeMarkup, textFromHtml } from "@/lib/http/html-answer";
import { isKnownEvent, type ResponseStreamEvent, type StreamEvent } from "./events";
import { initialRunState, isFinishedStatus, type ItemView, type RunError, type RunState, type RunStatus } from "./run-state";
import { isRecord } from "@/lib/is-record";

type Item = ResponseOutputItem;
type MessagePart = ResponseOutputText | ResponseOutputRefusal;
type Annotation = ResponseOutputText["annotations"][number];
type SummaryPart = ResponseReasoningItem.Summary;
type ReasoningContentPart = ResponseReasoningItem.Content;

/** Largest hole we fill when an index arrives beyond the end of an array (guards against garbage indexes). */
const MAX_INDEX_GAP = 64;

// ───────────────────────────────────────────── small, total helpers ─────────────────────────────────────────────

function assertNever(value: never): never {
  throw new Error(`Unhandled stream event: ${JSON.stringify(value)}`);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function arr<T>(value: readonly T[] | null | undefined): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** The final value unless the accumulated one is longer (a loose upstream's `.done` may be short). */
function keepLonger(accumulated: string | null | undefined, final: string | null | undefined): string {
  const a = typeof accumulated === "string" ? accumulated : "";
  if (typeof final !== "string") return a;
  return a.length > final.length ? a : final;
}

function itemIdOf(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  const id = item.id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** Statuses that mean "still running": a stream event moves them to `in_progress`. */
function activeStatus(status: RunStatus): RunStatus {
  return status === "idle" || status === "connecting" || status === "queued" ? "in_progress" : status;
}

// ──────────────────────────────────────────── item normalisation ────────────────────────────────────────────────

/** Makes the arrays and strings the views iterate over safe to iterate (loose upstreams send null or omit them). */
function normalizeItem(raw: Item): Item {
  const item = raw as Item & Record<string, unknown>;
  switch (item.type) {
    case "message": {
      let changed = !Array.isArray(item.content);
      const content: MessagePart[] = [];
      for (const part of arr(item.content)) {
        if (!isRecord(part)) {
          changed = true;
          continue;
        }
        const normalized = normalizePart(part);
        if (normalized !== part) changed = true;
        content.push(normalized);
      }
      return changed ? { ...item, content } : item;
    }
    case "reasoning": {
      const summaryOk = Array.isArray(item.summary) && item.summary.every(isRecord);
      const contentOk = item.content == null || (Array.isArray(item.content) && item.content.every(isRecord));
      if (summaryOk && contentOk) return item;
      const fixed: ResponseReasoningItem = { ...item, summary: arr(item.summary).filter(isRecord) };
      if (item.content != null) fixed.content = arr(item.content).filter(isRecord);
      return fixed;
    }
    default:
      return item;
  }
}

function normalizePart(part: MessagePart): MessagePart {
  if (part.type === "output_text") {
    if (typeof part.text === "string" && Array.isArray(part.annotations)) return part;
    return { ...part, text: str(part.text) ?? "", annotations: arr(part.annotations) };
  }
  if (part.type === "refusal" && typeof part.refusal !== "string") return { ...part, refusal: "" };
  return part;
}

// ───────────────────────────────────────────── merging (never lose text) ───────────────────────────────────────

function partText(part: unknown): string {
  if (!isRecord(part)) return "";
  if (part.type === "refusal") return str(part.refusal) ?? "";
  return str(part.text) ?? "";
}

function totalText(parts: readonly unknown[]): number {
  let n = 0;
  for (const p of parts) n += partText(p).length;
  return n;
}

/** Merge one part into its accumulated counterpart: final fields win, except shorter text and missing annotations. */
function mergeMessagePart(prev: MessagePart | undefined, next: MessagePart): MessagePart {
  if (!isRecord(next)) return prev ?? next;
  if (!prev || prev.type !== next.type) return normalizePart(next);
  if (next.type === "refusal" && prev.type === "refusal") {
    const refusal = keepLonger(prev.refusal, next.refusal);
    return refusal === next.refusal ? next : { ...next, refusal };
  }
  if (next.type === "output_text" && prev.type === "output_text") {
    const text = keepLonger(prev.text, next.text);
    const nextAnn = arr(next.annotations);
    const prevAnn = arr(prev.annotations);
    const annotations = nextAnn.length === 0 && prevAnn.length > 0 ? prevAnn : nextAnn;
    if (text === next.text && annotations === next.annotations) return next;
    return { ...next, text, annotations };
  }
  return next;
}

/** Merge `{type, text}` parts (reasoning summary and reasoning text). */
function mergeTextPart<T extends { type: string; text: string }>(prev: T | undefined, next: T): T {
  if (!isRecord(next)) return prev ?? next;
  if (!prev) return typeof next.text === "string" ? next : { ...next, text: "" };
  const text = keepLonger(prev.text, next.text);
  return text === next.text ? next : { ...next, text };
}

/**
 * Index-wise merge of a part list. The final list wins part by part (keeping longer accumulated text); accumulated
 * parts past the end of the final list are kept only when the final list would otherwise hold less text. An empty
 * final list keeps the accumulated one.
 */
function mergePartLists<T>(
  prev: readonly T[] | null | undefined,
  next: readonly T[] | null | undefined,
  mergeOne: (p: T | undefined, n: T) => T,
): T[] {
  const p = arr(prev);
  const n = arr(next);
  if (n.length === 0) return p;
  const merged = n.map((part, i) => mergeOne(p[i], part));
  if (p.length > n.length && totalText(merged) < totalText(p)) {
    for (let i = n.length; i < p.length; i++) if (partText(p[i]) !== "") merged.push(p[i]!);
  }
  return merged;
}

/**
 * Merge a final item (`output_item.added/.done`, or the terminal response's output) into the accumulated one.
 * The final item's fields win; accumulated text wins where it is longer; a few identity fields fall back to the
 * accumulated ones where the final item leaves them empty.
 */
function mergeItem(prev: Item, incoming: Item): Item {
  const next = normalizeItem(incoming);
  if (prev.type !== next.type) return next;
  const id = itemIdOf(next) ?? itemIdOf(prev);
  const withId = <T extends Item>(item: T): T => (id !== undefined && itemIdOf(item) !== id ? { ...item, id } : item);

  switch (next.type) {
    case "message": {
      if (prev.type !== "message") return next;
      return withId({ ...next, content: mergePartLists(prev.content, next.content, mergeMessagePart) });
    }
    case "reasoning": {
      if (prev.type !== "reasoning") return next;
      const merged: ResponseReasoningItem = {
        ...next,
        summary: mergePartLists<SummaryPart>(prev.summary, next.summary, mergeTextPart),
      };
      if (Array.isArray(prev.content) || Array.isArray(next.content)) {
        merged.content = mergePartLists<ReasoningContentPart>(prev.content, next.content, mergeTextPart);
      }
      if (next.encrypted_content == null && prev.encrypted_content != null) merged.encrypted_content = prev.encrypted_content;
      return withId(merged);
    }
    case "function_call": {
      if (prev.type !== "function_call") return next;
      return withId({
        ...next,
        arguments: keepLonger(prev.arguments, next.arguments),
        name: str(next.name) || prev.name,
        call_id: str(next.call_id) || prev.call_id,
      });
    }
    case "custom_tool_call": {
      if (prev.type !== "custom_tool_call") return next;
      return withId({
        ...next,
        input: keepLonger(prev.input, next.input),
        name: str(next.name) || prev.name,
        call_id: str(next.call_id) || prev.call_id,
      });
    }
    case "mcp_call": {
      if (prev.type !== "mcp_call") return next;
      return withId({ ...next, arguments: keepLonger(prev.arguments, next.arguments), output: next.output ?? prev.output ?? null });
    }
    case "code_interpreter_call": {
      if (prev.type !== "code_interpreter_call") return next;
      const code = prev.code == null && next.code == null ? null : keepLonger(prev.code, next.code);
      return withId({ ...next, code, outputs: next.outputs ?? prev.outputs ?? null });
    }
    case "image_generation_call": {
      if (prev.type !== "image_generation_call") return next;
      // Keep the last partial image (and its index) when the item carries no result yet; a final result drops the index.
      if (next.result == null && prev.result != null) {
        const partial = (prev as { partial_image_index?: unknown }).partial_image_index;
        return withId({ ...next, result: prev.result, ...(partial != null ? { partial_image_index: partial } : {}) } as Item);
      }
      return withId(next);
    }
    default:
      return withId(next);
  }
}

// ─────────────────────────────────────────── locating and touching items ─────────────────────────────────────────

interface Locator {
  outputIndex: number | undefined;
  itemId: string | undefined;
}

function locatorOf(event: { output_index?: unknown; item_id?: unknown }): Locator {
  const itemId = str(event.item_id);
  return { outputIndex: num(event.output_index), itemId: itemId === "" ? undefined : itemId };
}

/** What kind of item an event family addresses, and how to create one when its `output_item.added` never came. */
interface Family {
  accepts: (item: Item) => boolean;
  create: (id: string | undefined) => Item;
}

function family(type: Item["type"], fields: (id: string) => Record<string, unknown>, idOptional = false): Family {
  return {
    accepts: (item) => item.type === type,
    create: (id) => {
      const base = fields(id ?? "");
      if (idOptional && !id) delete base.id;
      return base as unknown as Item;
    },
  };
}

const MESSAGE = family("message", (id) => ({ id, type: "message", role: "assistant", status: "in_progress", content: [] }));
const REASONING = family("reasoning", (id) => ({ id, type: "reasoning", summary: [] }));
const FUNCTION_CALL = family(
  "function_call",
  (id) => ({ id, type: "function_call", call_id: "", name: "", arguments: "", status: "in_progress" }),
  true,
);
const CUSTOM_TOOL_CALL = family("custom_tool_call", (id) => ({ id, type: "custom_tool_call", call_id: "", name: "", input: "" }), true);
const MCP_CALL = family("mcp_call", (id) => ({ id, type: "mcp_call", server_label: "", name: "", arguments: "", status: "in_progress" }));
const SHELL_CALL = family("shell_call", (id) => ({
  id,
  type: "shell_call",
  call_id: "",
  action: { commands: [], timeout_ms: null, max_output_length: null },
  status: "in_progress",
}));
const SHELL_CALL_OUTPUT = family("shell_call_output", (id) => ({
  id,
  type: "shell_call_output",
  call_id: "",
  output: [],
  max_output_length: null,
  status: "in_progress",
}));
const COMPACTION = family("compaction", (id) => ({ id, type: "compaction", encrypted_content: "" }));
const MCP_LIST_TOOLS = family("mcp_list_tools", (id) => ({ id, type: "mcp_list_tools", server_label: "", tools: [] }));
const CODE_INTERPRETER = family("code_interpreter_call", (id) => ({
  id,
  type: "code_interpreter_call",
  status: "in_progress",
  code: "",
  container_id: "",
  outputs: null,
}));
const WEB_SEARCH = family("web_search_call", (id) => ({ id, type: "web_search_call", status: "in_progress", action: { type: "search" } }));
const FILE_SEARCH = family("file_search_call", (id) => ({
  id,
  type: "file_search_call",
  status: "in_progress",
  queries: [],
  results: null,
}));
const IMAGE_GENERATION = family("image_generation_call", (id) => ({
  id,
  type: "image_generation_call",
  status: "in_progress",
  result: null,
}));

/**
 * Position in `items` of the item an event addresses, or -1. By `item_id` first; then by wire `output_index`
 * (accepting an `item_id` mismatch, as the SDK 6.x does); without an `output_index`, the latest compatible item.
 */
function findView(items: readonly ItemView[], loc: Locator, fam: Family): number {
  if (loc.itemId !== undefined) {
    for (let i = items.length - 1; i >= 0; i--) {
      const view = items[i]!;
      if (itemIdOf(view.item) === loc.itemId && fam.accepts(view.item)) return i;
    }
  }
  for (let i = items.length - 1; i >= 0; i--) {
    const view = items[i]!;
    if ((loc.outputIndex === undefined || view.outputIndex === loc.outputIndex) && fam.accepts(view.item)) return i;
  }
  return -1;
}

/** Where a new item with this wire index goes: after every item with a smaller or equal wire index. */
function insertPosition(items: readonly ItemView[], outputIndex: number): number {
  let pos = items.length;
  while (pos > 0 && items[pos - 1]!.outputIndex > outputIndex) pos--;
  return pos;
}

function nextOutputIndex(items: readonly ItemView[]): number {
  let max = -1;
  for (const view of items) if (view.outputIndex > max) max = view.outputIndex;
  return max + 1;
}

function uniqueKey(items: readonly ItemView[], base: string): string {
  if (!items.some((v) => v.key === base)) return base;
  for (let n = 2; ; n++) {
    const key = `${base}#${n}`;
    if (!items.some((v) => v.key === key)) return key;
  }
}

// ── item ↔ event links
//
// `ItemView.eventIndexes` is a plain `number[]` to its readers, but copying it on every event would make a long
// single-item stream quadratic (measured: 40,000 deltas into one message took ~9 s with copies, ~0.15 s without).
// So each view reads it from an append-only backing array shared by successive versions of that item: a view sees
// only the first `length` entries, a new version pushes onto the backing array when it is the newest user of it and
// copies it otherwise (e.g. when React replays a reducer on an old state). `eventIndexes` is materialised lazily, on
// first read, once per view object. Views built elsewhere (a plain object, a deserialised permalink) work too: their
// array is copied into a fresh backing array on their next event.

const INDEX_LOG: unique symbol = Symbol("eventIndexLog");

interface IndexLog {
  readonly backing: number[];
  readonly length: number;
}

function makeView(key: string, outputIndex: number, item: Item, log: IndexLog): ItemView {
  let cache: number[] | undefined;
  const view = { key, outputIndex, item } as ItemView;
  Object.defineProperty(view, "eventIndexes", {
    enumerable: true,
    configurable: true,
    get: () => (cache ??= log.backing.slice(0, log.length)),
    set: (value: number[]) => {
      cache = value;
    },
  });
  Object.defineProperty(view, INDEX_LOG, { value: log, enumerable: false });
  return view;
}

function logOf(view: ItemView): IndexLog {
  const log = (view as ItemView & { [INDEX_LOG]?: IndexLog })[INDEX_LOG];
  if (log) return log;
  const plain = arr(view.eventIndexes);
  return { backing: plain.slice(), length: plain.length };
}

/** How many events touched this item, without materialising `eventIndexes` (views read it once per frame). */
export function itemEventCount(view: ItemView): number {
  const log = (view as ItemView & { [INDEX_LOG]?: IndexLog })[INDEX_LOG];
  return log ? log.length : arr(view.eventIndexes).length;
}

function appendLog(log: IndexLog, eventIndex: number): IndexLog {
  if (eventIndex < 0) return log;
  const backing = log.backing.length === log.length ? log.backing : log.backing.slice(0, log.length);
  backing.push(eventIndex);
  return { backing, length: log.length + 1 };
}

function newView(items: readonly ItemView[], item: Item, outputIndex: number, eventIndex: number): ItemView {
  const key = uniqueKey(items, itemIdOf(item) ?? `idx-${outputIndex}`);
  return makeView(key, outputIndex, item, appendLog({ backing: [], length: 0 }, eventIndex));
}

/** The next version of `view`: a new item, and `eventIndex` appended to its event links (-1: none). */
function nextView(view: ItemView, item: Item, eventIndex: number): ItemView {
  return makeView(view.key, view.outputIndex, item, appendLog(logOf(view), eventIndex));
}

/**
 * Apply `update` to the addressed item (created on the fly if absent), copying only that item and the items
 * array. Also moves a not-yet-running status to `in_progress`.
 */
function touch(state: RunState, loc: Locator, fam: Family, eventIndex: number, update: (item: Item) => Item): RunState {
  const items = state.items.slice();
  const pos = findView(items, loc, fam);
  if (pos >= 0) {
    const view = items[pos]!;
    items[pos] = nextView(view, update(view.item), eventIndex);
  } else {
    const outputIndex = loc.outputIndex ?? nextOutputIndex(items);
    const created = fam.create(loc.itemId);
    const view = newView(items, update(created), outputIndex, eventIndex);
    items.splice(insertPosition(items, outputIndex), 0, view);
  }
  return { ...state, items, status: activeStatus(state.status) };
}

// ───────────────────────────────────────────── array slots and parts ────────────────────────────────────────────

/**
 * Copy of `list` with `fn` applied at `index` (holes filled with `make()` up to MAX_INDEX_GAP; beyond that, or with
 * no index, the last slot `accepts` accepts, else a new slot at the end).
 */
function updateSlot<T>(
  list: readonly T[] | null | undefined,
  index: number | undefined,
  make: () => T,
  fn: (slot: T) => T,
  accepts: (slot: T) => boolean = () => true,
): T[] {
  const out = arr(list).slice();
  let pos: number;
  if (index !== undefined && index < out.length) {
    pos = index;
    if (!accepts(out[pos]!)) {
      // The slot holds another kind of part (e.g. a refusal delta where an output_text part was announced):
      // replace it when empty, otherwise use the last part of the right kind after it, or a new one.
      if (partText(out[pos]) === "") out[pos] = make();
      else {
        let found = -1;
        for (let i = out.length - 1; i > pos; i--)
          if (accepts(out[i]!)) {
            found = i;
            break;
          }
        if (found < 0) {
          out.push(make());
          found = out.length - 1;
        }
        pos = found;
      }
    }
  } else if (index !== undefined && index - out.length <= MAX_INDEX_GAP) {
    while (out.length <= index) out.push(make());
    pos = index;
  } else {
    let found = -1;
    for (let i = out.length - 1; i >= 0; i--)
      if (accepts(out[i]!)) {
        found = i;
        break;
      }
    if (found < 0) {
      out.push(make());
      found = out.length - 1;
    }
    pos = found;
  }
  const slot = out[pos];
  out[pos] = fn(typeof slot === "object" && slot !== null ? slot : make());
  return out;
}

const emptyText = (): ResponseOutputText => ({ type: "output_text", text: "", annotations: [] });
const emptyRefusal = (): ResponseOutputRefusal => ({ type: "refusal", refusal: "" });
const emptySummary = (): SummaryPart => ({ type: "summary_text", text: "" });
const emptyReasoningText = (): ReasoningContentPart => ({ type: "reasoning_text", text: "" });
const isTextPart = (p: MessagePart): boolean => isRecord(p) && p.type === "output_text";
const isRefusalPart = (p: MessagePart): boolean => isRecord(p) && p.type === "refusal";

function updateTextPart(item: Item, contentIndex: number | undefined, fn: (part: ResponseOutputText) => ResponseOutputText): Item {
  if (item.type !== "message") return item;
  const content = updateSlot<MessagePart>(
    item.content,
    contentIndex,
    emptyText,
    (p) => fn(normalizePart(p) as ResponseOutputText),
    isTextPart,
  );
  return { ...item, content };
}

function updateRefusalPart(item: Item, contentIndex: number | undefined, fn: (part: ResponseOutputRefusal) => ResponseOutputRefusal): Item {
  if (item.type !== "message") return item;
  const content = updateSlot<MessagePart>(
    item.content,
    contentIndex,
    emptyRefusal,
    (p) => fn(normalizePart(p) as ResponseOutputRefusal),
    isRefusalPart,
  );
  return { ...item, content };
}

function updateSummary(item: Item, summaryIndex: number | undefined, fn: (part: SummaryPart) => SummaryPart): Item {
  if (item.type !== "reasoning") return item;
  return { ...item, summary: updateSlot(item.summary, summaryIndex, emptySummary, fn) };
}

function updateReasoningText(item: Item, contentIndex: number | undefined, fn: (part: ReasoningContentPart) => ReasoningContentPart): Item {
  if (item.type !== "reasoning") return item;
  return { ...item, content: updateSlot(item.content, contentIndex, emptyReasoningText, fn) };
}

const appendText =
  <T extends { text: string }>(delta: string) =>
  (part: T): T =>
    delta === "" ? part : { ...part, text: (str(part.text) ?? "") + delta };

const finishText =
  <T extends { text: string }>(final: unknown) =>
  (part: T): T => {
    const text = keepLonger(part.text, str(final));
    return text === part.text ? part : { ...part, text };
  };

function audioOf(state: RunState): NonNullable<RunState["audio"]> {
  return state.audio ?? { data: "", transcript: "", done: false, transcriptDone: false };
}

/** Applies `fn` to command `index` of a `shell_call`'s `action.commands` (a missing slot starts empty). */
function updateShellCommand(item: Item, index: number | undefined, fn: (command: string) => string): Item {
  if (item.type !== "shell_call") return item;
  const action = isRecord(item.action) ? item.action : { commands: [], timeout_ms: null, max_output_length: null };
  const commands = updateSlot<string>(
    action.commands as string[] | undefined,
    index,
    () => "",
    (c) => fn(str(c) ?? ""),
  );
  return { ...item, action: { ...action, commands } } as Item;
}

type ShellOutputSlot = Record<string, unknown>;

/** Applies `fn` to output slot `index` of a `shell_call_output` (a missing slot starts with empty stdout/stderr). */
function updateShellOutput(item: Item, index: number | undefined, fn: (slot: ShellOutputSlot) => ShellOutputSlot): Item {
  if (item.type !== "shell_call_output") return item;
  const output = updateSlot<ShellOutputSlot>(
    item.output as unknown as ShellOutputSlot[],
    index,
    () => ({ stdout: "", stderr: "", outcome: null }),
    (slot) => fn(isRecord(slot) ? slot : {}),
  );
  return { ...item, output } as unknown as Item;
}

function setItemStatus(status: string) {
  return (item: Item): Item => ({ ...item, status }) as Item;
}

// ───────────────────────────────────────────────── lifecycle ────────────────────────────────────────────────────

function viewsFromOutput(output: unknown): ItemView[] {
  const views: ItemView[] = [];
  arr(output as unknown[]).forEach((raw, i) => {
    if (!isRecord(raw) || typeof raw.type !== "string") return;
    const item = normalizeItem(raw as unknown as Item);
    views.push(newView(views, item, i, -1));
  });
  return views;
}

/**
 * The terminal response's `output` replaces the accumulated items item by item (matched by id, then by position
 * with the same type), keeping accumulated text where it is longer. Accumulated items the final output lacks are
 * kept (a loose upstream must not make text disappear).
 */
function mergeFinalOutput(views: readonly ItemView[], output: readonly unknown[]): ItemView[] {
  const finals = output.filter((o): o is Item => isRecord(o) && typeof o.type === "string");
  const matchOf = new Array<number>(finals.length).fill(-1);
  const used = new Set<number>();
  finals.forEach((item, i) => {
    const id = itemIdOf(item);
    if (id === undefined) return;
    const j = views.findIndex((v, k) => !used.has(k) && itemIdOf(v.item) === id);
    if (j >= 0) {
      matchOf[i] = j;
      used.add(j);
    }
  });
  finals.forEach((item, i) => {
    if (matchOf[i] !== -1) return;
    const view = views[i];
    if (view && !used.has(i) && view.item.type === item.type) {
      matchOf[i] = i;
      used.add(i);
    }
  });

  const mergedAt = new Map<number, ItemView>();
  const fresh: ItemView[] = [];
  const result: ItemView[] = [];
  finals.forEach((item, i) => {
    const j = matchOf[i]!;
    if (j >= 0) {
      const view = views[j]!;
      mergedAt.set(j, nextView(view, mergeItem(view.item, item), -1));
    } else {
      fresh.push(newView([...views, ...fresh], normalizeItem(item), i, -1));
    }
  });

  if (used.size === views.length) {
    // Every accumulated item is in the final output: take the final order.
    let f = 0;
    finals.forEach((_, i) => {
      const j = matchOf[i]!;
      result.push(j >= 0 ? mergedAt.get(j)! : fresh[f++]!);
    });
    return result;
  }
  // Some accumulated items are missing from the final output: keep stream order, final-only items at the end.
  views.forEach((view, j) => result.push(mergedAt.get(j) ?? view));
  return result.concat(fresh);
}

function runStatusOfResponse(status: unknown): RunStatus | undefined {
  switch (status) {
    case "completed":
    case "incomplete":
    case "failed":
    case "queued":
    case "in_progress":
    case "cancelled":
      return status;
    default:
      return undefined;
  }
}

function responseError(response: Record<string, unknown> | null): RunError | null {
  const err = response?.error;
  if (!isRecord(err)) return null;
  return {
    source: "response",
    message: str(err.message) || str(err.code) || "The response failed.",
    code: str(err.code) ?? null,
    param: str(err.param) ?? null,
    type: str(err.type) ?? null,
  };
}

type LifecycleType =
  "response.created" | "response.queued" | "response.in_progress" | "response.completed" | "response.incomplete" | "response.failed";

function applyLifecycle(state: RunState, type: LifecycleType, rawResponse: unknown, atMs: number): RunState {
  const response = isRecord(rawResponse) ? rawResponse : null;
  const terminal = type === "response.completed" || type === "response.incomplete" || type === "response.failed";
  const output = response && Array.isArray(response.output) ? (response.output as unknown[]) : [];

  let status: RunStatus;
  switch (type) {
    case "response.completed":
      status = "completed";
      break;
    case "response.incomplete":
      status = "incomplete";
      break;
    case "response.failed":
      status = "failed";
      break;
    case "response.queued":
      status = isFinishedStatus(state.status) ? state.status : "queued";
      break;
    default:
      // created / in_progress: the snapshot says whether it is queued; an error event already seen stays visible.
      // A terminal status (or an error event already seen) is not undone by a late or shuffled interim snapshot.
      status = isFinishedStatus(state.status) ? state.status : response?.status === "queued" ? "queued" : "in_progress";
  }

  let items = state.items;
  if (output.length > 0) {
    if (terminal) items = mergeFinalOutput(state.items, output);
    else if (state.items.length === 0) items = viewsFromOutput(output); // e.g. a resumed background response
  }

  let error = responseError(response) ?? state.error;
  if (type === "response.failed" && !error) error = { source: "response", message: "The response failed without an error message." };

  const details = response?.incomplete_details;
  const incompleteReason = (isRecord(details) ? str(details.reason) : undefined) ?? state.incompleteReason;
  const usage = isRecord(response?.usage) ? (response.usage as unknown as ResponseUsage) : state.usage;

  return {
    ...state,
    status,
    response: response ? (response as unknown as OpenAIResponse) : state.response,
    responseId: str(response?.id) || state.responseId,
    model: str(response?.model) || state.model,
    items,
    usage,
    incompleteReason,
    error,
    timing: terminal ? { ...state.timing, endMs: atMs } : state.timing,
  };
}

// ─────────────────────────────────────────────────── reducer ────────────────────────────────────────────────────

function recordEvent(state: RunState, atMs: number): RunState {
  return {
    ...state,
    eventCount: state.eventCount + 1,
    timing: { ...state.timing, firstEventMs: state.timing.firstEventMs ?? atMs, lastEventMs: atMs },
  };
}

/**
 * Folds one event into the state. `atMs` is the time since the request started; `eventIndex` is the event's index
 * in the event log (stored on the item it touches; pass -1 when there is no log).
 */
export function applyEvent(state: RunState, event: StreamEvent, atMs: number, eventIndex: number): RunState {
  const recorded = recordEvent(state, atMs);
  if (!isRecord(event) || typeof event.type !== "string" || !isKnownEvent(event)) {
    return { ...recorded, unknownEventCount: recorded.unknownEventCount + 1 };
  }
  try {
    return reduceKnown(recorded, event, atMs, eventIndex);
  } catch {
    // Defensive only: every branch is written to tolerate malformed payloads. An event that still trips one is
    // counted and kept in the log, and the text accumulated so far stays.
    return recorded;
  }
}

/** One event of a batch: the event, its time since the request started, and its index in the event log. */
export interface TimedEvent {
  event: StreamEvent;
  atMs: number;
  index: number;
}

/** Deltas that only append their `delta` string to one field: a run of them folds like one delta of their sum. */
const APPEND_ONLY_DELTAS = new Set([
  "response.output_text.delta",
  "response.refusal.delta",
  "response.function_call_arguments.delta",
  "response.custom_tool_call_input.delta",
  "response.mcp_call_arguments.delta",
  "response.code_interpreter_call_code.delta",
  "response.reasoning_summary_text.delta",
  "response.reasoning_text.delta",
]);

/** A non-empty delta of the same type and to the same target (item, part, summary) as `a`: it continues `a`'s. */
function continuesDelta(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return (
    a.type === b.type &&
    typeof b.delta === "string" &&
    b.delta !== "" &&
    a.item_id === b.item_id &&
    a.output_index === b.output_index &&
    a.content_index === b.content_index &&
    a.summary_index === b.summary_index
  );
}

/**
 * Folds a batch of events, in order: the same state as `applyEvent` one by one (a unit test holds it to that), but
 * a run of consecutive deltas to the same target is applied as one delta of their concatenated text, so a slice of
 * thousands of text deltas copies the state once instead of thousands of times.
 */
export function applyEvents(state: RunState, batch: readonly TimedEvent[]): RunState {
  let next = state;
  let i = 0;
  while (i < batch.length) {
    const first = batch[i]!;
    const head = first.event as Record<string, unknown>;
    let end = i + 1;
    // Empty deltas are applied alone: they do not set `firstTextMs`, which a merged run would take from its first.
    if (isRecord(head) && APPEND_ONLY_DELTAS.has(head.type as string) && typeof head.delta === "string" && head.delta !== "") {
      while (end < batch.length && isRecord(batch[end]!.event) && continuesDelta(head, batch[end]!.event as Record<string, unknown>)) end++;
    }
    if (end - i === 1) {
      next = applyEvent(next, first.event, first.atMs, first.index);
      i++;
      continue;
    }
    const run = batch.slice(i, end);
    const merged = { ...head, delta: run.map((e) => (e.event as { delta: string }).delta).join("") } as StreamEvent;
    const applied = applyEvent(next, merged, first.atMs, first.index);
    next = withRunIndexes(applied, first.index, run);
    i = end;
  }
  return next;
}

/** After a merged delta was applied under the run's first index: the run's other indexes, count and last time. */
function withRunIndexes(state: RunState, firstIndex: number, run: readonly TimedEvent[]): RunState {
  const last = run[run.length - 1]!;
  let items = state.items;
  if (firstIndex >= 0) {
    const pos = items.findIndex((view) => {
      const log = logOf(view);
      return log.length > 0 && log.backing[log.length - 1] === firstIndex;
    });
    if (pos >= 0) {
      const view = items[pos]!;
      let log = logOf(view);
      for (let k = 1; k < run.length; k++) log = appendLog(log, run[k]!.index);
      items = items.slice();
      items[pos] = makeView(view.key, view.outputIndex, view.item, log);
    }
  }
  return {
    ...state,
    items,
    eventCount: state.eventCount + run.length - 1,
    timing: { ...state.timing, lastEventMs: last.atMs },
  };
}

function reduceKnown(state: RunState, event: ResponseStreamEvent, atMs: number, eventIndex: number): RunState {
  switch (event.type) {
    // ── lifecycle
    case "response.created":
    case "response.queued":
    case "response.in_progress":
    case "response.completed":
    case "response.incomplete":
    case "response.failed":
      return applyLifecycle(state, event.type, event.response, atMs);

    case "error": {
      const e = event as ResponseStreamEvent & Record<string, unknown>;
      const error: RunError = {
        source: "event",
        message: str(e.message) || str(e.code) || "The server reported an error.",
        code: str(e.code) ?? null,
        param: str(e.param) ?? null,
        type: str(e.error_type) ?? null,
      };
      if (typeof e.status === "number") error.status = e.status;
      return { ...state, status: "failed", error, timing: { ...state.timing, endMs: state.timing.endMs ?? atMs } };
    }

    // ── output items
    case "response.output_item.added":
    case "response.output_item.done": {
      const incoming: unknown = event.item;
      if (!isRecord(incoming) || typeof incoming.type !== "string") return state;
      const item = normalizeItem(incoming as unknown as Item);
      const outputIndex = num(event.output_index);
      const id = itemIdOf(item);
      const items = state.items.slice();
      let pos = id === undefined ? -1 : items.findIndex((v) => itemIdOf(v.item) === id);
      if (pos < 0 && outputIndex !== undefined) {
        for (let i = items.length - 1; i >= 0; i--) {
          const view = items[i]!;
          if (view.outputIndex !== outputIndex || view.item.type !== item.type) continue;
          const viewId = itemIdOf(view.item);
          // A second `added` with another id at the same wire index is another item; a `done` is taken as this one.
          if (event.type === "response.output_item.added" && viewId !== undefined && id !== undefined && viewId !== id) continue;
          pos = i;
          break;
        }
      }
      if (pos >= 0) {
        const view = items[pos]!;
        items[pos] = nextView(view, mergeItem(view.item, item), eventIndex);
      } else {
        const index = outputIndex ?? nextOutputIndex(items);
        items.splice(insertPosition(items, index), 0, newView(items, item, index, eventIndex));
      }
      return { ...state, items, status: activeStatus(state.status) };
    }

    // ── content parts (message text / refusal, or reasoning_text on a reasoning item)
    case "response.content_part.added":
    case "response.content_part.done": {
      const part: unknown = event.part;
      const contentIndex = num(event.content_index);
      const loc = locatorOf(event);
      if (isRecord(part) && part.type === "reasoning_text") {
        const incoming = part as unknown as ReasoningContentPart;
        return touch(state, loc, REASONING, eventIndex, (item) =>
          updateReasoningText(item, contentIndex, (existing) => mergeTextPart(existing, incoming)),
        );
      }
      const incoming: MessagePart = isRecord(part) ? normalizePart(part as unknown as MessagePart) : emptyText();
      return touch(state, loc, MESSAGE, eventIndex, (item) => {
        if (item.type !== "message") return item;
        const isKind = incoming.type === "refusal" ? isRefusalPart : isTextPart;
        const make = incoming.type === "refusal" ? emptyRefusal : emptyText;
        const content = updateSlot<MessagePart>(
          item.content,
          contentIndex,
          make,
          (existing) => mergeMessagePart(existing, incoming),
          isKind,
        );
        return { ...item, content };
      });
    }

    // ── text
    case "response.output_text.delta": {
      const delta = str(event.delta) ?? "";
      const next = touch(state, locatorOf(event), MESSAGE, eventIndex, (item) =>
        updateTextPart(item, num(event.content_index), appendText(delta)),
      );
      if (next.timing.firstTextMs === null && delta !== "") return { ...next, timing: { ...next.timing, firstTextMs: atMs } };
      return next;
    }
    case "response.output_text.done":
      return touch(state, locatorOf(event), MESSAGE, eventIndex, (item) =>
        updateTextPart(item, num(event.content_index), finishText(event.text)),
      );
    case "response.output_text.annotation.added": {
      const annotation: unknown = event.annotation;
      const annotationIndex = num(event.annotation_index);
      return touch(state, locatorOf(event), MESSAGE, eventIndex, (item) => {
        if (!isRecord(annotation)) return item; // a null annotation: the event is linked to the item, nothing to add
        return updateTextPart(item, num(event.content_index), (part) => {
          const annotations = arr(part.annotations).slice();
          const value = annotation as unknown as Annotation;
          if (annotationIndex !== undefined && annotationIndex < annotations.length) annotations[annotationIndex] = value;
          else annotations.push(value);
          return { ...part, annotations };
        });
      });
    }

    // ── refusal
    case "response.refusal.delta": {
      const delta = str(event.delta) ?? "";
      return touch(state, locatorOf(event), MESSAGE, eventIndex, (item) =>
        updateRefusalPart(item, num(event.content_index), (part) =>
          delta === "" ? part : { ...part, refusal: (str(part.refusal) ?? "") + delta },
        ),
      );
    }
    case "response.refusal.done":
      return touch(state, locatorOf(event), MESSAGE, eventIndex, (item) =>
        updateRefusalPart(item, num(event.content_index), (part) => {
          const refusal = keepLonger(part.refusal, str(event.refusal));
          return refusal === part.refusal ? part : { ...part, refusal };
        }),
      );

    // ── function / custom tool / MCP arguments, code interpreter code
    case "response.function_call_arguments.delta": {
      const delta = str(event.delta) ?? "";
      return touch(state, locatorOf(event), FUNCTION_CALL, eventIndex, (item) =>
        item.type === "function_call" ? { ...item, arguments: (str(item.arguments) ?? "") + delta } : item,
      );
    }
    case "response.function_call_arguments.done":
      return touch(state, locatorOf(event), FUNCTION_CALL, eventIndex, (item) =>
        item.type === "function_call"
          ? { ...item, arguments: keepLonger(item.arguments, str(event.arguments)), name: str(event.name) || item.name }
          : item,
      );
    case "response.custom_tool_call_input.delta": {
      const delta = str(event.delta) ?? "";
      return touch(state, locatorOf(event), CUSTOM_TOOL_CALL, eventIndex, (item) =>
        item.type === "custom_tool_call" ? { ...item, input: (str(item.input) ?? "") + delta } : item,
      );
    }
    case "response.custom_tool_call_input.done":
      return touch(state, locatorOf(event), CUSTOM_TOOL_CALL, eventIndex, (item) =>
        item.type === "custom_tool_call" ? { ...item, input: keepLonger(item.input, str(event.input)) } : item,
      );
    case "response.mcp_call_arguments.delta": {
      const delta = str(event.delta) ?? "";
      return touch(state, locatorOf(event), MCP_CALL, eventIndex, (item) =>
        item.type === "mcp_call" ? { ...item, arguments: (str(item.arguments) ?? "") + delta } : item,
      );
    }
    case "response.mcp_call_arguments.done":
      return touch(state, locatorOf(event), MCP_CALL, eventIndex, (item) =>
        item.type === "mcp_call" ? { ...item, arguments: keepLonger(item.arguments, str(event.arguments)) } : item,
      );
    case "response.code_interpreter_call_code.delta": {
      const delta = str(event.delta) ?? "";
      return touch(state, locatorOf(event), CODE_INTERPRETER, eventIndex, (item) =>
        item.type === "code_interpreter_call" ? { ...item, code: (str(item.code) ?? "") + delta } : item,
      );
    }
    case "response.code_interpreter_call_code.done":
      return touch(state, locatorOf(event), CODE_INTERPRETER, eventIndex, (item) =>
        item.type === "code_interpreter_call" ? { ...item, code: keepLonger(item.code, str(event.code)) } : item,
      );

    // ── reasoning
    case "response.reasoning_summary_part.added":
    case "response.reasoning_summary_part.done": {
      const part: unknown = event.part;
      const incoming: SummaryPart = isRecord(part) ? (part as unknown as SummaryPart) : emptySummary();
      return touch(state, locatorOf(event), REASONING, eventIndex, (item) =>
        updateSummary(item, num(event.summary_index), (existing) => mergeTextPart(existing, incoming)),
      );
    }
    case "response.reasoning_summary_text.delta":
      return touch(state, locatorOf(event), REASONING, eventIndex, (item) =>
        updateSummary(item, num(event.summary_index), appendText(str(event.delta) ?? "")),
      );
    case "response.reasoning_summary_text.done":
      return touch(state, locatorOf(event), REASONING, eventIndex, (item) =>
        updateSummary(item, num(event.summary_index), finishText(event.text)),
      );
    case "response.reasoning_text.delta":
      return touch(state, locatorOf(event), REASONING, eventIndex, (item) =>
        updateReasoningText(item, num(event.content_index), appendText(str(event.delta) ?? "")),
      );
    case "response.reasoning_text.done":
      return touch(state, locatorOf(event), REASONING, eventIndex, (item) =>
        updateReasoningText(item, num(event.content_index), finishText(event.text)),
      );

    // ── hosted tools: status only
    case "response.web_search_call.in_progress":
      return touch(state, locatorOf(event), WEB_SEARCH, eventIndex, setItemStatus("in_progress"));
    case "response.web_search_call.searching":
      return touch(state, locatorOf(event), WEB_SEARCH, eventIndex, setItemStatus("searching"));
    case "response.web_search_call.completed":
      return touch(state, locatorOf(event), WEB_SEARCH, eventIndex, setItemStatus("completed"));
    case "response.file_search_call.in_progress":
      return touch(state, locatorOf(event), FILE_SEARCH, eventIndex, setItemStatus("in_progress"));
    case "response.file_search_call.searching":
      return touch(state, locatorOf(event), FILE_SEARCH, eventIndex, setItemStatus("searching"));
    case "response.file_search_call.completed":
      return touch(state, locatorOf(event), FILE_SEARCH, eventIndex, setItemStatus("completed"));
    case "response.code_interpreter_call.in_progress":
      return touch(state, locatorOf(event), CODE_INTERPRETER, eventIndex, setItemStatus("in_progress"));
    case "response.code_interpreter_call.interpreting":
      return touch(state, locatorOf(event), CODE_INTERPRETER, eventIndex, setItemStatus("interpreting"));
    case "response.code_interpreter_call.completed":
      return touch(state, locatorOf(event), CODE_INTERPRETER, eventIndex, setItemStatus("completed"));
    case "response.image_generation_call.in_progress":
      return touch(state, locatorOf(event), IMAGE_GENERATION, eventIndex, setItemStatus("in_progress"));
    case "response.image_generation_call.generating":
      return touch(state, locatorOf(event), IMAGE_GENERATION, eventIndex, setItemStatus("generating"));
    case "response.image_generation_call.completed":
      return touch(state, locatorOf(event), IMAGE_GENERATION, eventIndex, setItemStatus("completed"));
    case "response.image_generation_call.partial_image": {
      // The latest partial image is stored as the item's `result` while it is generating, with its
      // `partial_image_index`, so the view can show a preview ("partial 2"); `output_item.done` (or the terminal
      // output) replaces it with the final image and drops the index.
      const b64 = str(event.partial_image_b64);
      const index = num(event.partial_image_index);
      return touch(state, locatorOf(event), IMAGE_GENERATION, eventIndex, (item) =>
        item.type === "image_generation_call" && b64
          ? ({ ...item, result: b64, status: "generating", partial_image_index: index ?? null } as Item)
          : item,
      );
    }
    case "response.mcp_call.in_progress":
      return touch(state, locatorOf(event), MCP_CALL, eventIndex, setItemStatus("in_progress"));
    case "response.mcp_call.completed":
      return touch(state, locatorOf(event), MCP_CALL, eventIndex, setItemStatus("completed"));
    case "response.mcp_call.failed":
      return touch(state, locatorOf(event), MCP_CALL, eventIndex, setItemStatus("failed"));
    // `mcp_list_tools` items have no `status` in the SDK types; it is set anyway so the view can show progress.
    case "response.mcp_list_tools.in_progress":
      return touch(state, locatorOf(event), MCP_LIST_TOOLS, eventIndex, setItemStatus("in_progress"));
    case "response.mcp_list_tools.completed":
      return touch(state, locatorOf(event), MCP_LIST_TOOLS, eventIndex, setItemStatus("completed"));
    case "response.mcp_list_tools.failed":
      return touch(state, locatorOf(event), MCP_LIST_TOOLS, eventIndex, setItemStatus("failed"));

    // ── audio: not an output item; the base64 audio and its transcript are kept beside the items
    case "response.audio.delta":
      return { ...state, audio: { ...audioOf(state), data: audioOf(state).data + (str(event.delta) ?? "") } };
    case "response.audio.done":
      return { ...state, audio: { ...audioOf(state), done: true } };
    case "response.audio.transcript.delta":
      return { ...state, audio: { ...audioOf(state), transcript: audioOf(state).transcript + (str(event.delta) ?? "") } };
    case "response.audio.transcript.done":
      return { ...state, audio: { ...audioOf(state), transcriptDone: true } };

    // ── compaction (7.x SDK): the compaction item is being written
    case "response.compaction.compacting":
      return touch(state, locatorOf(event), COMPACTION, eventIndex, setItemStatus("in_progress"));

    // ── hosted shell (7.x SDK): commands stream into the `shell_call` (addressed by output_index only), output into
    // the `shell_call_output`, one slot per command_index
    case "response.shell_call_command.added":
    case "response.shell_call_command.done": {
      const command = str(event.command) ?? "";
      return touch(state, locatorOf(event), SHELL_CALL, eventIndex, (item) =>
        updateShellCommand(item, num(event.command_index), (existing) => keepLonger(existing, command)),
      );
    }
    case "response.shell_call_command.delta": {
      const delta = str(event.delta) ?? "";
      return touch(state, locatorOf(event), SHELL_CALL, eventIndex, (item) =>
        updateShellCommand(item, num(event.command_index), (existing) => existing + delta),
      );
    }
    case "response.shell_call_output_content.delta": {
      const delta: unknown = event.delta;
      const stdout = isRecord(delta) ? (str(delta.stdout) ?? "") : "";
      const stderr = isRecord(delta) ? (str(delta.stderr) ?? "") : "";
      return touch(state, locatorOf(event), SHELL_CALL_OUTPUT, eventIndex, (item) =>
        updateShellOutput(item, num(event.command_index), (slot) => ({
          ...slot,
          stdout: (str(slot.stdout) ?? "") + stdout,
          stderr: (str(slot.stderr) ?? "") + stderr,
        })),
      );
    }
    case "response.shell_call_output_content.done": {
      const output = arr(event.output as unknown[]).filter(isRecord);
      return touch(state, locatorOf(event), SHELL_CALL_OUTPUT, eventIndex, (item) => {
        if (output.length !== 1)
          return output.length > 1 && item.type === "shell_call_output" ? ({ ...item, output } as unknown as Item) : item;
        const done = output[0]!;
        return updateShellOutput(item, num(event.command_index), (slot) => ({
          ...slot,
          ...done,
          stdout: keepLonger(str(slot.stdout), str(done.stdout)),
          stderr: keepLonger(str(slot.stderr), str(done.stderr)),
        }));
      });
    }

    default:
      return assertNever(event);
  }
}

// ────────────────────────────────────────────── whole-run transitions ────────────────────────────────────────────

/** State for a non-streamed answer (`stream: false`): the whole `Response` at once. */
export function runStateFromResponse(response: OpenAIResponse, atMs?: number): RunState {
  const base = initialRunState();
  const r: Record<string, unknown> | null = isRecord(response) ? (response as unknown as Record<string, unknown>) : null;
  if (!r) {
    return { ...base, status: "failed", error: { source: "parse", message: "The server's answer is not a response object." } };
  }
  // A JSON error body delivered with a 2xx status.
  if (isRecord(r.error) && r.object !== "response" && r.output === undefined) {
    return markHttpError(base, { status: 200, body: r });
  }
  const error = responseError(r);
  const status = runStatusOfResponse(r.status) ?? (error ? "failed" : "completed");
  const details = r.incomplete_details;
  return {
    ...base,
    status,
    responseId: str(r.id) || null,
    model: str(r.model) || null,
    response,
    items: viewsFromOutput(r.output),
    usage: isRecord(r.usage) ? (r.usage as unknown as ResponseUsage) : null,
    incompleteReason: (isRecord(details) ? str(details.reason) : undefined) ?? null,
    error: error ?? (status === "failed" ? { source: "response", message: "The response failed." } : null),
    timing: { ...base.timing, endMs: atMs ?? null },
  };
}

/** The user pressed Stop. Output so far is kept; a run that already finished is left as it is. */
export function markCancelled(state: RunState, atMs?: number): RunState {
  if (isFinishedStatus(state.status)) return state;
  return { ...state, status: "cancelled", timing: { ...state.timing, endMs: atMs ?? state.timing.lastEventMs ?? state.timing.endMs } };
}

/** The stream ended (EOF) without `response.completed/.incomplete/.failed` or an `error` event. Output is kept. */
export function markInterrupted(state: RunState, atMs?: number): RunState {
  if (isFinishedStatus(state.status)) return state;
  return { ...state, status: "interrupted", timing: { ...state.timing, endMs: atMs ?? state.timing.lastEventMs ?? state.timing.endMs } };
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized: the API key is missing or invalid",
  403: "Forbidden",
  404: "Not found",
  408: "Request timeout",
  409: "Conflict",
  413: "Request too large",
  422: "Unprocessable request",
  429: "Too many requests: rate limit or quota reached",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

const MAX_MESSAGE_CHARS = 500;

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}

function parseRetryAfter(value: unknown, nowMs: number): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.ceil(value) : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v));
  const date = Date.parse(v);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

export interface HttpErrorInput {
  status: number;
  /** The response body: the API's `{error:{...}}` JSON (as text or parsed), plain text, or an HTML page. */
  body: unknown;
  /** The `Retry-After` header (seconds or an HTTP date), if any. */
  retryAfter?: string | number | null;
}

/** The request failed before streaming (non-2xx). Produces a plain-language message whatever the body was. */
export function markHttpError(state: RunState, input: HttpErrorInput): RunState {
  const { status } = input;
  let body: unknown = input.body;
  if (typeof body === "string") {
    const trimmed = body.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        body = JSON.parse(trimmed);
      } catch {
        body = trimmed;
      }
    } else {
      body = trimmed;
    }
  }

  let message = "";
  let code: string | null = null;
  let param: string | null = null;
  let type: string | null = null;
  if (isRecord(body)) {
    const err = isRecord(body.error) ? body.error : body;
    message = str(err.message) ?? (typeof body.error === "string" ? body.error : "") ?? "";
    if (!message && typeof body.detail === "string") message = body.detail; // FastAPI-style gateways
    code = str(err.code) ?? (typeof err.code === "number" ? String(err.code) : null);
    param = str(err.param) ?? null;
    type = str(err.type) ?? null;
    if (!message) message = code ?? "";
  } else if (typeof body === "string" && body) {
    message = looksLikeMarkup(body) ? textFromHtml(body) : body;
  }
  message = truncate(message.replace(/\s+/g, " ").trim());
  const statusText = STATUS_TEXT[status] ?? (status >= 500 ? "Server error" : "Request failed");
  if (!message) message = `HTTP ${status}: ${statusText}`;

  const error: RunError = {
    source: "http",
    status,
    message,
    code,
    param,
    type,
    retryAfterSeconds: parseRetryAfter(input.retryAfter, Date.now()),
  };
  return { ...state, status: "failed", error, timing: { ...state.timing, endMs: state.timing.endMs ?? state.timing.lastEventMs } };
}

/** The connection failed (fetch rejected, or the body errored mid-stream). Output so far is kept. */
export function markNetworkError(state: RunState, message: string, atMs?: number): RunState {
  if (state.status === "completed" || state.status === "incomplete") return state;
  const error: RunError = { source: "network", message: message || "The connection failed." };
  return {
    ...state,
    status: "failed",
    // An error event or response.failed already explains the failure better than the dropped connection.
    error: state.status === "failed" && state.error ? state.error : error,
    timing: { ...state.timing, endMs: atMs ?? state.timing.endMs ?? state.timing.lastEventMs },
  };
}
