"use client";

import { useId } from "react";

/**
 * A stand-in for the composer's "Request JSON" editor (the lead swaps in the full one at merge): the body Run sends,
 * shown as JSON. Editing it with valid JSON makes Run send exactly that body instead of the form's.
 */
export function parseRequestJson(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function RequestJsonLite({
  formBody,
  override,
  onOverride,
}: {
  formBody: Record<string, unknown>;
  /** The edited text, or null while it follows the form. */
  override: string | null;
  onOverride: (text: string | null) => void;
}) {
  const id = useId();
  const text = override ?? JSON.stringify(formBody, null, 2);
  const valid = override === null || parseRequestJson(override) !== null;
  return (
    <details open className="rounded-md border border-slate-200 bg-slate-50">
      <summary className="cursor-pointer px-2.5 py-1.5 text-xs font-medium uppercase tracking-wide text-slate-600">Request JSON</summary>
      <div className="flex flex-col gap-1 px-2.5 pb-2.5">
        <textarea
          id={id}
          aria-label="Request JSON"
          spellCheck={false}
          className={`min-h-[160px] w-full resize-y rounded-md border bg-white px-2 py-1.5 font-mono text-[12px] leading-5 outline-none focus:ring-2 ${
            valid ? "border-slate-300 focus:border-blue-500 focus:ring-blue-100" : "border-red-400 focus:ring-red-100"
          }`}
          value={text}
          onChange={(e) => onOverride(e.target.value)}
        />
        <div className="flex items-center justify-between text-[11px]">
          <span className={valid ? "text-slate-500" : "text-red-700"}>
            {override === null ? "Follows the form." : valid ? "Edited: Run sends this body." : "Not a JSON object: Run sends the form's body."}
          </span>
          {override !== null ? (
            <button type="button" className="text-slate-600 underline hover:text-slate-900" onClick={() => onOverride(null)}>
              Back to the form
            </button>
          ) : null}
        </div>
      </div>
    </details>
  );
}
