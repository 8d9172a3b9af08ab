"use client";

import { CodeView } from "@/components/ui/code-view";
import { isRecord } from "@/lib/is-record";

function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => {
      if (!isRecord(part)) return "";
      if (typeof part.text === "string") return part.text;
      if (part.type === "input_image") return "[image]";
      if (part.type === "input_file") return `[file ${String(part.filename ?? part.file_id ?? "")}]`;
      return `[${String(part.type ?? "part")}]`;
    })
    .filter(Boolean)
    .join("\n");
}

function outputPreview(output: unknown): string {
  if (typeof output === "string") return output;
  return JSON.stringify(output);
}

/** What one turn added to the conversation: the user's messages, function outputs, approval decisions. */
export function TurnInput({ items }: { items: readonly Record<string, unknown>[] }) {
  if (items.length === 0) return null;
  return (
    <div className="flex flex-col items-end gap-1.5" aria-label="You">
      {items.map((item, i) => {
        const type = typeof item.type === "string" ? item.type : "message";
        if (type === "message") {
          const role = String(item.role ?? "user");
          return (
            <div key={i} className="max-w-[85%] rounded-2xl rounded-br-sm bg-blue-600 px-3 py-2 text-[14px] text-white shadow-sm">
              {role !== "user" ? <div className="text-[10px] font-semibold uppercase tracking-wide text-blue-100">{role}</div> : null}
              <p className="whitespace-pre-wrap break-words">{messageText(item.content) || "(empty)"}</p>
            </div>
          );
        }
        if (type === "function_call_output") {
          return (
            <div key={i} className="max-w-[85%] rounded-xl rounded-br-sm border border-sky-200 bg-sky-50 px-3 py-2 text-sm">
              <div className="text-[10px] font-semibold uppercase tracking-wide text-sky-700">
                function_call_output · <span className="font-mono normal-case">{String(item.call_id ?? "")}</span>
              </div>
              <pre className="mt-0.5 whitespace-pre-wrap break-all font-mono text-[12.5px] text-slate-800">
                {outputPreview(item.output)}
              </pre>
            </div>
          );
        }
        if (type === "mcp_approval_response") {
          const approved = item.approve === true;
          return (
            <div
              key={i}
              className={`rounded-xl px-3 py-1.5 text-sm ${approved ? "bg-emerald-100 text-emerald-900" : "bg-slate-200 text-slate-800"}`}
            >
              {approved ? "✓ Approved" : "✕ Denied"} <span className="font-mono text-xs">{String(item.approval_request_id ?? "")}</span>
            </div>
          );
        }
        return (
          <div key={i} className="max-w-[85%]">
            <CodeView code={JSON.stringify(item, null, 2)} lang="json" label={`${type} input item`} />
          </div>
        );
      })}
    </div>
  );
}
