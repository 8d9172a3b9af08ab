/**
 * Follow-up requests: answering function calls (`function_call_output`), MCP approvals (`mcp_approval_response`) and
 * new user messages, continued in one of the two ways the API offers:
 *
 * - `previous_response_id`: the server keeps the conversation; send only the new items. Needs a stored response.
 * - `replay`: send everything again (earlier input, the response's output items, the new items) with `store: false`;
 *   nothing is kept on the server.
 *
 * Pure functions over plain JSON; the page keeps the request bodies it sent (use-response-run.ts).
 */
import type { ResponseOutputItem } from "openai/resources/responses/responses";
import { isRecord } from "@/lib/is-record";

export type ContinueMode = "previous_response_id" | "replay";

export type JsonObject = Record<string, unknown>;
export type InputItem = JsonObject;

/** One finished request/response pair of a conversation. */
export interface TurnRecord {
  /** The body that was sent. */
  body: JsonObject;
  responseId: string | null;
  output: readonly ResponseOutputItem[];
}

/** A request's `input` as a list of items: a string is one user message. */
export function inputAsItems(input: unknown): InputItem[] {
  if (typeof input === "string") return [{ role: "user", content: input }];
  if (Array.isArray(input)) return input.filter(isRecord);
  return [];
}

/**
 * A response's output items as input for a replay. Reasoning items without `encrypted_content` are left out (the API
 * cannot use them statelessly); everything else goes back as it came, as the API documents.
 */
export function outputAsInput(output: readonly unknown[]): InputItem[] {
  const items: InputItem[] = [];
  for (const raw of output) {
    if (!isRecord(raw) || typeof raw.type !== "string") continue;
    if (raw.type === "reasoning" && typeof raw.encrypted_content !== "string") continue;
    items.push(raw);
  }
  return items;
}

/**
 * Every input item a turn stood for: its own input when it started afresh, or, when it continued a stored response,
 * the previous turn's full input plus that turn's output plus its own input.
 */
export function fullInputOf(turns: readonly TurnRecord[]): InputItem[] {
  let context: InputItem[] = [];
  let previous: TurnRecord | null = null;
  for (const turn of turns) {
    const own = inputAsItems(turn.body.input);
    const continued =
      typeof turn.body.previous_response_id === "string" && previous !== null && turn.body.previous_response_id === previous.responseId;
    context = continued && previous ? [...context, ...outputAsInput(previous.output), ...own] : own;
    previous = turn;
  }
  return context;
}

/** Whether `previous_response_id` can continue after this turn: the response must exist and have been stored. */
export function canChain(turn: TurnRecord | null): boolean {
  return turn !== null && turn.responseId !== null && turn.body.store !== false;
}

/**
 * The next request body. `turns` is the conversation so far (the last one is being answered); `base` fields
 * (model, tools, instructions, …) come from the last body sent.
 */
export function buildFollowUp(turns: readonly TurnRecord[], newItems: readonly InputItem[], mode: ContinueMode): JsonObject {
  const last = turns.at(-1);
  if (!last) throw new Error("There is no response to continue.");
  const base: JsonObject = { ...last.body };
  delete base.input;
  delete base.previous_response_id;
  if (mode === "previous_response_id") {
    if (!canChain(last))
      throw new Error("The last response was not stored (store: false), so it cannot be continued by id; replay the input instead.");
    return { ...base, previous_response_id: last.responseId, input: [...newItems] };
  }
  return { ...base, store: false, input: [...fullInputOf(turns), ...outputAsInput(last.output), ...newItems] };
}

// ───────────────────────────────────────────── what needs an answer ─────────────────────────────────────────────

export interface PendingCall {
  callId: string;
  name: string;
  arguments: string;
}

/** The function calls of an output, in order (each must get exactly one output before the conversation goes on). */
export function functionCallsOf(output: readonly unknown[]): PendingCall[] {
  const calls: PendingCall[] = [];
  for (const item of output) {
    if (!isRecord(item) || item.type !== "function_call" || typeof item.call_id !== "string" || item.call_id === "") continue;
    calls.push({
      callId: item.call_id,
      name: String(item.name ?? ""),
      arguments: typeof item.arguments === "string" ? item.arguments : "",
    });
  }
  return calls;
}

export function approvalRequestsOf(
  output: readonly unknown[],
): Array<{ id: string; serverLabel: string; name: string; arguments: string }> {
  const requests = [];
  for (const item of output) {
    if (!isRecord(item) || item.type !== "mcp_approval_request" || typeof item.id !== "string") continue;
    requests.push({
      id: item.id,
      serverLabel: String(item.server_label ?? ""),
      name: String(item.name ?? ""),
      arguments: String(item.arguments ?? ""),
    });
  }
  return requests;
}

export interface OutputDraft {
  callId: string;
  /** What the user typed. */
  text: string;
  /** "json": the text must parse, and is sent compact; "text": sent as typed. */
  format: "text" | "json";
}

export interface OutputProblem {
  callId: string | null;
  message: string;
}

/** A `function_call_output` item for one draft (JSON drafts are parsed and sent compact). */
export function functionCallOutput(draft: OutputDraft): InputItem {
  let output = draft.text;
  if (draft.format === "json") output = JSON.stringify(JSON.parse(draft.text));
  return { type: "function_call_output", call_id: draft.callId, output };
}

/**
 * The check before sending: every call has exactly one output, no output names an unknown call, and JSON outputs
 * parse. An empty list means the items can be sent.
 */
export function checkOutputs(calls: readonly PendingCall[], drafts: readonly OutputDraft[]): OutputProblem[] {
  const problems: OutputProblem[] = [];
  const known = new Set(calls.map((c) => c.callId));
  for (const call of calls) {
    const mine = drafts.filter((d) => d.callId === call.callId);
    const label = `${call.name || "function"} (${call.callId})`;
    if (mine.length === 0 || mine.every((d) => d.text.trim() === ""))
      problems.push({ callId: call.callId, message: `${label} has no output yet.` });
    else if (mine.length > 1) problems.push({ callId: call.callId, message: `${label} has ${mine.length} outputs; send exactly one.` });
  }
  for (const draft of drafts) {
    if (!known.has(draft.callId)) problems.push({ callId: draft.callId, message: `There is no call ${draft.callId} in this response.` });
    else if (draft.format === "json" && draft.text.trim() !== "") {
      try {
        JSON.parse(draft.text);
      } catch (err) {
        problems.push({
          callId: draft.callId,
          message: `The output for ${draft.callId} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    }
  }
  return problems;
}

/** The same check over ready items (e.g. edited by hand): each call answered exactly once, by call_id. */
export function checkOutputItems(calls: readonly PendingCall[], items: readonly InputItem[]): OutputProblem[] {
  const drafts: OutputDraft[] = items
    .filter((i) => i.type === "function_call_output")
    .map((i) => ({
      callId: String(i.call_id ?? ""),
      text: typeof i.output === "string" ? i.output : JSON.stringify(i.output ?? ""),
      format: "text",
    }));
  return checkOutputs(calls, drafts);
}
