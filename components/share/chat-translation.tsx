"use client";

import { useMemo } from "react";
import { DroppedList } from "@/components/compare/dropped-list";
import { CodeView } from "@/components/ui/code-view";
import { responsesToChat } from "@/lib/chat/responses-to-chat";
import { CopyButton } from "./copy-button";

/** A shared request as Chat Completions would take it, with what could not be translated (permalink page). */
export function ChatTranslation({ request }: { request: Record<string, unknown> }) {
  const translation = useMemo(() => responsesToChat(request), [request]);
  const json = useMemo(() => JSON.stringify(translation.body, null, 2), [translation]);
  return (
    <details className="rounded-md border border-slate-200 px-3 py-2">
      <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-500">As Chat Completions</summary>
      <div className="mt-2 flex flex-col gap-3">
        <div className="flex items-center justify-between">
          <span className="font-mono text-[11px] text-slate-400">POST /v1/chat/completions</span>
          <CopyButton text={json} label="Copy Chat JSON" />
        </div>
        <CodeView
          code={json}
          lang="json"
          label="Chat Completions body as JSON"
          className="max-h-[300px] border border-slate-200 bg-white"
        />
        <DroppedList dropped={translation.dropped} />
      </div>
    </details>
  );
}
