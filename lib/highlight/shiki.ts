import type { HighlighterCore } from "shiki/core";
import { getHighlighter } from "./shiki-core";

/** The languages the playground highlights: event JSON, code export, code blocks in answers. */
export type HighlightLang = "json" | "bash" | "python" | "typescript";

const ALIASES: Record<string, HighlightLang> = {
  json: "json",
  jsonc: "json",
  bash: "bash",
  sh: "bash",
  shell: "bash",
  shellscript: "bash",
  zsh: "bash",
  curl: "bash",
  python: "python",
  py: "python",
  typescript: "typescript",
  ts: "typescript",
  javascript: "typescript",
  js: "typescript",
  tsx: "typescript",
};

export function highlightLangFor(name: string | undefined | null): HighlightLang | null {
  if (!name) return null;
  return ALIASES[name.toLowerCase()] ?? null;
}

export { getHighlighter };

interface Job {
  code: string;
  lang: HighlightLang;
  signal?: AbortSignal;
  resolve: (html: string) => void;
  reject: (error: unknown) => void;
}

const queue: Job[] = [];
let draining = false;
/** Highlighting done in one task before the in-thread queue gives the browser a turn. */
const SLICE_MS = 8;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const abortError = () => new DOMException("Highlighting was cancelled.", "AbortError");

/**
 * HTML for `code` (shiki escapes the text itself; the output holds only spans with inline colours).
 * In the browser shiki runs in a Web Worker (lib/highlight/shiki.worker.ts): loading its grammars and tokenising a
 * hundred code blocks never blocks the page. Calls are queued and sent one at a time; a call whose `signal` is
 * aborted before its turn (a code block that grew again, a view that went away) is dropped without being tokenised.
 * Without workers (tests, old runtimes) the queue runs in this thread, a slice per task.
 */
export function highlightToHtml(code: string, lang: HighlightLang, signal?: AbortSignal): Promise<string> {
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise<string>((resolve, reject) => {
    queue.push({ code, lang, signal, resolve, reject });
    if (!draining) void drain();
  });
}

/** The next job whose caller still wants it (aborted ones are rejected on the way). */
function nextJob(): Job | undefined {
  for (;;) {
    const job = queue.shift();
    if (!job || !job.signal?.aborted) return job;
    job.reject(abortError());
  }
}

type WorkerReply = { id: number; html?: string; error?: string };
let worker: Worker | null | undefined;
let workerSeq = 0;

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  worker = null;
  if (typeof window !== "undefined" && typeof Worker !== "undefined") {
    try {
      worker = new Worker(new URL("./shiki.worker.ts", import.meta.url), { type: "module" });
    } catch {
      worker = null;
    }
  }
  return worker;
}

function inWorker(w: Worker, job: Job): Promise<void> {
  const id = ++workerSeq;
  return new Promise<void>((done) => {
    const onMessage = (e: MessageEvent<WorkerReply>) => {
      if (e.data?.id !== id) return;
      w.removeEventListener("message", onMessage);
      if (typeof e.data.html === "string") job.resolve(e.data.html);
      else job.reject(new Error(e.data.error ?? "highlighting failed"));
      done();
    };
    w.addEventListener("message", onMessage);
    w.postMessage({ id, code: job.code, lang: job.lang });
  });
}

async function drain(): Promise<void> {
  draining = true;
  try {
    const w = getWorker();
    if (w) {
      for (let job = nextJob(); job; job = nextJob()) await inWorker(w, job);
      return;
    }
    let hl: HighlighterCore;
    try {
      hl = await getHighlighter();
    } catch (error) {
      for (const job of queue.splice(0)) job.reject(error);
      return;
    }
    while (queue.length > 0) {
      const sliceStart = performance.now();
      for (let job = nextJob(); job; job = performance.now() - sliceStart < SLICE_MS ? nextJob() : undefined) {
        try {
          job.resolve(hl.codeToHtml(job.code, { lang: job.lang, theme: "github-light" }));
        } catch (error) {
          job.reject(error);
        }
        if (performance.now() - sliceStart >= SLICE_MS) break;
      }
      if (queue.length > 0) await nextTask();
    }
  } finally {
    draining = false;
  }
}
