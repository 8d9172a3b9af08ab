"use client";

import { memo } from "react";
import type { ResponseOutputItem } from "openai/resources/responses/responses";
import { CodeView } from "@/components/ui/code-view";
import type { ItemView, RunState } from "@/lib/responses/run-state";
import { Markdown } from "./markdown";

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function MessageItem({ item }: { item: Extract<ResponseOutputItem, { type: "message" }> }) {
  return (
    <div>
      {(item.content ?? []).map((part, i) =>
        part.type === "output_text" ? (
          <Markdown key={i} text={part.text ?? ""} />
        ) : part.type === "refusal" ? (
          <div key={i} role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
            <span className="mr-2 text-xs font-semibold uppercase tracking-wide">Refusal</span>
            {part.refusal}
          </div>
        ) : (
          <CodeView key={i} code={JSON.stringify(part, null, 2)} lang="json" />
        ),
      )}
    </div>
  );
}

function ReasoningItem({ item }: { item: Extract<ResponseOutputItem, { type: "reasoning" }> }) {
  const summary = item.summary ?? [];
  const content = item.content ?? [];
  return (
    <details open className="rounded-md border border-violet-200 bg-violet-50/60 px-3 py-2 text-sm text-violet-950">
      <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-violet-700">Reasoning</summary>
      {summary.length === 0 && content.length === 0 ? <p className="mt-1 text-violet-700/70">No summary was sent.</p> : null}
      {summary.map((s, i) => (
        <p key={`s${i}`} className="mt-1 whitespace-pre-wrap">
          {s.text}
        </p>
      ))}
      {content.map((c, i) => (
        <p key={`c${i}`} className="mt-1 whitespace-pre-wrap font-mono text-xs">
          {c.text}
        </p>
      ))}
    </details>
  );
}

function FunctionCallItem({ item }: { item: Extract<ResponseOutputItem, { type: "function_call" }> }) {
  const done = item.status === "completed";
  return (
    <div className="rounded-md border border-sky-200 bg-sky-50/60 px-3 py-2 text-sm">
      <div className="mb-1 flex items-center gap-2">
        <span className="text-xs font-semibold uppercase tracking-wide text-sky-700">Function call</span>
        <code className="font-mono text-sky-950">{item.name}</code>
        <span className="text-xs text-slate-500">{item.call_id}</span>
      </div>
      <CodeView code={done ? prettyJson(item.arguments) : item.arguments} lang={done ? "json" : null} className="bg-white" />
    </div>
  );
}

const ItemBlock = memo(function ItemBlock({ view }: { view: ItemView }) {
  const { item } = view;
  switch (item.type) {
    case "message":
      return <MessageItem item={item} />;
    case "reasoning":
      return <ReasoningItem item={item} />;
    case "function_call":
      return <FunctionCallItem item={item} />;
    default:
      return (
        <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
          <div className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{item.type.replaceAll("_", " ")}</div>
          <CodeView code={JSON.stringify(item, null, 2)} lang="json" />
        </div>
      );
  }
});

/** The assembled answer: every output item in order, re-rendering only the item an event changed. */
export function OutputView({ state }: { state: RunState }) {
  if (state.items.length === 0) {
    const waiting = state.status === "connecting" || state.status === "in_progress" || state.status === "queued";
    return (
      <p className="text-sm text-slate-500">
        {waiting ? "Waiting for the first output…" : state.status === "idle" ? "Run a request to see the answer here." : "No output."}
      </p>
    );
  }
  return (
    <div className="space-y-3">
      {state.items.map((view) => (
        <ItemBlock key={view.key} view={view} />
      ))}
    </div>
  );
}
