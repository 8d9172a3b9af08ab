import "server-only";
import { Worker } from "node:worker_threads";

/**
 * Big request bodies are decoded and parsed in a worker thread, so one 25 MB input does not hold the event loop
 * for the whole `TextDecoder` + `JSON.parse` (hundreds of ms): the bytes are transferred (no copy), and the parsed
 * value comes back by structured clone, which for a body that is mostly one long string is a memory copy. The ids
 * the engine loads state for are found there too (the same patterns as hydrate.ts), not by regexes on the main
 * thread. Small bodies stay on the main thread: a round trip costs more than parsing them.
 */
export const OFF_THREAD_MIN_BYTES = 1024 * 1024;

export interface ParsedBody {
  /** `undefined` when the text is not JSON (the caller answers the API's 400). */
  value: unknown;
  ok: boolean;
  previousResponseId: string | null;
  fileIds: string[];
  vectorStoreIds: string[];
}

// Plain JS run with `eval: true`: no separate file for the bundler to trace.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ id, bytes }) => {
  const text = new TextDecoder().decode(bytes);
  const previous = /"previous_response_id"\\s*:\\s*"([^"\\\\]{1,200})"/.exec(text);
  const fileIds = [...text.matchAll(/"file_id"\\s*:\\s*"([^"\\\\]{1,200})"/g)].map((m) => m[1]);
  const vectorStoreIds = [];
  for (const m of text.matchAll(/"vector_store_ids"\\s*:\\s*\\[([^\\]]{0,20000})\\]/g)) {
    for (const s of m[1].matchAll(/"([^"\\\\]{1,200})"/g)) vectorStoreIds.push(s[1]);
  }
  let value, ok = true;
  try { value = JSON.parse(text); } catch { ok = false; }
  parentPort.postMessage({ id, value, ok, previousResponseId: previous ? previous[1] : null, fileIds, vectorStoreIds });
});
`;

interface Pending {
  resolve(parsed: ParsedBody): void;
  reject(error: unknown): void;
}

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true });
  w.unref();
  w.on("message", (message: ParsedBody & { id: number }) => {
    const p = pending.get(message.id);
    pending.delete(message.id);
    p?.resolve(message);
  });
  const fail = (error: unknown) => {
    if (worker === w) worker = null;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`the body parser thread exited (${code})`)));
  worker = w;
  return w;
}

/** Decodes and parses `bytes` (which are transferred: do not use them afterwards) in the parser thread. */
export function parseBodyOffThread(bytes: Uint8Array<ArrayBuffer>): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const copy = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    getWorker().postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}
