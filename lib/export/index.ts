/**
 * Code export of a request body: curl, Python and TypeScript with the official `openai` SDKs, and raw HTTP.
 * Isomorphic and pure. Every export:
 * - reads the key from the environment (`$OPENAI_API_KEY`, `os.environ["OPENAI_API_KEY"]`,
 *   `process.env.OPENAI_API_KEY`), never from the request;
 * - uses `opts.baseUrl` when it is set (any OpenAI-compatible gateway, or the playground's local engine);
 * - prints the text as it streams when `stream` is true;
 * - with function tools, adds the round trip: run each `function_call` through a stub dispatcher the user fills in,
 *   then send `function_call_output` items back with `previous_response_id`, until the model answers in text.
 * The tests compile and run the TypeScript and curl exports against the local engine, and py_compile the Python.
 */
import { printLiteral, printPythonKwargs, printTsMembers } from "./literal";
import { splitParams } from "./params";
import { isRecord } from "@/lib/is-record";

export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

export interface ExportOptions {
  /** The API base URL, e.g. `https://api.openai.com/v1` or `http://localhost:3000/api/local/v1`. */
  baseUrl?: string;
}

export type ExportTarget = "curl" | "python" | "typescript" | "http";

export const EXPORT_TARGETS: ReadonlyArray<{
  id: ExportTarget;
  label: string;
  lang: "bash" | "python" | "typescript" | null;
  fileName: string;
}> = [
  { id: "curl", label: "curl", lang: "bash", fileName: "request.sh" },
  { id: "python", label: "Python", lang: "python", fileName: "main.py" },
  { id: "typescript", label: "TypeScript", lang: "typescript", fileName: "main.ts" },
  { id: "http", label: "HTTP", lang: null, fileName: "request.http" },
];

/** A loop guard: a model that keeps calling functions forever must not keep the script running forever. */
const MAX_TOOL_TURNS = 10;

interface FunctionToolInfo {
  name: string;
  params: string[];
}

interface Analysis {
  body: Record<string, unknown>;
  stream: boolean;
  functions: FunctionToolInfo[];
  /** With `conversation`, context travels by the conversation; `previous_response_id` must not be added. */
  usesConversation: boolean;
  storeOff: boolean;
  baseUrl: string | null;
}

function normaliseBaseUrl(baseUrl: string | undefined): string | null {
  const trimmed = (baseUrl ?? "").trim().replace(/\/+$/, "");
  return trimmed && trimmed !== DEFAULT_BASE_URL ? trimmed : null;
}

function analyse(body: Record<string, unknown>, opts: ExportOptions): Analysis {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const functions: FunctionToolInfo[] = [];
  for (const tool of tools) {
    if (!isRecord(tool) || tool.type !== "function" || typeof tool.name !== "string" || !tool.name) continue;
    const props = isRecord(tool.parameters) && isRecord(tool.parameters.properties) ? Object.keys(tool.parameters.properties) : [];
    functions.push({ name: tool.name, params: props });
  }
  return {
    body,
    stream: body.stream === true,
    functions,
    usesConversation: body.conversation !== undefined && body.conversation !== null,
    storeOff: body.store === false,
    baseUrl: normaliseBaseUrl(opts.baseUrl),
  };
}

function endpoint(a: Analysis): string {
  return `${a.baseUrl ?? DEFAULT_BASE_URL}/responses`;
}

function withoutStream(body: Record<string, unknown>): Record<string, unknown> {
  const { stream: _stream, ...rest } = body;
  return rest;
}

// ─────────────────────────────────────────────────────── curl ─────────────────────────────────────────────────────

function shellSingleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function curlCommand(url: string, json: string, stream: boolean, prefix = ""): string[] {
  const lines = [
    `${prefix}curl ${stream ? "-N " : ""}${url} \\`,
    `${prefix}  -H "Content-Type: application/json" \\`,
    `${prefix}  -H "Authorization: Bearer $OPENAI_API_KEY" \\`,
  ];
  if (!json.includes("'")) {
    const body = json.split("\n").map((line, i) => (i === 0 ? line : `${prefix}  ${line}`));
    lines.push(`${prefix}  -d ${body.length > 1 ? `'${body.join("\n")}'` : shellSingleQuote(json)}`);
    return lines;
  }
  // Text with apostrophes reads better in a here-document than with '\'' escapes.
  lines.push(`${prefix}  --data-binary @- <<'JSON'`);
  for (const line of json.split("\n")) lines.push(`${prefix}${line}`);
  lines.push(`${prefix}JSON`);
  return lines;
}

export function toCurl(body: Record<string, unknown>, opts: ExportOptions = {}): string {
  const a = analyse(body, opts);
  const lines: string[] = [];
  if (a.stream) lines.push("# -N prints each server-sent event as it arrives.");
  lines.push(...curlCommand(endpoint(a), printLiteral(body, "json"), a.stream));
  if (a.functions.length > 0) {
    const followUp: Record<string, unknown> = { ...withoutStream(body) };
    delete followUp.input;
    const next = {
      ...followUp,
      ...(a.usesConversation ? {} : { previous_response_id: "RESPONSE_ID" }),
      input: [{ type: "function_call_output", call_id: "CALL_ID", output: "RESULT_OF_YOUR_FUNCTION" }],
    };
    lines.push(
      "",
      `# If the answer has "function_call" items (${a.functions.map((f) => f.name).join(", ")}), run each function yourself,`,
      "# then send the results back: replace RESPONSE_ID with the answer's id, CALL_ID with the call's call_id,",
      "# and RESULT_OF_YOUR_FUNCTION with what your function returned (a string; JSON is fine). Repeat until the",
      "# answer is text.",
      ...(a.storeOff
        ? ['# Note: this request has "store": false, so previous_response_id cannot find it; resend the whole context instead.']
        : []),
      ...curlCommand(endpoint(a), JSON.stringify(next), false, "# "),
    );
  }
  return `${lines.join("\n")}\n`;
}

// ─────────────────────────────────────────────────────── HTTP ─────────────────────────────────────────────────────

function httpMessage(url: string, json: string, stream: boolean): string {
  const u = new URL(url);
  const bytes = new TextEncoder().encode(json).length;
  return [
    `POST ${u.pathname}${u.search} HTTP/1.1`,
    `Host: ${u.host}`,
    "Authorization: Bearer $OPENAI_API_KEY",
    "Content-Type: application/json",
    ...(stream ? ["Accept: text/event-stream"] : []),
    `Content-Length: ${bytes}`,
    "",
    json,
  ].join("\n");
}

export function toHttp(body: Record<string, unknown>, opts: ExportOptions = {}): string {
  const a = analyse(body, opts);
  let out = httpMessage(endpoint(a), printLiteral(body, "json"), a.stream);
  if (a.functions.length > 0) {
    const rest = withoutStream(body);
    delete rest.input;
    const next = {
      ...rest,
      ...(a.usesConversation ? {} : { previous_response_id: "RESPONSE_ID" }),
      input: [{ type: "function_call_output", call_id: "CALL_ID", output: "RESULT_OF_YOUR_FUNCTION" }],
    };
    out +=
      "\n\n### For each function_call in the answer: run the function, then send its result back (repeat until the answer is text)\n\n" +
      httpMessage(endpoint(a), printLiteral(next, "json"), false);
  }
  return `${out}\n`;
}

// ────────────────────────────────────────────────────── Python ────────────────────────────────────────────────────

function pythonClient(a: Analysis): string[] {
  return [
    "client = OpenAI(",
    '    api_key=os.environ["OPENAI_API_KEY"],',
    ...(a.baseUrl ? [`    base_url=${JSON.stringify(a.baseUrl)},`] : []),
    ")",
  ];
}

function pythonDispatcher(a: Analysis): string[] {
  const lines = [
    "def call_function(name, arguments):",
    '    """Runs one of your functions for the model. Fill in each case and return the result as a string."""',
  ];
  a.functions.forEach((f, i) => {
    lines.push(`    ${i === 0 ? "if" : "elif"} name == ${JSON.stringify(f.name)}:`);
    const uses = f.params.map((p) => `arguments[${JSON.stringify(p)}]`).join(", ");
    lines.push(`        # TODO: call your own code${uses ? ` with ${uses}` : ""}.`);
    lines.push(`        return json.dumps({"error": ${JSON.stringify(`${f.name} is not implemented yet`)}, "arguments": arguments})`);
  });
  lines.push('    raise ValueError(f"The model called an unknown function: {name}")');
  return lines;
}

export function toPython(body: Record<string, unknown>, opts: ExportOptions = {}): string {
  const a = analyse(body, opts);
  const { known, extra } = splitParams(a.functions.length > 0 ? withoutStream(body) : body);
  const hasExtra = Object.keys(extra).length > 0;
  const imports =
    a.functions.length > 0 ? ["import json", "import os", "", "from openai import OpenAI"] : ["import os", "", "from openai import OpenAI"];
  const lines: string[] = [...imports, "", ...pythonClient(a), ""];

  if (a.functions.length === 0) {
    const kwargs = { ...known, ...(hasExtra ? { extra_body: extra } : {}) };
    if (hasExtra) lines.push("# extra_body: fields this SDK version has no parameter for, sent as they are.");
    lines.push(`${a.stream ? "stream" : "response"} = client.responses.create(`, printPythonKwargs(kwargs, 4), ")", "");
    if (a.stream) {
      lines.push(
        "for event in stream:",
        '    if event.type == "response.output_text.delta":',
        '        print(event.delta, end="", flush=True)',
        '    elif event.type in ("response.completed", "response.incomplete"):',
        "        print()",
        '    elif event.type in ("error", "response.failed"):',
        '        print("\\nThe response failed:", event)',
      );
    } else {
      lines.push("print(response.output_text)");
    }
    return `${lines.join("\n")}\n`;
  }

  const request = { ...known, ...(hasExtra ? { extra_body: extra } : {}) };
  lines.push("# The request as built in the playground; the follow-up turns reuse it with new input.");
  if (hasExtra) lines.push("# extra_body: fields this SDK version has no parameter for, sent as they are.");
  lines.push(`request = ${printLiteral(request, "python", 0, "request = ".length)}`, "", "");
  lines.push(...pythonDispatcher(a), "", "");
  if (a.stream) {
    lines.push(
      "def create_response(params):",
      '    """Streams one response, printing its text as it arrives, and returns the finished response."""',
      "    final = None",
      "    for event in client.responses.create(**params, stream=True):",
      '        if event.type == "response.output_text.delta":',
      '            print(event.delta, end="", flush=True)',
      '        elif event.type in ("response.completed", "response.incomplete", "response.failed"):',
      "            final = event.response",
      "    print()",
      "    if final is None:",
      '        raise RuntimeError("The stream ended before the response finished.")',
      "    return final",
    );
  } else {
    lines.push("def create_response(params):", "    return client.responses.create(**params)");
  }
  lines.push(
    "",
    "",
    "response = create_response(request)",
    "# The model may answer with function calls instead of text: run them, send the results back, and repeat.",
    `for _ in range(${MAX_TOOL_TURNS}):`,
    '    calls = [item for item in response.output if item.type == "function_call"]',
    "    if not calls:",
    "        break",
    "    results = [",
    "        {",
    '            "type": "function_call_output",',
    '            "call_id": call.call_id,',
    '            "output": call_function(call.name, json.loads(call.arguments or "{}")),',
    "        }",
    "        for call in calls",
    "    ]",
    ...(a.storeOff ? ['    # "store" is False: previous_response_id cannot find this response; send the whole context instead.'] : []),
    a.usesConversation
      ? '    response = create_response({**request, "input": results})'
      : '    response = create_response({**request, "input": results, "previous_response_id": response.id})',
  );
  if (!a.stream) lines.push("", "print(response.output_text)");
  return `${lines.join("\n")}\n`;
}

// ──────────────────────────────────────────────────── TypeScript ──────────────────────────────────────────────────

function tsClient(a: Analysis): string[] {
  return [
    "const client = new OpenAI({",
    "  apiKey: process.env.OPENAI_API_KEY,",
    ...(a.baseUrl ? [`  baseURL: ${JSON.stringify(a.baseUrl)},`] : []),
    "});",
  ];
}

function tsDispatcher(a: Analysis): string[] {
  const lines = [
    "/** Runs one of your functions for the model. Fill in each case and return the result as a string. */",
    "async function callFunction(name: string, args: Record<string, unknown>): Promise<string> {",
    "  switch (name) {",
  ];
  for (const f of a.functions) {
    lines.push(`    case ${JSON.stringify(f.name)}:`);
    const uses = f.params.map((p) => (/^[A-Za-z_$][\w$]*$/.test(p) ? `args.${p}` : `args[${JSON.stringify(p)}]`)).join(", ");
    lines.push(`      // TODO: call your own code${uses ? ` with ${uses}` : ""}.`);
    lines.push(`      return JSON.stringify({ error: ${JSON.stringify(`${f.name} is not implemented yet`)}, args });`);
  }
  lines.push("    default:", "      throw new Error(`The model called an unknown function: ${name}`);", "  }", "}");
  return lines;
}

export function toTypeScript(body: Record<string, unknown>, opts: ExportOptions = {}): string {
  const a = analyse(body, opts);
  const lines: string[] = ['import OpenAI from "openai";', "", ...tsClient(a), ""];

  if (a.functions.length === 0) {
    const { known, extra } = splitParams(body);
    const hasExtra = Object.keys(extra).length > 0;
    const paramsType = a.stream ? "OpenAI.Responses.ResponseCreateParamsStreaming" : "OpenAI.Responses.ResponseCreateParamsNonStreaming";
    if (hasExtra) lines.push("// The cast lets through fields this SDK version has no types for; they are sent as they are.");
    lines.push(`const ${a.stream ? "stream" : "response"} = await client.responses.create(${hasExtra ? "(" : ""}{`);
    lines.push(printTsMembers({ ...known, ...extra }, 2));
    lines.push(`}${hasExtra ? ` as ${paramsType})` : ""});`, "");
    if (a.stream) {
      lines.push(
        "for await (const event of stream) {",
        '  if (event.type === "response.output_text.delta") process.stdout.write(event.delta);',
        '  else if (event.type === "response.completed" || event.type === "response.incomplete") process.stdout.write("\\n");',
        '  else if (event.type === "error" || event.type === "response.failed") console.error("\\nThe response failed:", event);',
        "}",
      );
    } else {
      lines.push("console.log(response.output_text);");
    }
    return `${lines.join("\n")}\n`;
  }

  const { known, extra } = splitParams(withoutStream(body));
  const hasExtra = Object.keys(extra).length > 0;
  lines.push("// The request as built in the playground; the follow-up turns reuse it with new input.");
  if (hasExtra) lines.push("// The cast lets through fields this SDK version has no types for; they are sent as they are.");
  lines.push(hasExtra ? "const request = {" : "const request: OpenAI.Responses.ResponseCreateParamsNonStreaming = {");
  lines.push(printTsMembers({ ...known, ...extra }, 2));
  lines.push(hasExtra ? "} as OpenAI.Responses.ResponseCreateParamsNonStreaming;" : "};", "");
  lines.push(...tsDispatcher(a), "");
  if (a.stream) {
    lines.push(
      "/** Streams one response, printing its text as it arrives, and returns the finished response. */",
      "async function createResponse(params: OpenAI.Responses.ResponseCreateParamsNonStreaming): Promise<OpenAI.Responses.Response> {",
      "  const stream = await client.responses.create({ ...params, stream: true });",
      "  let final: OpenAI.Responses.Response | undefined;",
      "  for await (const event of stream) {",
      '    if (event.type === "response.output_text.delta") process.stdout.write(event.delta);',
      '    else if (event.type === "response.completed" || event.type === "response.incomplete" || event.type === "response.failed") {',
      "      final = event.response;",
      "    }",
      "  }",
      '  process.stdout.write("\\n");',
      '  if (!final) throw new Error("The stream ended before the response finished.");',
      "  return final;",
      "}",
    );
  } else {
    lines.push(
      "function createResponse(params: OpenAI.Responses.ResponseCreateParamsNonStreaming): Promise<OpenAI.Responses.Response> {",
      "  return client.responses.create(params);",
      "}",
    );
  }
  lines.push(
    "",
    "let response = await createResponse(request);",
    "// The model may answer with function calls instead of text: run them, send the results back, and repeat.",
    `for (let turn = 0; turn < ${MAX_TOOL_TURNS}; turn++) {`,
    "  const calls = response.output.filter(",
    '    (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === "function_call",',
    "  );",
    "  if (calls.length === 0) break;",
    "  const results: OpenAI.Responses.ResponseInputItem[] = [];",
    "  for (const call of calls) {",
    '    const args = JSON.parse(call.arguments || "{}") as Record<string, unknown>;',
    '    results.push({ type: "function_call_output", call_id: call.call_id, output: await callFunction(call.name, args) });',
    "  }",
    ...(a.storeOff ? ['  // "store" is false: previous_response_id cannot find this response; send the whole context instead.'] : []),
    a.usesConversation
      ? "  response = await createResponse({ ...request, input: results });"
      : "  response = await createResponse({ ...request, input: results, previous_response_id: response.id });",
    "}",
  );
  if (!a.stream) lines.push("", "console.log(response.output_text);");
  return `${lines.join("\n")}\n`;
}

/** The export for one target. */
export function exportCode(target: ExportTarget, body: Record<string, unknown>, opts: ExportOptions = {}): string {
  switch (target) {
    case "curl":
      return toCurl(body, opts);
    case "python":
      return toPython(body, opts);
    case "typescript":
      return toTypeScript(body, opts);
    case "http":
      return toHttp(body, opts);
  }
}
