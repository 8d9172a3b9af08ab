/**
 * Filtering the event timeline: events grouped by family (chips), a text search over the raw event JSON, and the
 * events of one output item. The log is append-only, so the filtered index list is kept and extended with each new
 * batch instead of being recomputed: a 40,000-event run costs one pass, not one pass per frame.
 */
import type { EventLog, EventRecord } from "./event-log";

export const EVENT_FAMILIES = ["lifecycle", "items", "text", "reasoning", "arguments", "tools", "errors", "other"] as const;
export type EventFamily = (typeof EVENT_FAMILIES)[number];

export const FAMILY_LABELS: Record<EventFamily, string> = {
  lifecycle: "Lifecycle",
  items: "Items & parts",
  text: "Text",
  reasoning: "Reasoning",
  arguments: "Arguments & code",
  tools: "Hosted tools",
  errors: "Errors",
  other: "Other",
};

const familyOf = new Map<string, EventFamily>();

/** The family of an event type (each type belongs to exactly one). Memoised: a stream has a handful of types. */
export function eventFamily(type: string): EventFamily {
  let family = familyOf.get(type);
  if (family === undefined) {
    family = classify(type);
    if (familyOf.size < 1000) familyOf.set(type, family);
  }
  return family;
}

function classify(type: string): EventFamily {
  if (type === "error" || type === "response.failed" || type.endsWith(".failed") || type === "(unreadable event)") return "errors";
  if (/^response\.(created|queued|in_progress|completed|incomplete)$/.test(type)) return "lifecycle";
  if (type.startsWith("response.output_item.") || type.startsWith("response.content_part.")) return "items";
  if (type.startsWith("response.output_text.") || type.startsWith("response.refusal.")) return "text";
  if (type.startsWith("response.reasoning_")) return "reasoning";
  if (/^response\.(function_call_arguments|custom_tool_call_input|mcp_call_arguments|code_interpreter_call_code)\./.test(type))
    return "arguments";
  if (/^response\.(web_search_call|file_search_call|code_interpreter_call|image_generation_call|mcp_call|mcp_list_tools)\./.test(type))
    return "tools";
  return "other";
}

export interface EventFilter {
  /** Families to show; empty shows all. */
  families: ReadonlySet<EventFamily>;
  /** Case-insensitive text searched in the event type and its raw JSON. */
  query: string;
  /** Only these log indexes (the events of one output item), or null. */
  only: ReadonlySet<number> | null;
}

export function isFilterActive(filter: EventFilter): boolean {
  return filter.families.size > 0 || filter.query.trim() !== "" || filter.only !== null;
}

export function matchesFilter(record: EventRecord, filter: EventFilter, needle = filter.query.trim().toLowerCase()): boolean {
  if (filter.only && !filter.only.has(record.index)) return false;
  if (filter.families.size > 0 && !filter.families.has(eventFamily(record.type))) return false;
  if (needle !== "" && !record.type.toLowerCase().includes(needle) && !record.raw.toLowerCase().includes(needle)) return false;
  return true;
}

/** Incrementally maintained view of a log: matching indexes (when filtering) and per-family counts (always). */
export class FilteredEvents {
  private generation = -1;
  private scanned = 0;
  private readonly needle: string;
  readonly matches: number[] = [];
  readonly counts: Record<EventFamily, number> = {
    lifecycle: 0,
    items: 0,
    text: 0,
    reasoning: 0,
    arguments: 0,
    tools: 0,
    errors: 0,
    other: 0,
  };

  constructor(readonly filter: EventFilter) {
    this.needle = filter.query.trim().toLowerCase();
  }

  /** Brings the view up to date with the log (records appended since the last call; everything after a clear). */
  sync(log: EventLog): this {
    if (log.generation !== this.generation || log.length < this.scanned) {
      this.generation = log.generation;
      this.scanned = 0;
      this.matches.length = 0;
      for (const f of EVENT_FAMILIES) this.counts[f] = 0;
    }
    const active = isFilterActive(this.filter);
    for (let i = this.scanned; i < log.length; i++) {
      const record = log.get(i);
      if (!record) continue;
      this.counts[eventFamily(record.type)]++;
      if (active && matchesFilter(record, this.filter, this.needle)) this.matches.push(i);
    }
    this.scanned = log.length;
    return this;
  }
}

const clip = (s: string, n = 48) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A short, human summary of an event for its timeline row (a delta's text, an item's type and status…). */
export function summarizeEvent(record: EventRecord): string {
  const e = record.data as Record<string, unknown> | null;
  if (!e || typeof e !== "object") return record.type === "[DONE]" ? "" : clip(record.raw);
  if (typeof e.delta === "string") return JSON.stringify(clip(e.delta, 40));
  const item = e.item as Record<string, unknown> | undefined;
  if (item && typeof item === "object") return [item.type, item.status, item.name].filter((x) => typeof x === "string").join(" · ");
  const response = e.response as Record<string, unknown> | undefined;
  if (response && typeof response === "object") return typeof response.status === "string" ? response.status : "";
  const annotation = e.annotation as Record<string, unknown> | undefined;
  if (annotation && typeof annotation === "object")
    return [annotation.type, annotation.title ?? annotation.filename].filter((x) => typeof x === "string").join(" · ");
  if (record.type === "error") return clip(String(e.message ?? e.code ?? ""));
  const part = e.part as Record<string, unknown> | undefined;
  if (part && typeof part === "object") return String(part.type ?? "");
  if (typeof e.partial_image_index === "number") return `partial image ${e.partial_image_index + 1}`;
  return "";
}
