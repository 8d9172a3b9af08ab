"use client";

import { useState } from "react";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { parseSseMessage, readSse } from "@/lib/responses/sse";
import { SLICE_MS, yieldToBrowser } from "@/lib/scheduling/yield";

/**
 * The baseline of the streaming-view benchmark (scripts/bench.mjs): what a straightforward chat page does. It
 * appends every delta to one string in React state and re-parses the whole markdown with react-markdown on every
 * render. Same proxy, same stream, same machine as the real view; never used by the app. It reads the stream with
 * the same time slices as the real view (lib/scheduling/yield.ts), so the two differ only in how they render.
 */
export function NaiveRenderer() {
  const [text, setText] = useState("");
  const [status, setStatus] = useState("idle");

  async function run() {
    setText("");
    setStatus("in_progress");
    const res = await fetch("/api/v1/responses", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4.1", input: "bench", stream: true }),
    });
    if (!res.body) return;
    let sliceStart = performance.now();
    for await (const message of readSse(res.body)) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToBrowser();
        sliceStart = performance.now();
      }
      const parsed = parseSseMessage(message);
      if (parsed.kind !== "event") continue;
      const event = parsed.event as { type: string; delta?: unknown };
      if (event.type === "response.output_text.delta" && typeof event.delta === "string") {
        const delta = event.delta;
        setText((t) => t + delta);
      }
    }
    setStatus("completed");
  }

  return (
    <main className="p-4">
      <button type="button" onClick={() => void run()} className="rounded border px-3 py-1">
        Run
      </button>
      <span className="ml-3 text-sm" data-testid="naive-status">
        {status}
      </span>
      <section aria-label="Output" className="prose-output mt-4">
        <ReactMarkdown remarkPlugins={[remarkGfm]}>{text}</ReactMarkdown>
      </section>
    </main>
  );
}
