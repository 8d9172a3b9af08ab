/**
 * Responses request body → Chat Completions request body. Isomorphic and pure.
 *
 * `responsesToChat` is what the Compare view, the Chat Completions code export and the permalink page show: the
 * composer's request as `POST /v1/chat/completions` would take it, plus a `dropped` list that says in plain words
 * what has no Chat Completions equivalent (nothing is left out silently). The way back is `chat-to-responses.ts`.
 */
import { isRecord } from "@/lib/is-record";
import { SAME_NAME, copySameFields, type Json } from "./same-fields";

export interface Dropped {
  /** Where it was in the Responses body, e.g. `tools[1]`, `reasoning.summary`, `input[2].content[0]`. */
  path: string;
  reason: string;
}

export interface ChatTranslation {
  body: Json;
  dropped: Dropped[];
}

/** Top-level fields handled below (translated or dropped with their own reason). */
const HANDLED = new Set<string>([
  ...SAME_NAME,
  "input",
  "instructions",
  "tools",
  "tool_choice",
  "text",
  "max_output_tokens",
  "reasoning",
  "stream",
  "stream_options",
  "top_logprobs",
  "previous_response_id",
  "conversation",
  "include",
  "truncation",
  "background",
  "max_tool_calls",
  "prompt",
]);

const BUILT_IN_TOOL_NAMES: Record<string, string> = {
  web_search: "web search",
  web_search_preview: "web search",
  web_search_2025_08_26: "web search",
  file_search: "file search",
  computer_use_preview: "computer use",
  computer: "computer use",
  code_interpreter: "code interpreter",
  image_generation: "image generation",
  mcp: "remote MCP servers",
  local_shell: "local shell",
  shell: "shell",
  apply_patch: "apply patch",
};

const TOOL_DROP_REASON = (type: string): string => {
  const name = BUILT_IN_TOOL_NAMES[type];
  if (type.startsWith("web_search")) {
    return "Chat Completions has no web search tool; only the search models (gpt-4o-search-preview) search, through the separate web_search_options parameter.";
  }
  if (name) return `Chat Completions has no built-in ${name} tool; only function (and custom) tools exist there.`;
  return `Tool type '${type}' has no Chat Completions equivalent; only function (and custom) tools exist there.`;
};

export function responsesToChat(body: Json): ChatTranslation {
  const dropped: Dropped[] = [];
  const drop = (path: string, reason: string) => dropped.push({ path, reason });
  const out: Json = {};

  if (body.model !== undefined) out.model = body.model;

  const messages: Json[] = [];
  if (typeof body.instructions === "string" && body.instructions !== "") {
    messages.push({ role: "system", content: body.instructions });
  } else if (Array.isArray(body.instructions)) {
    body.instructions.forEach((item, i) => translateItem(item, `instructions[${i}]`, messages, drop));
  }
  if (typeof body.input === "string") messages.push({ role: "user", content: body.input });
  else if (Array.isArray(body.input)) body.input.forEach((item, i) => translateItem(item, `input[${i}]`, messages, drop));
  out.messages = messages;

  copySameFields(body, out);

  if (typeof body.max_output_tokens === "number") out.max_completion_tokens = body.max_output_tokens;
  if (typeof body.top_logprobs === "number") {
    out.logprobs = true;
    out.top_logprobs = body.top_logprobs;
  }

  // tools
  if (Array.isArray(body.tools)) {
    const tools: Json[] = [];
    body.tools.forEach((tool, i) => {
      const path = `tools[${i}]`;
      if (!isRecord(tool) || typeof tool.type !== "string") return drop(path, "Not a tool object.");
      if (tool.type === "function") {
        const fn: Json = { name: tool.name };
        if (tool.description != null) fn.description = tool.description;
        if (tool.parameters != null) fn.parameters = tool.parameters;
        if (tool.strict != null) fn.strict = tool.strict;
        tools.push({ type: "function", function: fn });
      } else if (tool.type === "custom") {
        const custom: Json = { name: tool.name };
        if (tool.description != null) custom.description = tool.description;
        if (tool.format != null) custom.format = tool.format;
        tools.push({ type: "custom", custom });
      } else {
        drop(path, TOOL_DROP_REASON(tool.type));
      }
    });
    if (tools.length > 0) out.tools = tools;
  }

  // tool_choice
  if (body.tool_choice !== undefined && body.tool_choice !== null) {
    const choice = translateToolChoice(body.tool_choice, Array.isArray(out.tools) && out.tools.length > 0);
    if ("value" in choice) out.tool_choice = choice.value;
    else drop("tool_choice", choice.reason);
  }

  // text.format / text.verbosity
  if (isRecord(body.text)) {
    const format = body.text.format;
    if (isRecord(format)) {
      if (format.type === "json_schema") {
        const js: Json = { name: format.name, schema: format.schema };
        if (format.description != null) js.description = format.description;
        if (format.strict != null) js.strict = format.strict;
        out.response_format = { type: "json_schema", json_schema: js };
      } else if (format.type === "json_object") out.response_format = { type: "json_object" };
      else if (format.type === "text") out.response_format = { type: "text" };
      else drop("text.format", `Output format '${String(format.type)}' has no Chat Completions response_format.`);
    }
    if (body.text.verbosity != null) out.verbosity = body.text.verbosity;
    for (const key of Object.keys(body.text)) {
      if (key !== "format" && key !== "verbosity") drop(`text.${key}`, "Unknown text option; it has no Chat Completions equivalent.");
    }
  }

  // reasoning
  if (isRecord(body.reasoning)) {
    if (body.reasoning.effort != null) out.reasoning_effort = body.reasoning.effort;
    for (const key of ["summary", "generate_summary"] as const) {
      if (body.reasoning[key] != null) {
        drop(`reasoning.${key}`, "Chat Completions never returns reasoning summaries; it only reports reasoning_tokens in usage.");
      }
    }
  }

  // stream
  if (body.stream === true) {
    out.stream = true;
    const options: Json = { include_usage: true };
    if (isRecord(body.stream_options) && body.stream_options.include_obfuscation !== undefined) {
      options.include_obfuscation = body.stream_options.include_obfuscation;
    }
    out.stream_options = options;
  } else if (body.stream === false) out.stream = false;

  // dropped parameters with their reasons
  if (body.previous_response_id != null) {
    drop("previous_response_id", "Chat Completions keeps no server-side conversation: resend the earlier messages yourself.");
  }
  if (body.conversation != null) {
    drop("conversation", "Chat Completions has no conversations: resend the earlier messages yourself.");
  }
  if (Array.isArray(body.include) && body.include.length > 0) {
    drop("include", "Chat Completions cannot include extra output data (sources, search results, encrypted reasoning).");
  }
  if (body.truncation != null) drop("truncation", "Chat Completions has no truncation setting; an over-long conversation is an error.");
  if (body.background != null)
    drop("background", "Chat Completions has no background mode; the request must stay open until the answer is ready.");
  if (body.max_tool_calls != null)
    drop("max_tool_calls", "Chat Completions has no limit on built-in tool calls (it has no built-in tools).");
  if (body.prompt != null) drop("prompt", "Chat Completions cannot use stored prompt templates.");
  for (const key of Object.keys(body)) {
    if (!HANDLED.has(key)) drop(key, "Unknown to this translation; not sent to Chat Completions.");
  }

  return { body: out, dropped };
}

function translateToolChoice(choice: unknown, hasTools: boolean): { value: unknown } | { reason: string } {
  if (typeof choice === "string") {
    if (!hasTools && choice !== "none") return { reason: "No tool survived the translation, so tool_choice has nothing to choose from." };
    return { value: choice };
  }
  if (!isRecord(choice)) return { reason: "Not a tool_choice form." };
  if (choice.type === "function") return { value: { type: "function", function: { name: choice.name } } };
  if (choice.type === "custom") return { value: { type: "custom", custom: { name: choice.name } } };
  if (choice.type === "allowed_tools" && Array.isArray(choice.tools)) {
    const tools: Json[] = [];
    for (const t of choice.tools) {
      if (isRecord(t) && t.type === "function") tools.push({ type: "function", function: { name: t.name } });
      else if (isRecord(t) && t.type === "custom") tools.push({ type: "custom", custom: { name: t.name } });
    }
    if (tools.length === 0) return { reason: "The allowed tools are all built-in tools, which Chat Completions does not have." };
    return { value: { type: "allowed_tools", allowed_tools: { mode: choice.mode, tools } } };
  }
  return { reason: `tool_choice '${String(choice.type)}' forces a built-in tool, which Chat Completions does not have.` };
}

type DropFn = (path: string, reason: string) => void;

function translateItem(item: unknown, path: string, messages: Json[], drop: DropFn): void {
  if (!isRecord(item)) return drop(path, "Not an input item.");
  const type = item.type ?? "message";
  if (type === "message") return translateMessage(item, path, messages, drop);
  if (type === "function_call") {
    const call = { id: item.call_id, type: "function", function: { name: item.name, arguments: item.arguments } };
    const last = messages[messages.length - 1];
    // Parallel calls are one assistant message with several tool_calls; text of the same turn comes first.
    if (last && last.role === "assistant" && (Array.isArray(last.tool_calls) || last.content !== undefined)) {
      last.tool_calls = [...(Array.isArray(last.tool_calls) ? last.tool_calls : []), call];
    } else messages.push({ role: "assistant", content: null, tool_calls: [call] });
    return;
  }
  if (type === "function_call_output") {
    messages.push({ role: "tool", tool_call_id: item.call_id, content: toolOutputContent(item.output, `${path}.output`, drop) });
    return;
  }
  if (type === "reasoning") return drop(path, "Chat Completions cannot take reasoning items back; the model reasons afresh each turn.");
  if (type === "item_reference") return drop(path, "Chat Completions cannot refer to stored items; resend their content instead.");
  return drop(path, `Item type '${String(type)}' belongs to a Responses built-in tool and has no Chat Completions message.`);
}

function translateMessage(item: Json, path: string, messages: Json[], drop: DropFn): void {
  const role = typeof item.role === "string" ? item.role : "user";
  const content = item.content;
  if (typeof content === "string") {
    messages.push({ role, content });
    return;
  }
  if (!Array.isArray(content)) return drop(path, "A message without content.");
  if (role === "assistant") {
    const texts: string[] = [];
    let refusal: string | null = null;
    content.forEach((part, j) => {
      if (isRecord(part) && (part.type === "output_text" || part.type === "input_text") && typeof part.text === "string")
        texts.push(part.text);
      else if (isRecord(part) && part.type === "refusal" && typeof part.refusal === "string") refusal = part.refusal;
      else drop(`${path}.content[${j}]`, "Assistant messages in Chat Completions hold only text and a refusal.");
    });
    const msg: Json = { role: "assistant", content: texts.join("") };
    if (refusal !== null) msg.refusal = refusal;
    messages.push(msg);
    return;
  }
  const parts: Json[] = [];
  content.forEach((part, j) => {
    const at = `${path}.content[${j}]`;
    const converted = translatePart(part, at, drop);
    if (!converted) return;
    if (role !== "user" && converted.type !== "text") {
      drop(at, `Chat Completions ${role} messages hold only text; images and files go in user messages.`);
      return;
    }
    parts.push(converted);
  });
  messages.push({ role, content: role === "user" ? parts : parts.map((p) => p.text).join("") });
}

function translatePart(part: unknown, at: string, drop: DropFn): Json | null {
  if (!isRecord(part)) {
    drop(at, "Not a content part.");
    return null;
  }
  switch (part.type) {
    case "input_text":
    case "output_text":
      return { type: "text", text: part.text };
    case "input_image": {
      if (typeof part.image_url !== "string") {
        drop(at, "Chat Completions takes images as a URL or data URL only, not as an uploaded file_id.");
        return null;
      }
      const image: Json = { url: part.image_url };
      if (part.detail != null) image.detail = part.detail;
      return { type: "image_url", image_url: image };
    }
    case "input_file": {
      const file: Json = {};
      if (typeof part.file_id === "string") file.file_id = part.file_id;
      if (typeof part.file_data === "string") file.file_data = part.file_data;
      if (typeof part.filename === "string") file.filename = part.filename;
      if (file.file_id === undefined && file.file_data === undefined) {
        drop(at, "Chat Completions takes files as file_data or file_id only, not by file_url.");
        return null;
      }
      return { type: "file", file };
    }
    default:
      drop(at, `Content part '${String(part.type)}' has no Chat Completions equivalent.`);
      return null;
  }
}

function toolOutputContent(output: unknown, at: string, drop: DropFn): string {
  if (typeof output === "string") return output;
  if (Array.isArray(output)) {
    const texts: string[] = [];
    output.forEach((part, j) => {
      if (isRecord(part) && part.type === "input_text" && typeof part.text === "string") texts.push(part.text);
      else drop(`${at}[${j}]`, "Chat Completions tool messages hold only text.");
    });
    return texts.join("");
  }
  return JSON.stringify(output ?? "");
}
