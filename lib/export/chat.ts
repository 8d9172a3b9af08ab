/**
 * Code export of the Chat Completions form of a request (`responsesToChat`): curl, Python and TypeScript with the
 * official `openai` SDKs. Isomorphic and pure. Like the Responses exports, the key comes from the environment and
 * the base URL from `opts.baseUrl`. What the translation dropped is listed in a comment at the top, so the code
 * never pretends to send what it does not. Streaming prints text as it arrives (with `include_usage`); function
 * tools add the Chat Completions round trip (the assistant message with `tool_calls`, then one `tool` message per
 * call, resending the whole conversation), done without streaming to keep it short.
 */
import { responsesToChat, type Dropped } from "@/lib/chat/responses-to-chat";
import { DEFAULT_BASE_URL, type ExportOptions } from "./index";
import { printLiteral } from "./literal";

export type ChatExportTarget = "curl" | "python" | "typescript";

export const CHAT_EXPORT_TARGETS: ReadonlyArray<{
  id: ChatExportTarget;
  label: string;
  lang: "bash" | "python" | "typescript";
  fileName: string;
}> = [
  { id: "curl", label: "curl", lang: "bash", fileName: "chat.sh" },
  { id: "python", label: "Python", lang: "python", fileName: "chat.py" },
  { id: "typescript", label: "TypeScript", lang: "typescript", fileName: "chat.ts" },
];

const MAX_TOOL_TURNS = 10;

interface ChatAnalysis {
  body: Record<string, unknown>;
  dropped: Dropped[];
  stream: boolean;
  functions: string[];
  baseUrl: string | null;
}

function analyse(responsesBody: Record<string, unknown>, opts: ExportOptions): ChatAnalysis {
  const { body, dropped } = responsesToChat(responsesBody);
  const functions: string[] = [];
  for (const tool of Array.isArray(body.tools) ? body.tools : []) {
    const fn = (tool as { type?: unknown; function?: { name?: unknown } }).function;
    if ((tool as { type?: unknown }).type === "function" && typeof fn?.name === "string") functions.push(fn.name);
  }
  const trimmed = (opts.baseUrl ?? "").trim().replace(/\/+$/, "");
  return { body, dropped, stream: body.stream === true, functions, baseUrl: trimmed && trimmed !== DEFAULT_BASE_URL ? trimmed : null };
}

function droppedComment(a: ChatAnalysis, mark: string): string[] {
  if (a.dropped.length === 0) return [];
  return [
    `${mark} Not sent: these parts of the Responses request have no Chat Completions equivalent.`,
    ...a.dropped.map((d) => `${mark}   ${d.path}: ${d.reason}`),
    "",
  ];
}

function withoutStream(body: Record<string, unknown>): Record<string, unknown> {
  const { stream: _s, stream_options: _o, ...rest } = body;
  return rest;
}

export function toChatCurl(responsesBody: Record<string, unknown>, opts: ExportOptions = {}): string {
  const a = analyse(responsesBody, opts);
  const json = printLiteral(a.body, "json");
  const lines = [
    ...droppedComment(a, "#"),
    ...(a.stream ? ["# -N prints each chunk as it arrives; the stream ends with data: [DONE]."] : []),
    `curl ${a.stream ? "-N " : ""}${a.baseUrl ?? DEFAULT_BASE_URL}/chat/completions \\`,
    '  -H "Content-Type: application/json" \\',
    '  -H "Authorization: Bearer $OPENAI_API_KEY" \\',
    "  --data-binary @- <<'JSON'",
    json,
    "JSON",
  ];
  if (a.functions.length > 0) {
    lines.push(
      "",
      `# If the answer has tool_calls (${a.functions.join(", ")}), run each function yourself, then send the whole`,
      "# conversation again with the assistant message (its tool_calls) and one message per call:",
      '#   {"role": "tool", "tool_call_id": "CALL_ID", "content": "RESULT_OF_YOUR_FUNCTION"}',
    );
  }
  return `${lines.join("\n")}\n`;
}

export function toChatPython(responsesBody: Record<string, unknown>, opts: ExportOptions = {}): string {
  const a = analyse(responsesBody, opts);
  const lines = [
    ...droppedComment(a, "#"),
    ...(a.functions.length > 0 ? ["import json"] : []),
    "import os",
    "",
    "from openai import OpenAI",
    "",
    "client = OpenAI(",
    '    api_key=os.environ["OPENAI_API_KEY"],',
    ...(a.baseUrl ? [`    base_url=${JSON.stringify(a.baseUrl)},`] : []),
    ")",
    "",
  ];
  if (a.functions.length === 0) {
    lines.push(`request = ${printLiteral(a.body, "python", 0, "request = ".length)}`, "");
    if (a.stream) {
      lines.push(
        "for chunk in client.chat.completions.create(**request):",
        "    if chunk.choices and chunk.choices[0].delta.content:",
        '        print(chunk.choices[0].delta.content, end="", flush=True)',
        "    if chunk.usage:",
        '        print("\\nusage:", chunk.usage)',
      );
    } else {
      lines.push("completion = client.chat.completions.create(**request)", "print(completion.choices[0].message.content)");
    }
    return `${lines.join("\n")}\n`;
  }
  const request = withoutStream(a.body);
  lines.push(
    "# The request as translated from the playground; the conversation grows with each round trip.",
    `request = ${printLiteral(request, "python", 0, "request = ".length)}`,
    'messages = request.pop("messages")',
    "",
    "",
    "def call_function(name, arguments):",
    '    """Runs one of your functions for the model. Fill in each case and return the result as a string."""',
  );
  a.functions.forEach((name, i) => {
    lines.push(`    ${i === 0 ? "if" : "elif"} name == ${JSON.stringify(name)}:`);
    lines.push(`        return json.dumps({"error": ${JSON.stringify(`${name} is not implemented yet`)}, "arguments": arguments})`);
  });
  lines.push(
    '    raise ValueError(f"The model called an unknown function: {name}")',
    "",
    "",
    `for _ in range(${MAX_TOOL_TURNS}):`,
    "    message = client.chat.completions.create(**request, messages=messages).choices[0].message",
    "    if not message.tool_calls:",
    "        print(message.content)",
    "        break",
    "    messages.append(message.model_dump(exclude_none=True))",
    "    for call in message.tool_calls:",
    '        result = call_function(call.function.name, json.loads(call.function.arguments or "{}"))',
    '        messages.append({"role": "tool", "tool_call_id": call.id, "content": result})',
  );
  return `${lines.join("\n")}\n`;
}

export function toChatTypeScript(responsesBody: Record<string, unknown>, opts: ExportOptions = {}): string {
  const a = analyse(responsesBody, opts);
  const lines = [
    ...droppedComment(a, "//"),
    'import OpenAI from "openai";',
    "",
    "const client = new OpenAI({",
    "  apiKey: process.env.OPENAI_API_KEY,",
    ...(a.baseUrl ? [`  baseURL: ${JSON.stringify(a.baseUrl)},`] : []),
    "});",
    "",
  ];
  if (a.functions.length === 0) {
    const type = a.stream ? "OpenAI.Chat.ChatCompletionCreateParamsStreaming" : "OpenAI.Chat.ChatCompletionCreateParamsNonStreaming";
    lines.push(`const request = ${printLiteral(a.body, "typescript", 0, "const request = ".length)} as ${type};`, "");
    if (a.stream) {
      lines.push(
        "const stream = await client.chat.completions.create(request);",
        "for await (const chunk of stream) {",
        '  process.stdout.write(chunk.choices[0]?.delta.content ?? "");',
        '  if (chunk.usage) console.log("\\nusage:", JSON.stringify(chunk.usage));',
        "}",
      );
    } else {
      lines.push(
        "const completion = await client.chat.completions.create(request);",
        "console.log(completion.choices[0]?.message.content);",
      );
    }
    return `${lines.join("\n")}\n`;
  }
  const { messages, ...rest } = withoutStream(a.body);
  lines.push(
    "// The request as translated from the playground; the conversation grows with each round trip.",
    `const request = ${printLiteral(rest, "typescript", 0, "const request = ".length)} as Omit<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, "messages">;`,
    `const messages = ${printLiteral(messages, "typescript", 0, "const messages = ".length)} as OpenAI.Chat.ChatCompletionMessageParam[];`,
    "",
    "/** Runs one of your functions for the model. Fill in each case and return the result as a string. */",
    "async function callFunction(name: string, args: Record<string, unknown>): Promise<string> {",
    "  switch (name) {",
  );
  for (const name of a.functions) {
    lines.push(
      `    case ${JSON.stringify(name)}:`,
      `      return JSON.stringify({ error: ${JSON.stringify(`${name} is not implemented yet`)}, args });`,
    );
  }
  lines.push(
    "    default:",
    "      throw new Error(`The model called an unknown function: ${name}`);",
    "  }",
    "}",
    "",
    `for (let turn = 0; turn < ${MAX_TOOL_TURNS}; turn++) {`,
    "  const completion = await client.chat.completions.create({ ...request, messages });",
    "  const message = completion.choices[0]?.message;",
    "  if (!message?.tool_calls?.length) {",
    "    console.log(message?.content);",
    "    break;",
    "  }",
    "  messages.push(message);",
    "  for (const call of message.tool_calls) {",
    '    if (call.type !== "function") continue;',
    '    const args = JSON.parse(call.function.arguments || "{}") as Record<string, unknown>;',
    '    messages.push({ role: "tool", tool_call_id: call.id, content: await callFunction(call.function.name, args) });',
    "  }",
    "}",
  );
  return `${lines.join("\n")}\n`;
}

export function exportChatCode(target: ChatExportTarget, responsesBody: Record<string, unknown>, opts: ExportOptions = {}): string {
  switch (target) {
    case "curl":
      return toChatCurl(responsesBody, opts);
    case "python":
      return toChatPython(responsesBody, opts);
    case "typescript":
      return toChatTypeScript(responsesBody, opts);
  }
}
