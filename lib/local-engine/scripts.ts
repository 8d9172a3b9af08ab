import "server-only";
import { splitIntoTokens } from "./tokens";
import type { ItemEventBody, OutputItem } from "./types";
import type {
  ResponseFileSearchToolCall,
  ResponseFunctionToolCall,
  ResponseFunctionWebSearch,
  ResponseOutputMessage,
  ResponseOutputRefusal,
  ResponseOutputText,
  ResponseReasoningItem,
} from "openai/resources/responses/responses";

/**
 * Item scripts: each describes how ONE output item streams, as a generator of event bodies. The emitter
 * (run.ts) numbers the events, paces the deltas, enforces `max_output_tokens`, keeps the partial item for
 * cancellation and writes them as SSE or folds them into the final object. A new kind of output item
 * (reasoning, function call, web search, refusal, …) is one new script plus a producer in producers.ts.
 */

export interface ScriptContext {
  /** Position of this item in `response.output`. */
  readonly outputIndex: number;
  /**
   * Claims `tokens` output tokens from the `max_output_tokens` budget (reasoning tokens count too).
   * False when they do not fit: the script must then close its item as `incomplete` and return.
   */
  take(tokens: number, kind?: "output" | "reasoning"): boolean;
  /** Adds tokens to `input_tokens` (retrieved passages count as input, as they do for OpenAI's hosted tools). */
  addInputTokens(tokens: number): void;
}

export interface ScriptStep {
  event: ItemEventBody;
  /** The item as it stands after this event, when the event changes it (deltas). Added/done events carry it already. */
  snapshot?: OutputItem;
  /** Wait the streaming delay before this step (used for deltas, so a long answer streams visibly). */
  paced?: boolean;
}

export type ItemScript = (ctx: ScriptContext) => Generator<ScriptStep, void, undefined>;

/** Thrown by a script to end the response as `failed` with this error (e.g. a simulated server error). */
export class ResponseFailure extends Error {
  constructor(
    readonly code: "server_error" | "rate_limit_exceeded" | "invalid_prompt" | "vector_store_timeout" | "invalid_image",
    message: string,
  ) {
    super(message);
    this.name = "ResponseFailure";
  }
}

/**
 * Thrown by a script to send an in-stream `error` event and end the stream there (no terminal event follows, as
 * with OpenAI). The stored response becomes `failed` with this error.
 */
export class StreamError extends Error {
  constructor(
    readonly code: ResponseFailure["code"],
    message: string,
  ) {
    super(message);
    this.name = "StreamError";
  }
}

export type Annotation = ResponseOutputText["annotations"][number];

/** Where an annotation can be sent: once the text reaches the end of its range (citations) or its index (files). */
export function annotationPosition(annotation: Annotation): number {
  switch (annotation.type) {
    case "url_citation":
    case "container_file_citation":
      return annotation.end_index;
    case "file_citation":
    case "file_path":
      return annotation.index;
  }
}

/** Thrown by a script to end the stream right there: no terminal event, no error event (a dropped connection). */
export class StreamCut extends Error {
  constructor() {
    super("stream cut on purpose");
    this.name = "StreamCut";
  }
}

export interface MessageOptions {
  /** Annotations in text order; each is sent (`response.output_text.annotation.added`) right after the delta that reaches it. */
  annotations?: readonly Annotation[];
}

/** Where a message part's events point: its item, output index and (always 0 here) content index. */
interface PartAt {
  item_id: string;
  output_index: number;
  content_index: 0;
}

/** What differs between an `output_text` part and a `refusal` part; the skeleton below does the rest. */
interface PartKind<P extends ResponseOutputText | ResponseOutputRefusal> {
  part(soFar: string): P;
  delta(at: PartAt, delta: string): ItemEventBody;
  done(at: PartAt, soFar: string): ItemEventBody;
  /** Events sent right after a delta (annotations the text has now reached); `part` already shows them. */
  afterDelta?(at: PartAt, soFar: string): Iterable<ItemEventBody>;
}

/**
 * The one skeleton of an assistant message with a single part streamed one word-sized token per delta: item
 * added, part added, deltas (stopping at the token budget, which makes the item `incomplete`), done events.
 * `makeKind` runs once per run of the script, so state a part keeps (annotations sent so far) starts afresh.
 */
function messagePartScript<P extends ResponseOutputText | ResponseOutputRefusal>(
  id: string,
  text: string,
  makeKind: () => PartKind<P>,
): ItemScript {
  return function* message(ctx) {
    const kind = makeKind();
    const output_index = ctx.outputIndex;
    const at: PartAt = { item_id: id, output_index, content_index: 0 };
    const item = (status: ResponseOutputMessage["status"], content: P[]): ResponseOutputMessage => ({
      id,
      type: "message",
      status,
      role: "assistant",
      content,
    });

    yield { event: { type: "response.output_item.added", output_index, item: item("in_progress", []) } };
    yield {
      event: { type: "response.content_part.added", ...at, part: kind.part("") },
      snapshot: item("in_progress", [kind.part("")]),
    };

    let soFar = "";
    let truncated = false;
    for (const delta of splitIntoTokens(text)) {
      if (!ctx.take(1)) {
        truncated = true;
        break;
      }
      soFar += delta;
      yield { event: kind.delta(at, delta), snapshot: item("in_progress", [kind.part(soFar)]), paced: true };
      for (const event of kind.afterDelta?.(at, soFar) ?? []) yield { event, snapshot: item("in_progress", [kind.part(soFar)]) };
    }

    yield { event: kind.done(at, soFar) };
    yield { event: { type: "response.content_part.done", ...at, part: kind.part(soFar) } };
    yield {
      event: { type: "response.output_item.done", output_index, item: item(truncated ? "incomplete" : "completed", [kind.part(soFar)]) },
    };
  };
}

/** An assistant message with one `output_text` part, streamed one word-sized token per delta. */
export function messageScript(id: string, text: string, options: MessageOptions = {}): ItemScript {
  const pending = [...(options.annotations ?? [])];
  return messagePartScript<ResponseOutputText>(id, text, () => {
    const annotations: Annotation[] = [];
    return {
      part: (soFar) => ({ type: "output_text", text: soFar, annotations: [...annotations], logprobs: [] }),
      delta: (at, delta) => ({ type: "response.output_text.delta", ...at, delta, logprobs: [] }),
      done: (at, soFar) => ({ type: "response.output_text.done", ...at, text: soFar, logprobs: [] }),
      *afterDelta(at, soFar) {
        while (pending.length > 0 && annotationPosition(pending[0]!) <= soFar.length) {
          const annotation = pending.shift()!;
          annotations.push(annotation);
          yield { type: "response.output_text.annotation.added", ...at, annotation_index: annotations.length - 1, annotation };
        }
      },
    };
  });
}

/** An assistant message whose only part is a `refusal`, streamed with `response.refusal.delta/.done`. */
export function refusalScript(id: string, text: string): ItemScript {
  return messagePartScript<ResponseOutputRefusal>(id, text, () => ({
    part: (soFar) => ({ type: "refusal", refusal: soFar }),
    delta: (at, delta) => ({ type: "response.refusal.delta", ...at, delta }),
    done: (at, soFar) => ({ type: "response.refusal.done", ...at, refusal: soFar }),
  }));
}

export interface ReasoningPlan {
  /** Summary paragraphs (streamed as summary parts); empty when `reasoning.summary` was not asked for. */
  summary: readonly string[];
  /** Reasoning tokens spent before the summary ("thinking" that is never shown). */
  hiddenTokens: number;
  /** Sent on the finished item when `include` asks for `reasoning.encrypted_content`. */
  encryptedContent?: string | null;
}

/** A reasoning item: hidden reasoning tokens, then summary parts streamed one token per delta. */
export function reasoningScript(id: string, plan: ReasoningPlan): ItemScript {
  return function* reasoning(ctx) {
    const output_index = ctx.outputIndex;
    const summary: ResponseReasoningItem.Summary[] = [];
    const item = (status?: "incomplete"): ResponseReasoningItem => {
      const out: ResponseReasoningItem = { id, type: "reasoning", summary: summary.map((s) => ({ ...s })) };
      if (status) out.status = status;
      return out;
    };
    yield { event: { type: "response.output_item.added", output_index, item: item() } };
    if (!ctx.take(plan.hiddenTokens, "reasoning")) {
      yield { event: { type: "response.output_item.done", output_index, item: item("incomplete") } };
      return;
    }
    let truncated = false;
    for (const [summary_index, text] of plan.summary.entries()) {
      summary.push({ type: "summary_text", text: "" });
      const current = summary[summary_index]!;
      yield {
        event: {
          type: "response.reasoning_summary_part.added",
          item_id: id,
          output_index,
          summary_index,
          part: { type: "summary_text", text: "" },
        },
        snapshot: item(),
      };
      for (const delta of splitIntoTokens(text)) {
        if (!ctx.take(1, "reasoning")) {
          truncated = true;
          break;
        }
        current.text += delta;
        yield {
          event: { type: "response.reasoning_summary_text.delta", item_id: id, output_index, summary_index, delta },
          snapshot: item(),
          paced: true,
        };
      }
      yield { event: { type: "response.reasoning_summary_text.done", item_id: id, output_index, summary_index, text: current.text } };
      yield {
        event: {
          type: "response.reasoning_summary_part.done",
          item_id: id,
          output_index,
          summary_index,
          part: { type: "summary_text", text: current.text },
        },
      };
      if (truncated) break;
    }
    const done = item(truncated ? "incomplete" : undefined);
    if (plan.encryptedContent != null && !truncated) done.encrypted_content = plan.encryptedContent;
    yield { event: { type: "response.output_item.done", output_index, item: done } };
  };
}

/** Splits call arguments into deltas of up to 8 characters (code points), one output token each. */
export function argumentPieces(args: string): string[] {
  const chars = [...args];
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += 8) pieces.push(chars.slice(i, i + 8).join(""));
  return pieces;
}

/** A `function_call` item whose JSON arguments stream in pieces. */
export function functionCallScript(id: string, callId: string, name: string, args: string): ItemScript {
  return function* functionCall(ctx) {
    const output_index = ctx.outputIndex;
    const item = (status: ResponseFunctionToolCall["status"], soFar: string): ResponseFunctionToolCall => ({
      id,
      type: "function_call",
      status,
      arguments: soFar,
      call_id: callId,
      name,
    });
    yield { event: { type: "response.output_item.added", output_index, item: item("in_progress", "") } };
    let soFar = "";
    let truncated = false;
    for (const delta of argumentPieces(args)) {
      if (!ctx.take(1)) {
        truncated = true;
        break;
      }
      soFar += delta;
      yield {
        event: { type: "response.function_call_arguments.delta", item_id: id, output_index, delta },
        snapshot: item("in_progress", soFar),
        paced: true,
      };
    }
    yield { event: { type: "response.function_call_arguments.done", item_id: id, output_index, name, arguments: soFar } };
    yield { event: { type: "response.output_item.done", output_index, item: item(truncated ? "incomplete" : "completed", soFar) } };
  };
}

/** A `web_search_call`: in_progress → searching → completed, then the finished item with its search action. */
export function webSearchCallScript(id: string, query: string, sources: readonly string[] | null, retrievedTokens = 0): ItemScript {
  return function* webSearch(ctx) {
    const output_index = ctx.outputIndex;
    const item = (status: ResponseFunctionWebSearch["status"], done = false): ResponseFunctionWebSearch => {
      const action: ResponseFunctionWebSearch.Search = { type: "search", query };
      if (done) {
        action.queries = [query];
        if (sources) action.sources = sources.map((url) => ({ type: "url", url }));
      }
      return { id, type: "web_search_call", status, action };
    };
    yield { event: { type: "response.output_item.added", output_index, item: item("in_progress") } };
    yield { event: { type: "response.web_search_call.in_progress", item_id: id, output_index } };
    yield { event: { type: "response.web_search_call.searching", item_id: id, output_index }, snapshot: item("searching"), paced: true };
    ctx.addInputTokens(retrievedTokens);
    yield { event: { type: "response.web_search_call.completed", item_id: id, output_index }, snapshot: item("completed"), paced: true };
    yield { event: { type: "response.output_item.done", output_index, item: item("completed", true) } };
  };
}

/** A `file_search_call`: in_progress → searching → completed, then the finished item with queries (and results). */
export function fileSearchCallScript(
  id: string,
  queries: readonly string[],
  results: ResponseFileSearchToolCall["results"],
  retrievedTokens = 0,
): ItemScript {
  return function* fileSearch(ctx) {
    const output_index = ctx.outputIndex;
    const item = (status: ResponseFileSearchToolCall["status"], done = false): ResponseFileSearchToolCall => ({
      id,
      type: "file_search_call",
      status,
      queries: done ? [...queries] : [],
      results: done ? results : null,
    });
    yield { event: { type: "response.output_item.added", output_index, item: item("in_progress") } };
    yield { event: { type: "response.file_search_call.in_progress", item_id: id, output_index } };
    yield { event: { type: "response.file_search_call.searching", item_id: id, output_index }, snapshot: item("searching"), paced: true };
    ctx.addInputTokens(retrievedTokens);
    yield { event: { type: "response.file_search_call.completed", item_id: id, output_index }, snapshot: item("completed"), paced: true };
    yield { event: { type: "response.output_item.done", output_index, item: item("completed", true) } };
  };
}

/** The same script, interrupted by `error` after `deltas` paced steps (the partial item is kept by the emitter). */
export function interruptAfter(script: ItemScript, deltas: number, error: ResponseFailure | StreamError | StreamCut): ItemScript {
  return function* interrupted(ctx) {
    let paced = 0;
    for (const step of script(ctx)) {
      if (step.paced) {
        if (paced >= deltas) throw error;
        paced++;
      }
      yield step;
    }
    throw error;
  };
}
