/**
 * Chat Completions request body → Responses request body: the local engine's way in, so it answers
 * `/v1/chat/completions` with the same rules (and the same text) as `/v1/responses`. Isomorphic and pure; the
 * inverse of `responses-to-chat.ts`.
 */
import { isRecord } from "@/lib/is-record";
import { copySameFields, type Json } from "./same-fields";

export interface ResponsesFromChat {
  body: Json;
  /** For each `input[k]`, the index of the message it came from (to point errors at `messages[i]`). */
  sourceOf: number[];
}

export function chatToResponses(chat: Json): ResponsesFromChat {
  const body: Json = { model: chat.model };
  const input: Json[] = [];
  const sourceOf: number[] = [];
  const messages = Array.isArray(chat.messages) ? chat.messages : [];
  messages.forEach((msg, i) => {
    if (!isRecord(msg)) return;
    // A leading system/developer message is the Responses `instructions` (responsesToChat's inverse).
    if (i === 0 && (msg.role === "system" || msg.role === "developer") && typeof msg.content === "string") {
      body.instructions = msg.content;
      return;
    }
    const push = (item: Json) => {
      input.push(item);
      sourceOf.push(i);
    };
    if (msg.role === "tool") {
      push({ type: "function_call_output", call_id: msg.tool_call_id, output: textOf(msg.content) });
      return;
    }
    if (msg.role === "assistant") {
      const text = textOf(msg.content);
      if (text !== "" || typeof msg.refusal === "string") {
        const content: Json[] = [];
        if (text !== "") content.push({ type: "output_text", text, annotations: [] });
        if (typeof msg.refusal === "string") content.push({ type: "refusal", refusal: msg.refusal });
        push({ type: "message", role: "assistant", content });
      }
      if (Array.isArray(msg.tool_calls)) {
        for (const call of msg.tool_calls) {
          if (!isRecord(call) || !isRecord(call.function)) continue;
          push({ type: "function_call", call_id: call.id, name: call.function.name, arguments: call.function.arguments });
        }
      }
      return;
    }
    const role = msg.role === "function" ? "user" : msg.role;
    if (typeof msg.content === "string" || !Array.isArray(msg.content)) {
      push({ type: "message", role, content: msg.content });
      return;
    }
    push({ type: "message", role, content: msg.content.map(chatPartToResponses) });
  });
  body.input = input;

  copySameFields(chat, body);
  body.store = false;
  const maxTokens = chat.max_completion_tokens ?? chat.max_tokens;
  if (typeof maxTokens === "number") body.max_output_tokens = maxTokens;
  if (typeof chat.reasoning_effort === "string") body.reasoning = { effort: chat.reasoning_effort };
  if (Array.isArray(chat.tools)) {
    body.tools = chat.tools.map((tool) => {
      if (isRecord(tool) && tool.type === "function" && isRecord(tool.function)) return { type: "function", ...tool.function };
      if (isRecord(tool) && tool.type === "custom" && isRecord(tool.custom)) return { type: "custom", ...tool.custom };
      return tool;
    });
  }
  const choice = chat.tool_choice;
  if (typeof choice === "string") body.tool_choice = choice;
  else if (isRecord(choice) && choice.type === "function" && isRecord(choice.function))
    body.tool_choice = { type: "function", name: choice.function.name };
  else if (isRecord(choice) && choice.type === "custom" && isRecord(choice.custom))
    body.tool_choice = { type: "custom", name: choice.custom.name };
  else if (isRecord(choice) && choice.type === "allowed_tools" && isRecord(choice.allowed_tools)) {
    const allowed = choice.allowed_tools;
    body.tool_choice = {
      type: "allowed_tools",
      mode: allowed.mode,
      tools: (Array.isArray(allowed.tools) ? allowed.tools : []).map((t) =>
        isRecord(t) && isRecord(t.function) ? { type: "function", name: t.function.name } : t,
      ),
    };
  }
  const rf = chat.response_format;
  const text: Json = {};
  if (isRecord(rf) && rf.type === "json_schema" && isRecord(rf.json_schema)) text.format = { type: "json_schema", ...rf.json_schema };
  else if (isRecord(rf) && (rf.type === "json_object" || rf.type === "text")) text.format = { type: rf.type };
  if (typeof chat.verbosity === "string") text.verbosity = chat.verbosity;
  if (Object.keys(text).length > 0) body.text = text;
  return { body, sourceOf };
}

function chatPartToResponses(part: unknown): unknown {
  if (!isRecord(part)) return part;
  if (part.type === "text") return { type: "input_text", text: part.text };
  if (part.type === "image_url" && isRecord(part.image_url)) {
    const out: Json = { type: "input_image", image_url: part.image_url.url };
    out.detail = part.image_url.detail ?? "auto";
    return out;
  }
  if (part.type === "file" && isRecord(part.file)) return { type: "input_file", ...part.file };
  return part;
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((p) => (isRecord(p) && typeof p.text === "string" ? p.text : "")).join("");
  }
  return "";
}
