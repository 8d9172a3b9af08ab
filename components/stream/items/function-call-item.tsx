"use client";

import type { ResponseCustomToolCall, ResponseFunctionToolCall } from "openai/resources/responses/responses";
import { ArgumentsView } from "./shared";

/** A function call: the name and its arguments as they stream, pretty JSON once complete. */
export function FunctionCallBody({ item, live }: { item: ResponseFunctionToolCall; live: boolean }) {
  const complete = item.status === "completed" || item.status === "incomplete" || !live;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-baseline gap-x-2 font-mono text-sm">
        <span className="font-semibold text-sky-950">{item.name || "…"}</span>
        <span className="text-[11px] text-slate-500">call_id {item.call_id || "…"}</span>
      </div>
      <ArgumentsView text={item.arguments ?? ""} complete={complete} label={`Arguments of ${item.name}`} />
    </div>
  );
}

/** A custom tool call: free-form input (not JSON), streamed as it comes. */
export function CustomToolCallBody({ item, live }: { item: ResponseCustomToolCall; live: boolean }) {
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-baseline gap-x-2 font-mono text-sm">
        <span className="font-semibold">{item.name || "…"}</span>
        <span className="text-[11px] text-slate-500">call_id {item.call_id || "…"}</span>
      </div>
      <pre
        aria-label={`Input of ${item.name}`}
        className="overflow-auto whitespace-pre-wrap break-all rounded-md bg-white/80 p-2 font-mono text-[12.5px] leading-5"
      >
        {item.input}
        {live ? <span aria-hidden className="ml-px inline-block h-3.5 w-1.5 translate-y-0.5 animate-pulse bg-slate-400" /> : null}
      </pre>
    </div>
  );
}
