import "server-only";
import { ApiError } from "@/lib/api-error";
import { searchTerms } from "./retrieval";
import { stripTriggers } from "./triggers";
import type { TurnContext } from "./turn";
import type { JsonObject } from "./types";
import { isRecord } from "@/lib/is-record";

/**
 * Function calling, by rules a teacher can predict (README: "Local engine rules"):
 * WHEN a function is called, WHAT arguments it gets (generated from its JSON schema, filled from the user's words),
 * and HOW the answer uses the outputs sent back (`function_call_output`).
 */

export interface FunctionTool {
  name: string;
  description: string | null;
  parameters: JsonObject | null;
  strict: boolean;
}

export interface PlannedCall {
  tool: FunctionTool;
  arguments: string;
}

/** A call seen in the context (an earlier output, or an input item) and the output sent back for it, if any. */
export interface ToolResult {
  callId: string;
  name: string;
  arguments: string;
  output: unknown;
}

export function functionTools(turn: TurnContext): FunctionTool[] {
  const tools = Array.isArray(turn.request.tools) ? turn.request.tools : [];
  return tools
    .filter((t) => t.type === "function" && typeof t.name === "string" && t.name !== "")
    .map((t) => ({
      name: t.name as string,
      description: typeof t.description === "string" ? t.description : null,
      parameters: isRecord(t.parameters) ? t.parameters : null,
      strict: t.strict !== false,
    }));
}

// ──────────────────────────────────────────────── when to call ─────────────────────────────────────────────────

/** Words of a function name that say nothing about what it is for. */
const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set(
  "get set fetch current create update delete remove list make find lookup look run call tool func function data info value values item items query search check send read write do the by for of to from new all".split(
    " ",
  ),
);

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w !== "");
}

/**
 * A message mentions a function when it contains its name (`get_weather`), its name as words (`get weather`), or a
 * distinctive word of the name (`weather`: 3+ letters and not a generic verb such as get/list/search).
 */
export function mentionsFunction(text: string, name: string): boolean {
  const lower = text.toLowerCase();
  if (lower.includes(name.toLowerCase())) return true;
  const words = nameWords(name);
  if (words.length > 1 && lower.includes(words.join(" "))) return true;
  const terms = new Set(searchTerms(text));
  return words.some((w) => w.length >= 3 && !GENERIC_NAME_WORDS.has(w) && searchTerms(w).some((t) => terms.has(t)));
}

const ASKS_FOR_TOOL = /\b(call|use|invoke|run|try)\b[^.?!]*\b(tool|function)s?\b/i;

/** This turn's `function_call_output` items that answer a call in the context. */
export function toolResults(turn: TurnContext): ToolResult[] {
  const calls = new Map<string, { name: string; arguments: string }>();
  const context: JsonObject[] = [...turn.history.flatMap((h) => [...h.items, ...(h.output as unknown as JsonObject[])]), ...turn.items];
  for (const item of context) {
    if (item.type === "function_call" && typeof item.call_id === "string") {
      calls.set(item.call_id, { name: String(item.name ?? ""), arguments: typeof item.arguments === "string" ? item.arguments : "" });
    }
  }
  const results: ToolResult[] = [];
  const seen = new Set<string>();
  // Only outputs after the last user message count: in a replayed conversation, older round trips are history.
  let from = 0;
  turn.items.forEach((item, i) => {
    if ((item.type ?? "message") === "message" && item.role === "user") from = i + 1;
  });
  for (const item of turn.items.slice(from)) {
    if (item.type !== "function_call_output" || typeof item.call_id !== "string" || seen.has(item.call_id)) continue;
    const call = calls.get(item.call_id);
    if (!call) continue; // an output for a call we never saw is only counted (answer.ts)
    seen.add(item.call_id);
    results.push({ callId: item.call_id, name: call.name, arguments: call.arguments, output: item.output });
  }
  return results;
}

/**
 * Which functions to call this turn. Never when `tool_choice` is `"none"` or when outputs of earlier calls arrived
 * (the engine answers from them instead). A forced function (`{type:"function", name}`) is always called. Otherwise
 * every function the last user message mentions is called (only the first when `parallel_tool_calls` is false); with
 * none mentioned, the first function is called when `tool_choice` is `"required"` or the message asks to call/use a
 * tool or function.
 */
export function planFunctionCalls(turn: TurnContext, text: string): PlannedCall[] {
  const tools = functionTools(turn);
  if (tools.length === 0) return [];
  const choice = turn.request.tool_choice ?? "auto";
  if (choice === "none") return [];
  if (toolResults(turn).length > 0) return [];
  const clean = stripTriggers(text);

  let chosen: FunctionTool[];
  if (isRecord(choice) && choice.type === "function") {
    const forced = tools.find((t) => t.name === choice.name);
    chosen = forced ? [forced] : [];
  } else if (isRecord(choice) && choice.type !== "allowed_tools") {
    chosen = []; // a hosted tool is forced
  } else {
    chosen = tools.filter((t) => mentionsFunction(clean, t.name));
    if (chosen.length === 0 && (choice === "required" || ASKS_FOR_TOOL.test(clean))) chosen = tools.slice(0, 1);
    if (turn.request.parallel_tool_calls === false) chosen = chosen.slice(0, 1);
  }
  return chosen.map((tool) => ({ tool, arguments: JSON.stringify(argumentsFor(tool.parameters, clean, tool.strict)) }));
}

/**
 * OpenAI's rule: every function call of the previous response, and every call replayed in the input, needs its
 * `function_call_output` in this request; otherwise 400 "No tool output found for function call …".
 */
export function assertCallsAnswered(turn: TurnContext): void {
  const answered = new Set(turn.items.filter((i) => i.type === "function_call_output").map((i) => String(i.call_id)));
  const previous = turn.history.at(-1);
  const pending: string[] = [];
  for (const item of (previous?.output ?? []) as unknown as JsonObject[]) {
    if (item.type === "function_call" && typeof item.call_id === "string") pending.push(item.call_id);
  }
  for (const item of turn.items) if (item.type === "function_call" && typeof item.call_id === "string") pending.push(item.call_id);
  const missing = pending.find((id) => !answered.has(id));
  if (missing !== undefined) {
    throw new ApiError(400, `No tool output found for function call ${missing}.`, { type: "invalid_request_error", param: "input" });
  }
}

// ──────────────────────────────────────────────── arguments ────────────────────────────────────────────────────

const PLACE_NAMES = /location|city|place|address|destination|origin|region|country|town|where/i;
const TEXT_NAMES = /^(q|query|question|search|text|prompt|message|input|keywords?|topic|terms?|content|body)$/i;
const DEFAULT_PLACE = "Paris";

/** "in Boston", "for San Francisco, CA": a capitalised place after a preposition. */
export function extractPlace(text: string): string | null {
  const m = /\b(?:in|at|for|near|from|to|of)\s+((?:[A-Z][\p{L}'’.-]*)(?:\s+[A-Z][\p{L}'’.-]*)*(?:,\s*[A-Z][\p{L}]*)?)/u.exec(text);
  return m ? m[1]!.replace(/[.,]+$/, "") : null;
}

/** `unit: celsius`, `unit = "celsius"`, `days=3`: a value given explicitly for a property. */
function explicitValue(text: string, name: string): string | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`\\b${escaped}\\s*[:=]\\s*(?:"([^"]*)"|'([^']*)'|([^\\s,;]+))`, "i").exec(text);
  if (!m) return null;
  return (m[1] ?? m[2] ?? (m[3] ?? "").replace(/[.!?]+$/, "")).trim();
}

function mentionedEnumValue(values: readonly unknown[], text: string): unknown {
  const lower = text.toLowerCase();
  return values.find(
    (v) => typeof v === "string" && new RegExp(`\\b${v.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(lower),
  );
}

function firstType(schema: JsonObject): string | undefined {
  const t = schema.type;
  if (typeof t === "string") return t;
  if (Array.isArray(t)) return (t.find((x) => x !== "null") ?? t[0]) as string | undefined;
  if (isRecord(schema.properties)) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

/**
 * Arguments for a function, generated from its JSON schema so they validate against it: `const`, then an `enum`
 * value the message names (else the default, else the first), explicit `name: value` pairs in the message, places
 * after "in/at/for" for location-like names, the message itself for query-like names, numbers next to the
 * property's name ("3 days"), then defaults, minimums and placeholders. Strict tools get every property; others get
 * the required ones plus those the message gives a value for.
 */
export function argumentsFor(parameters: JsonObject | null, text: string, strict = true): JsonObject {
  if (!parameters) return {};
  const value = valueFor(parameters, "", text, 0, strict);
  return isRecord(value) ? value : {};
}

function valueFor(schema: JsonObject, name: string, text: string, depth: number, strict: boolean): unknown {
  if (depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const branch = (branches as JsonObject[]).find((b) => isRecord(b) && b.type !== "null") ?? (branches[0] as JsonObject);
      if (key === "allOf") return valueFor(Object.assign({}, ...(branches as JsonObject[])), name, text, depth, strict);
      return valueFor({ ...schema, [key]: undefined, ...branch }, name, text, depth, strict);
    }
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const explicit = name ? explicitValue(text, name) : null;
    if (explicit !== null && schema.enum.includes(explicit)) return explicit;
    const mentioned = mentionedEnumValue(schema.enum, text);
    if (mentioned !== undefined) return mentioned;
    return schema.enum.includes(schema.default) ? schema.default : schema.enum[0];
  }
  switch (firstType(schema)) {
    case "object":
      return objectValue(schema, text, depth, strict);
    case "array": {
      const items = isRecord(schema.items) ? schema.items : {};
      const min = typeof schema.minItems === "number" ? schema.minItems : 1;
      const max = typeof schema.maxItems === "number" ? schema.maxItems : Math.max(min, 1);
      const count = Math.min(Math.max(min, 1), max);
      return Array.from({ length: count }, () => valueFor(items, name, text, depth + 1, strict));
    }
    case "integer":
    case "number":
      return numberValue(schema, name, text);
    case "boolean": {
      const explicit = name ? explicitValue(text, name) : null;
      if (explicit !== null) return /^(true|yes|1|on)$/i.test(explicit);
      return typeof schema.default === "boolean" ? schema.default : false;
    }
    case "null":
      return null;
    case "string":
      return stringValue(schema, name, text);
    default:
      return schema.default !== undefined ? schema.default : stringValue(schema, name, text);
  }
}

function objectValue(schema: JsonObject, text: string, depth: number, strict: boolean): JsonObject {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const out: JsonObject = {};
  for (const [key, sub] of Object.entries(properties)) {
    if (!isRecord(sub)) continue;
    if (strict || required.has(key) || givenByText(sub, key, text)) out[key] = valueFor(sub, key, text, depth + 1, strict);
  }
  return out;
}

/** Whether the message itself gives a value for this optional property (so a non-strict call includes it). */
function givenByText(schema: JsonObject, name: string, text: string): boolean {
  if (explicitValue(text, name) !== null) return true;
  const type = firstType(schema);
  if (type === "string" && PLACE_NAMES.test(name)) return extractPlace(text) !== null;
  if ((type === "integer" || type === "number") && numberNearName(name, text) !== undefined) return true;
  return Array.isArray(schema.enum) && mentionedEnumValue(schema.enum, text) !== undefined;
}

/** "3 days" for `days`, "5 results" for `max_results`. */
function numberNearName(name: string, text: string): number | undefined {
  for (const word of nameWords(name).filter((w) => w.length >= 3)) {
    const m = new RegExp(`(-?\\d+(?:\\.\\d+)?)\\s+${word.replace(/s$/, "")}`, "i").exec(text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

function numberValue(schema: JsonObject, name: string, text: string): number {
  const integer = firstType(schema) === "integer";
  let n: number | undefined;
  const explicit = name ? explicitValue(text, name) : null;
  if (explicit !== null && Number.isFinite(Number(explicit))) n = Number(explicit);
  if (n === undefined && name) n = numberNearName(name, text);
  if (n === undefined && typeof schema.default === "number") n = schema.default;
  const min =
    typeof schema.minimum === "number"
      ? schema.minimum
      : typeof schema.exclusiveMinimum === "number"
        ? schema.exclusiveMinimum + 1
        : undefined;
  const max =
    typeof schema.maximum === "number"
      ? schema.maximum
      : typeof schema.exclusiveMaximum === "number"
        ? schema.exclusiveMaximum - 1
        : undefined;
  n ??= min ?? 1;
  if (min !== undefined && n < min) n = min;
  if (max !== undefined && n > max) n = max;
  if (integer) n = Math.round(n);
  if (typeof schema.multipleOf === "number" && schema.multipleOf > 0) n = Math.round(n / schema.multipleOf) * schema.multipleOf;
  return n;
}

function stringValue(schema: JsonObject, name: string, text: string): string {
  let s: string | null = name ? explicitValue(text, name) : null;
  const format = typeof schema.format === "string" ? schema.format : "";
  if (s === null) {
    if (format === "date") s = /\b\d{4}-\d{2}-\d{2}\b/.exec(text)?.[0] ?? "2026-01-01";
    else if (format === "date-time") s = /\b\d{4}-\d{2}-\d{2}T[\d:.]+Z?\b/.exec(text)?.[0] ?? "2026-01-01T12:00:00Z";
    else if (format === "email") s = /[\w.+-]+@[\w-]+\.[\w.-]+/.exec(text)?.[0] ?? "user@example.com";
    else if (format === "uri" || format === "url") s = /https?:\/\/\S+/.exec(text)?.[0] ?? "https://example.com";
    else if (PLACE_NAMES.test(name)) s = extractPlace(text) ?? (typeof schema.default === "string" ? schema.default : DEFAULT_PLACE);
    else if (TEXT_NAMES.test(name)) s = firstWordsOf(text, 16) || "example";
    else if (typeof schema.default === "string") s = schema.default;
    else s = /"([^"]+)"/.exec(text)?.[1] ?? `example ${name || "value"}`.trim();
  }
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  if (s.length < minLength) s = s.padEnd(minLength, "x");
  if (s.length > maxLength) s = [...s].slice(0, maxLength).join("");
  return s;
}

function firstWordsOf(text: string, n: number): string {
  return text.replace(/\s+/g, " ").trim().split(" ").slice(0, n).join(" ");
}

// ──────────────────────────────────────────────── the answer ───────────────────────────────────────────────────

/** The answer after outputs arrive: what was called, what came back, and the answer drawn from it. */
export function composeToolAnswer(results: readonly ToolResult[], question: string | null): string {
  const blocks: string[] = ["### Answer from your function results"];
  if (question) blocks.push(`You asked: «${inline(question, 24)}»`);
  const facts: string[] = [];
  for (const result of results) {
    const args = result.arguments.trim() === "" ? "" : result.arguments;
    blocks.push(`\`${result.name || "function"}(${args})\` returned:`);
    const value = parseOutput(result.output);
    blocks.push(describeValue(value));
    facts.push(factsOf(result.name, value));
  }
  blocks.push(
    `${question ? `So, to answer «${inline(question, 12)}»` : "So"}: ${facts.join("; ")}.`,
    "This answer only restates what your functions returned; the local engine does not check it.",
  );
  return blocks.join("\n\n");
}

/** The output as data: JSON when it parses, the text of input_text parts when it is a part list, else the string. */
export function parseOutput(output: unknown): unknown {
  if (Array.isArray(output)) {
    const texts = output.filter(isRecord).map((p) => (typeof p.text === "string" ? p.text : `[${String(p.type ?? "part")}]`));
    return parseOutput(texts.join("\n"));
  }
  if (typeof output !== "string") return output;
  const trimmed = output.trim();
  if (/^[{["\d-]|^(true|false|null)$/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return output;
    }
  }
  return output;
}

function scalar(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function describeValue(value: unknown): string {
  if (isRecord(value)) {
    const entries = Object.entries(value).slice(0, 12);
    if (entries.length === 0) return "- (an empty object)";
    return entries.map(([k, v]) => `- **${k}:** ${inline(scalar(v), 30)}`).join("\n");
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "- (an empty list)";
    return value
      .slice(0, 10)
      .map((v) => `- ${inline(scalar(v), 30)}`)
      .join("\n");
  }
  if (typeof value === "string") return value.trim() === "" ? "> (an empty string)" : blockquote(value);
  return `\`${scalar(value)}\``;
}

function factsOf(name: string, value: unknown): string {
  const who = `according to \`${name || "the function"}\``;
  if (isRecord(value)) {
    const pairs = Object.entries(value)
      .slice(0, 6)
      .map(([k, v]) => `${k.replaceAll("_", " ")} ${inline(scalar(v), 8)}`);
    return pairs.length > 0 ? `${who}, ${pairs.join(", ")}` : `${who}, nothing`;
  }
  if (Array.isArray(value)) return `${who}, ${value.length} result${value.length === 1 ? "" : "s"}`;
  return `${who}, «${inline(scalar(value), 20)}»`;
}

function inline(text: string, maxWords: number): string {
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  return words.length > maxWords ? `${words.slice(0, maxWords).join(" ")}…` : words.join(" ");
}

function blockquote(text: string): string {
  return text
    .trim()
    .split(/\r\n|\r|\n/)
    .slice(0, 12)
    .map((line) => (line.trim() === "" ? ">" : `> ${line}`))
    .join("\n");
}
