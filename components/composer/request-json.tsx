"use client";

import { useEffect, useMemo, useState } from "react";
import type { Body } from "@/lib/request/defaults";
import { bodyToText, textToBody, type ParsedText } from "@/lib/request/json-text";
import { jsonEqual } from "@/lib/request/path";
import type { RequestIssue } from "@/lib/request/validate";

/**
 * The Request JSON textbox: JSON.stringify(body) (long data URLs shortened, see json-text.ts), two-way. Typing
 * valid JSON replaces the body at once; invalid text stays as typed with its error, and the form keeps the last
 * valid body. When the form changes the body, the text follows — unless what is typed already says the same.
 */
export function RequestJson({
  body,
  onBody,
  issues,
  onSyntaxError,
}: {
  body: Body;
  onBody: (body: Body) => void;
  issues: readonly RequestIssue[];
  onSyntaxError: (error: Extract<ParsedText, { ok: false }> | null) => void;
}) {
  const shown = useMemo(() => bodyToText(body), [body]);
  const [text, setText] = useState(shown.text);
  const [error, setError] = useState<Extract<ParsedText, { ok: false }> | null>(null);
  // Shortened strings of this body and of the one before (the text may still show those while it is re-synced);
  // older ones are let go, so replaced 20 MB images are not kept alive. State adjusted during render, not refs.
  const [known, setKnown] = useState({ previous: shown.elided, elided: shown.elided });
  let elided = known.elided;
  if (known.elided !== shown.elided && known.previous !== shown.elided) {
    elided = new Map([...known.previous, ...shown.elided]);
    setKnown({ previous: shown.elided, elided });
  }

  // Only a change of the body (from the form, a reset or a load) rewrites the text, and only when what is typed
  // does not already say the same. Adjusted during render; the parent hears of the cleared error after the commit.
  const [synced, setSynced] = useState({ body, resyncs: 0 });
  if (synced.body !== body) {
    const parsed = textToBody(text, elided);
    const same = parsed.ok && jsonEqual(parsed.body, body);
    setSynced({ body, resyncs: synced.resyncs + (same ? 0 : 1) });
    if (!same) {
      setText(shown.text);
      setError(null);
    }
  }
  useEffect(() => {
    if (synced.resyncs > 0) onSyntaxError(null);
    // Once per re-sync, not again when the parent passes a new callback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [synced.resyncs]);

  const onChange = (next: string) => {
    setText(next);
    const parsed = textToBody(next, elided);
    if (parsed.ok) {
      setError(null);
      onSyntaxError(null);
      if (!jsonEqual(parsed.body, body)) onBody(parsed.body);
    } else {
      setError(parsed);
      onSyntaxError(parsed);
    }
  };

  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity === "warning");
  return (
    <div className="flex flex-col gap-1.5">
      <textarea
        id="request-json"
        aria-label="Request JSON"
        aria-invalid={error !== null || undefined}
        aria-describedby="request-json-problems"
        spellCheck={false}
        className={`h-72 w-full resize-y rounded border bg-slate-950 p-2 font-mono text-[12px] leading-[1.45] text-slate-100 outline-none focus:ring-2 ${error ? "border-red-500 focus:ring-red-200" : "border-slate-700 focus:ring-blue-200"}`}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
      <div id="request-json-problems" aria-live="polite" className="flex flex-col gap-1">
        {error ? (
          <p className="rounded border border-red-200 bg-red-50 px-2 py-1 text-[12px] text-red-800" data-testid="json-syntax-error">
            <strong>Not valid JSON</strong>
            {error.line !== null ? ` (line ${error.line}, column ${error.column})` : ""}: {error.message} The form keeps the last valid
            request.
          </p>
        ) : null}
        {!error && (errors.length > 0 || warnings.length > 0) ? (
          <ul className="flex flex-col gap-0.5 rounded border border-slate-200 bg-slate-50 px-2 py-1" aria-label="Request problems">
            {[...errors, ...warnings].map((issue, i) => (
              <li key={i} className={`text-[12px] leading-snug ${issue.severity === "error" ? "text-red-800" : "text-amber-800"}`}>
                <code className="mr-1 rounded bg-white px-1 font-mono text-[11px] text-slate-700 ring-1 ring-slate-200">
                  {issue.path || "(body)"}
                </code>
                {issue.message}
              </li>
            ))}
          </ul>
        ) : null}
        {shown.elided.size > 0 ? (
          <p className="text-[11px] text-slate-500">Long data URLs are shown shortened here; the full data is sent.</p>
        ) : null}
      </div>
    </div>
  );
}
