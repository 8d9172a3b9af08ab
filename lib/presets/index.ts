/**
 * Presets: one per example in the seed documents (text generation, image analysis, web search, file search,
 * streaming, function calling, reasoning). Each is the exact request body the composer loads, with a two-line
 * explanation, and runs offline on the local engine. Isomorphic data plus one helper (`preparePreset`) for the
 * file-search preset, which needs a file uploaded and indexed first.
 *
 * Model names are the seeds' own (gpt-4.1, o4-mini), so a preset also works unchanged against OpenAI; the local
 * engine answers any model name.
 */
import { BOARDWALK_PNG_DATA_URL } from "./boardwalk-image";
import { DRAGONS_TXT } from "./dragons";

export interface PresetFile {
  filename: string;
  mimeType: string;
  content: string;
}

/** Work to do before the request can run: upload files, put them in a new vector store, use its id. */
export interface PresetPrepare {
  kind: "vector_store";
  /** The string in `body` (inside `vector_store_ids`) that the new vector store's id replaces. */
  placeholder: string;
  vectorStoreName: string;
  files: readonly PresetFile[];
  /** One line for the UI while it runs. */
  description: string;
}

export interface Preset {
  id: string;
  title: string;
  /** Two lines: what the request shows, then what to look at in the output and the events. */
  explanation: readonly [string, string];
  /** The seed example it follows. */
  source: string;
  body: Record<string, unknown>;
  prepare?: PresetPrepare;
}

export const VECTOR_STORE_PLACEHOLDER = "{{vector_store_id}}";

const WEATHER_FUNCTION = {
  type: "function",
  name: "get_current_weather",
  description: "Get the current weather in a given location",
  parameters: {
    type: "object",
    properties: {
      location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
      unit: { type: "string", enum: ["celsius", "fahrenheit"] },
    },
    required: ["location", "unit"],
    // Strict mode needs it (the seed's example leaves it out, and OpenAI then refuses the schema).
    additionalProperties: false,
  },
  strict: true,
};

export const PRESETS: readonly Preset[] = [
  {
    id: "text-generation",
    title: "Text generation",
    explanation: [
      "The simplest request: a model and a plain string as input, answered by one JSON response (stream is off).",
      "The answer is in output[0].content[0].text, and usage says how many tokens it cost.",
    ],
    source: "Seed: 使用 responses API 生成文本响应 (basic text response)",
    body: { model: "gpt-4.1", input: "Tell me a three sentence bedtime story about a unicorn." },
  },
  {
    id: "image-analysis",
    title: "Image analysis",
    explanation: [
      "One input message can mix parts: an input_text question and an input_image, here a small PNG sent as a data URL.",
      "The picture ships with the playground, so this runs offline; the local engine counts the image but cannot see it.",
    ],
    source: "Seed: 使用 OpenAI Response API 进行图像分析 (image analysis)",
    body: {
      model: "gpt-4.1",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "What is in this image?" },
            { type: "input_image", image_url: BOARDWALK_PNG_DATA_URL, detail: "auto" },
          ],
        },
      ],
    },
  },
  {
    id: "web-search",
    title: "Web search",
    explanation: [
      "With a hosted web search tool the model decides when to search: a web_search_call item comes before the answer.",
      "The answer's text carries url_citation annotations for the pages it used; the local engine searches an offline corpus.",
    ],
    source: "Seed: 搜索网络并获取带有实时信息的 AI 驱动答案 (web search tool)",
    body: { model: "gpt-4.1", tools: [{ type: "web_search_preview" }], input: "What was a positive news story from today?" },
  },
  {
    id: "file-search",
    title: "File search",
    explanation: [
      "file_search reads the files in your vector stores: the page first uploads dragons.txt and indexes it in a new store.",
      "Look for the file_search_call item, then the file_citation annotations that tie the answer to the file.",
    ],
    source: "Seed: 文件搜索工具 (file search tool)",
    body: {
      model: "gpt-4.1",
      tools: [{ type: "file_search", vector_store_ids: [VECTOR_STORE_PLACEHOLDER] }],
      input: "What are the attributes of an ancient brown dragon?",
    },
    prepare: {
      kind: "vector_store",
      placeholder: VECTOR_STORE_PLACEHOLDER,
      vectorStoreName: "Dragons (preset)",
      files: [{ filename: "dragons.txt", mimeType: "text/plain", content: DRAGONS_TXT }],
      description: "Uploading dragons.txt and indexing it in a new vector store…",
    },
  },
  {
    id: "streaming",
    title: "Streaming",
    explanation: [
      "With stream: true the answer arrives as server-sent events: response.created, text deltas, then response.completed.",
      "Step through the timeline to watch the text grow one delta at a time; instructions act as the system message.",
    ],
    source: "Seed: 流式响应 (streaming response)",
    body: { model: "gpt-4.1", instructions: "你是一个有帮助的助手。", input: "你好!", stream: true },
  },
  {
    id: "function-calling",
    title: "Function calling",
    explanation: [
      "Describe your own functions as tools; instead of answering, the model may return a function_call with JSON arguments.",
      "Your code runs it and sends a function_call_output back with previous_response_id: the code export writes that loop.",
    ],
    source: "Seed: 函数调用 (function calling, get_current_weather)",
    body: {
      model: "gpt-4.1",
      tools: [WEATHER_FUNCTION],
      tool_choice: "auto",
      input: "What is the weather like in Boston today?",
    },
  },
  {
    id: "reasoning",
    title: "Reasoning",
    explanation: [
      'Reasoning models think before they answer: reasoning.effort sets how hard, and summary "auto" asks for a readable summary.',
      "The reasoning item comes first in the output; usage.output_tokens_details.reasoning_tokens counts the hidden thinking.",
    ],
    source: "Seed: 推理能力 (reasoning)",
    body: { model: "o4-mini", input: "How much wood would a woodchuck chuck?", reasoning: { effort: "high", summary: "auto" } },
  },
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** A deep copy of the preset's body, safe to edit in the composer. */
export function presetBody(preset: Preset): Record<string, unknown> {
  return structuredClone(preset.body);
}

function replacePlaceholder(value: unknown, placeholder: string, replacement: string): unknown {
  if (value === placeholder) return replacement;
  if (Array.isArray(value)) return value.map((v) => replacePlaceholder(v, placeholder, replacement));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replacePlaceholder(v, placeholder, replacement)]));
  }
  return value;
}

export interface PreparedPreset {
  body: Record<string, unknown>;
  fileIds: string[];
  vectorStoreId: string | null;
}

export interface PrepareOptions {
  /** An OpenAI-compatible base URL that serves /files and /vector_stores (the playground's `/api/v1`). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Extra headers for every call (e.g. `x-playground-upstream: local`). */
  headers?: Record<string, string>;
  /** How long to wait for the vector store to finish indexing. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

async function expectJson<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`${what} failed (HTTP ${res.status}): ${message}`);
  }
  return JSON.parse(text) as T;
}

/**
 * Runs a preset's `prepare` step (upload its files, create a vector store holding them, wait until it is indexed)
 * and returns its body with the new vector store's id in place of the placeholder. A preset without `prepare`
 * comes back unchanged.
 */
export async function preparePreset(preset: Preset, options: PrepareOptions): Promise<PreparedPreset> {
  const body = presetBody(preset);
  const prep = preset.prepare;
  if (!prep) return { body, fileIds: [], vectorStoreId: null };
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, "");
  const headers = options.headers ?? {};

  const fileIds: string[] = [];
  for (const file of prep.files) {
    const form = new FormData();
    form.append("purpose", "assistants");
    form.append("file", new Blob([file.content], { type: file.mimeType }), file.filename);
    const res = await doFetch(`${base}/files`, { method: "POST", body: form, headers, signal: options.signal });
    fileIds.push((await expectJson<{ id: string }>(res, `Uploading ${file.filename}`)).id);
  }

  const created = await expectJson<{ id: string; status?: string }>(
    await doFetch(`${base}/vector_stores`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ name: prep.vectorStoreName, file_ids: fileIds }),
      signal: options.signal,
    }),
    "Creating the vector store",
  );

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let status = created.status;
  while (status !== "completed") {
    if (Date.now() > deadline) throw new Error("The vector store was still indexing the files after 30 seconds.");
    await new Promise((r) => setTimeout(r, 250));
    const store = await expectJson<{ status?: string; file_counts?: { in_progress?: number; failed?: number } }>(
      await doFetch(`${base}/vector_stores/${encodeURIComponent(created.id)}`, { headers, signal: options.signal }),
      "Checking the vector store",
    );
    if ((store.file_counts?.failed ?? 0) > 0) throw new Error("The vector store could not index the preset's file.");
    status = store.status;
  }

  return {
    body: replacePlaceholder(body, prep.placeholder, created.id) as Record<string, unknown>,
    fileIds,
    vectorStoreId: created.id,
  };
}
