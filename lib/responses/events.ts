/**
 * Stream event types: the `openai` package's `ResponseStreamEvent` union, plus a catch-all for event types this
 * build does not know (new API events, gateway extras such as `keepalive`). The catch-all keeps such events in the
 * timeline instead of dropping or crashing on them.
 */
import type {
  ResponseErrorEvent,
  ResponseStreamEvent as SdkResponseStreamEvent,
  ResponseFunctionShellToolCallOutput,
} from "openai/resources/responses/responses";

/*
 * Events of the 7.x SDK (59 types) that the installed 6.49 lacks, declared from the 7.60 unions
 * (../shared/reference/openai-7.60-unions.txt) and the spec's `*StreamingEvent` schemas. Remove once the SDK has them.
 */

/** The server is compacting the context into a `compaction` item (7.x SDK; not in the spec's stream union). */
export interface ResponseCompactionCompactingEvent {
  type: "response.compaction.compacting";
  item_id: string;
  output_index: number;
  sequence_number: number;
}

/** A command of a hosted `shell_call` starts streaming (no `item_id`: addressed by `output_index`). */
export interface ResponseShellCallCommandAddedEvent {
  type: "response.shell_call_command.added";
  output_index: number;
  command_index: number;
  command: string;
  sequence_number: number;
}

export interface ResponseShellCallCommandDeltaEvent {
  type: "response.shell_call_command.delta";
  output_index: number;
  command_index: number;
  delta: string;
  obfuscation?: string;
  sequence_number: number;
}

export interface ResponseShellCallCommandDoneEvent {
  type: "response.shell_call_command.done";
  output_index: number;
  command_index: number;
  command: string;
  sequence_number: number;
}

/** More stdout/stderr of one command of a `shell_call_output` item. */
export interface ResponseShellCallOutputContentDeltaEvent {
  type: "response.shell_call_output_content.delta";
  item_id: string;
  output_index: number;
  command_index: number;
  delta: { stdout?: string; stderr?: string };
  sequence_number: number;
}

/** The whole output of one command, with its outcome (exit code or timeout). */
export interface ResponseShellCallOutputContentDoneEvent {
  type: "response.shell_call_output_content.done";
  item_id: string;
  output_index: number;
  command_index: number;
  output: ResponseFunctionShellToolCallOutput["output"];
  sequence_number: number;
}

export type NewerStreamEvent =
  | ResponseCompactionCompactingEvent
  | ResponseShellCallCommandAddedEvent
  | ResponseShellCallCommandDeltaEvent
  | ResponseShellCallCommandDoneEvent
  | ResponseShellCallOutputContentDeltaEvent
  | ResponseShellCallOutputContentDoneEvent;

/** Every stream event of the 7.x SDK: the installed SDK's union plus the newer ones declared above. */
export type ResponseStreamEvent = SdkResponseStreamEvent | NewerStreamEvent;

export type KnownEventType = ResponseStreamEvent["type"];

/** An event whose `type` is not in `ResponseStreamEvent` (or whose shape we cannot vouch for). */
export interface UnknownStreamEvent {
  type: string;
  sequence_number?: number;
  [k: string]: unknown;
}

export type StreamEvent = ResponseStreamEvent | UnknownStreamEvent;

/**
 * The flat `error` event as the parser produces it. The wire may carry the nested WebSocket shape
 * (`{type:"error", error:{type, code, message, param}}`) or a bare `{error:{...}}`; `parseSseMessage` flattens both,
 * moving the nested `error.type` (e.g. `invalid_request_error`) to `error_type`.
 */
export type NormalizedErrorEvent = ResponseErrorEvent & { error_type?: string | null };

/**
 * Every member of `ResponseStreamEvent["type"]` (openai 6.49.0's 53 and the 7.x SDK's 6 newer: 59). Being a `Record` over the union, the compiler
 * rejects this object if a type is missing (or misspelt), so the list cannot drift from the installed SDK.
 */
const KNOWN_EVENT_TYPES: Record<KnownEventType, true> = {
  "response.audio.delta": true,
  "response.audio.done": true,
  "response.audio.transcript.delta": true,
  "response.audio.transcript.done": true,
  "response.code_interpreter_call_code.delta": true,
  "response.code_interpreter_call_code.done": true,
  "response.code_interpreter_call.completed": true,
  "response.code_interpreter_call.in_progress": true,
  "response.code_interpreter_call.interpreting": true,
  "response.completed": true,
  "response.content_part.added": true,
  "response.content_part.done": true,
  "response.created": true,
  error: true,
  "response.file_search_call.completed": true,
  "response.file_search_call.in_progress": true,
  "response.file_search_call.searching": true,
  "response.function_call_arguments.delta": true,
  "response.function_call_arguments.done": true,
  "response.in_progress": true,
  "response.failed": true,
  "response.incomplete": true,
  "response.output_item.added": true,
  "response.output_item.done": true,
  "response.reasoning_summary_part.added": true,
  "response.reasoning_summary_part.done": true,
  "response.reasoning_summary_text.delta": true,
  "response.reasoning_summary_text.done": true,
  "response.reasoning_text.delta": true,
  "response.reasoning_text.done": true,
  "response.refusal.delta": true,
  "response.refusal.done": true,
  "response.output_text.delta": true,
  "response.output_text.done": true,
  "response.web_search_call.completed": true,
  "response.web_search_call.in_progress": true,
  "response.web_search_call.searching": true,
  "response.image_generation_call.completed": true,
  "response.image_generation_call.generating": true,
  "response.image_generation_call.in_progress": true,
  "response.image_generation_call.partial_image": true,
  "response.mcp_call_arguments.delta": true,
  "response.mcp_call_arguments.done": true,
  "response.mcp_call.completed": true,
  "response.mcp_call.failed": true,
  "response.mcp_call.in_progress": true,
  "response.mcp_list_tools.completed": true,
  "response.mcp_list_tools.failed": true,
  "response.mcp_list_tools.in_progress": true,
  "response.output_text.annotation.added": true,
  "response.queued": true,
  "response.custom_tool_call_input.delta": true,
  "response.custom_tool_call_input.done": true,
  "response.compaction.compacting": true,
  "response.shell_call_command.added": true,
  "response.shell_call_command.delta": true,
  "response.shell_call_command.done": true,
  "response.shell_call_output_content.delta": true,
  "response.shell_call_output_content.done": true,
};

/** All known event types, in a stable order (for filters and docs). */
export const KNOWN_EVENT_TYPE_LIST: readonly KnownEventType[] = Object.keys(KNOWN_EVENT_TYPES) as KnownEventType[];

export function isKnownEventType(type: unknown): type is KnownEventType {
  return typeof type === "string" && Object.prototype.hasOwnProperty.call(KNOWN_EVENT_TYPES, type);
}

/** Narrows a parsed event to the SDK union. The payload itself is still only as good as the upstream sent it. */
export function isKnownEvent(event: StreamEvent): event is ResponseStreamEvent {
  return isKnownEventType(event.type);
}

/** Terminal lifecycle events: the response is finished after one of these. */
export const TERMINAL_EVENT_TYPES = ["response.completed", "response.incomplete", "response.failed"] as const;

export function isTerminalEventType(type: string): boolean {
  return (TERMINAL_EVENT_TYPES as readonly string[]).includes(type);
}

/** One line per event type, in plain English, for the event timeline (written for teachers, not for the SDK). */
export const EVENT_EXPLANATIONS: Record<KnownEventType, string> = {
  "response.created": "The server accepted the request and created the response; nothing has been generated yet.",
  "response.queued": "The response is waiting in a queue (background mode) before the model starts on it.",
  "response.in_progress": "The model has started working on the response.",
  "response.completed": "The response finished normally; this event carries the final output and the token usage.",
  "response.incomplete": "The response stopped early, for example because it hit the output-token limit or a content filter.",
  "response.failed": "The response failed on the server; the event says why in `response.error`.",
  error: "The server reported an error in the middle of the stream.",
  "response.output_item.added": "A new output item (a message, a tool call, a reasoning block…) has started.",
  "response.output_item.done": "An output item is finished; this event carries the item in its final form.",
  "response.content_part.added": "A new part (text or refusal) has started inside a message.",
  "response.content_part.done": "A part of a message is finished and carries its full text.",
  "response.output_text.delta": "The next small piece of the answer's text (a few characters or a word).",
  "response.output_text.done": "The text of this part is finished; the event repeats the whole text.",
  "response.output_text.annotation.added": "A citation or file reference was attached to a span of the answer's text.",
  "response.refusal.delta": "The next piece of a refusal: the model is declining to answer.",
  "response.refusal.done": "The refusal message is finished.",
  "response.function_call_arguments.delta": "The next piece of the JSON arguments for a function the model wants to call.",
  "response.function_call_arguments.done": "The function call's arguments are complete; your code would now run the function.",
  "response.custom_tool_call_input.delta": "The next piece of free-form input for a custom tool call.",
  "response.custom_tool_call_input.done": "The custom tool call's input is complete.",
  "response.reasoning_summary_part.added": "A new paragraph of the reasoning summary has started.",
  "response.reasoning_summary_part.done": "A paragraph of the reasoning summary is finished.",
  "response.reasoning_summary_text.delta": "The next piece of the summary of the model's reasoning.",
  "response.reasoning_summary_text.done": "A reasoning-summary paragraph's text is complete.",
  "response.reasoning_text.delta": "The next piece of the model's raw reasoning text (only some models expose it).",
  "response.reasoning_text.done": "The raw reasoning text of this part is complete.",
  "response.web_search_call.in_progress": "A web search tool call has started.",
  "response.web_search_call.searching": "The web search is running.",
  "response.web_search_call.completed": "The web search finished; its results feed the answer.",
  "response.file_search_call.in_progress": "A file search over your vector stores has started.",
  "response.file_search_call.searching": "The file search is looking through your files.",
  "response.file_search_call.completed": "The file search finished; the matching passages feed the answer.",
  "response.code_interpreter_call.in_progress": "A code interpreter call has started.",
  "response.code_interpreter_call_code.delta": "The next piece of the code the model is writing for the code interpreter.",
  "response.code_interpreter_call_code.done": "The code for the code interpreter is complete.",
  "response.code_interpreter_call.interpreting": "The code interpreter is running the code.",
  "response.code_interpreter_call.completed": "The code interpreter finished running the code.",
  "response.image_generation_call.in_progress": "An image generation call has started.",
  "response.image_generation_call.generating": "The image is being generated.",
  "response.image_generation_call.partial_image": "A low-quality preview of the image being generated.",
  "response.image_generation_call.completed": "The image generation finished.",
  "response.mcp_list_tools.in_progress": "The server is asking a remote MCP server which tools it offers.",
  "response.mcp_list_tools.completed": "The list of tools from the MCP server has arrived.",
  "response.mcp_list_tools.failed": "Listing the MCP server's tools failed.",
  "response.mcp_call.in_progress": "A call to a tool on a remote MCP server has started.",
  "response.mcp_call_arguments.delta": "The next piece of the arguments for an MCP tool call.",
  "response.mcp_call_arguments.done": "The MCP tool call's arguments are complete.",
  "response.mcp_call.completed": "The MCP tool call finished.",
  "response.mcp_call.failed": "The MCP tool call failed.",
  "response.audio.delta": "The next chunk of generated audio (base64).",
  "response.audio.done": "The generated audio is complete.",
  "response.audio.transcript.delta": "The next piece of the transcript of the generated audio.",
  "response.audio.transcript.done": "The audio transcript is complete.",
  "response.compaction.compacting":
    "The server is compacting the conversation: earlier turns are being replaced by a shorter, opaque compaction item.",
  "response.shell_call_command.added": "A shell command the model wants to run has started to arrive.",
  "response.shell_call_command.delta": "The next piece of a shell command the model is writing.",
  "response.shell_call_command.done": "The shell command is complete.",
  "response.shell_call_output_content.delta": "The next piece of a shell command's output (stdout or stderr).",
  "response.shell_call_output_content.done": "A shell command finished; the event carries its whole output and exit code.",
};

/** The explanation for any event type, with a generic line for types this build does not know. */
export function explainEventType(type: string): string {
  if (isKnownEventType(type)) return EVENT_EXPLANATIONS[type];
  if (type === "keepalive") return "A keep-alive signal from the server or gateway; it carries no content.";
  return "An event type this playground does not know yet; it is shown here but does not change the answer.";
}
