import "server-only";
import { splitIntoTokens } from "./tokens";
import type { ItemEventBody, OutputItem } from "./types";
import type { ResponseOutputMessage, ResponseOutputText } from "openai/resources/responses/responses";

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

/** An assistant message with one `output_text` part, streamed one word-sized token per delta. */
export function messageScript(id: string, text: string): ItemScript {
  return function* message(ctx) {
    const output_index = ctx.outputIndex;
    const item = (status: ResponseOutputMessage["status"], content: ResponseOutputText[]): ResponseOutputMessage => ({
      id,
      type: "message",
      status,
      role: "assistant",
      content,
    });
    const part = (soFar: string): ResponseOutputText => ({ type: "output_text", text: soFar, annotations: [], logprobs: [] });

    yield { event: { type: "response.output_item.added", output_index, item: item("in_progress", []) } };
    yield {
      event: { type: "response.content_part.added", item_id: id, output_index, content_index: 0, part: part("") },
      snapshot: item("in_progress", [part("")]),
    };

    let soFar = "";
    let truncated = false;
    for (const delta of splitIntoTokens(text)) {
      if (!ctx.take(1)) {
        truncated = true;
        break;
      }
      soFar += delta;
      yield {
        event: { type: "response.output_text.delta", item_id: id, output_index, content_index: 0, delta, logprobs: [] },
        snapshot: item("in_progress", [part(soFar)]),
        paced: true,
      };
    }

    yield {
      event: { type: "response.output_text.done", item_id: id, output_index, content_index: 0, text: soFar, logprobs: [] },
    };
    yield {
      event: { type: "response.content_part.done", item_id: id, output_index, content_index: 0, part: part(soFar) },
    };
    yield {
      event: {
        type: "response.output_item.done",
        output_index,
        item: item(truncated ? "incomplete" : "completed", [part(soFar)]),
      },
    };
  };
}
