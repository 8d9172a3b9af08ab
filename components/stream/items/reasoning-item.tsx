"use client";

import type { ResponseReasoningItem } from "openai/resources/responses/responses";
import { Markdown } from "../lazy-markdown";

/** Reasoning: summary parts as they stream, raw `reasoning_text` where the model sends it, and the token count. */
export function ReasoningBody({
  item,
  live,
  reasoningTokens,
}: {
  item: ResponseReasoningItem;
  live: boolean;
  reasoningTokens: number | null;
}) {
  const summary = Array.isArray(item.summary) ? item.summary : [];
  const content = Array.isArray(item.content) ? item.content : [];
  const encrypted = typeof item.encrypted_content === "string" ? item.encrypted_content.length : 0;
  return (
    <div className="flex flex-col gap-2 text-sm text-violet-950">
      {summary.length === 0 && content.length === 0 ? (
        <p className="text-violet-800/70">
          {live ? "Thinking…" : "The model reasoned but sent no summary (set reasoning.summary to see one)."}
        </p>
      ) : null}
      {summary.length > 0 ? (
        <ol className="flex flex-col gap-1.5" aria-label="Reasoning summary">
          {summary.map((s, i) => (
            <li key={i} className="border-l-2 border-violet-300 pl-3">
              <Markdown text={s.text ?? ""} showSources={false} size="sm" />
            </li>
          ))}
        </ol>
      ) : null}
      {content.length > 0 ? (
        <details open className="rounded-md bg-white/70 px-2 py-1">
          <summary className="cursor-pointer text-[11px] font-semibold uppercase tracking-wide text-violet-700">Reasoning text</summary>
          {content.map((c, i) => (
            <p key={i} className="mt-1 whitespace-pre-wrap font-mono text-xs text-slate-700">
              {c.text}
            </p>
          ))}
        </details>
      ) : null}
      <p className="flex flex-wrap gap-x-3 text-[11px] text-violet-700/80">
        {reasoningTokens !== null ? (
          <span>{reasoningTokens} reasoning tokens</span>
        ) : live ? (
          <span>reasoning tokens: counted when the response ends</span>
        ) : null}
        {encrypted > 0 ? <span>encrypted_content: {encrypted.toLocaleString()} characters</span> : null}
        {item.status && item.status !== "completed" ? <span>status: {item.status}</span> : null}
      </p>
    </div>
  );
}
