import "server-only";
import type {
  Response as SdkResponse,
  ResponseOutputItem,
  ResponseStatus,
  ResponseStreamEvent,
  ResponseUsage,
} from "openai/resources/responses/responses";

/**
 * Wire types of the engine, taken from the official `openai` package so our events are checked by the compiler
 * against the same definitions the SDK uses to read them.
 */

/**
 * The Response object as the engine sends it: the SDK type without its SDK-only `output_text` convenience, plus
 * `store`, which every OpenAI example echoes although the spec's `Response` schema does not declare it, and
 * `max_tool_calls`, which the spec declares but the 6.x SDK type lacks.
 */
export type EngineResponse = Omit<SdkResponse, "output_text"> & { store: boolean; max_tool_calls?: number | null };

type WithEngineResponse<E> = E extends { response: unknown } ? Omit<E, "response"> & { response: EngineResponse } : E;

/** Every stream event, with lifecycle events carrying an `EngineResponse`. */
export type EngineStreamEvent = WithEngineResponse<ResponseStreamEvent>;

/** An event before the emitter numbers it. */
export type EventBody = EngineStreamEvent extends infer E ? (E extends unknown ? Omit<E, "sequence_number"> : never) : never;

/** Events that belong to one output item (everything except lifecycle events and `error`); item scripts yield these. */
export type ItemEventBody = Exclude<EventBody, { response: unknown } | { type: "error" }>;

export type OutputItem = ResponseOutputItem;
export type { ResponseStatus, ResponseUsage };

/** Any JSON object the client sent; unknown fields are kept, never rejected. */
export type JsonObject = Record<string, unknown>;
