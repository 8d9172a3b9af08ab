"use client";

import type { ResponseOutputMessage } from "openai/resources/responses/responses";
import { CodeView } from "@/components/ui/code-view";
import { Icon } from "../icons";
import { Markdown } from "../lazy-markdown";

/** A message: each `output_text` part as streamed markdown with its annotations, a `refusal` part as a refusal. */
export function MessageBody({ item, live }: { item: ResponseOutputMessage; live: boolean }) {
  const parts = Array.isArray(item.content) ? item.content : [];
  return (
    <div className="flex flex-col gap-2">
      {parts.map((part, i) =>
        part.type === "output_text" ? (
          <Markdown key={i} text={part.text ?? ""} annotations={part.annotations} />
        ) : part.type === "refusal" ? (
          <div
            key={i}
            role="note"
            aria-label="Refusal"
            className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950"
          >
            <Icon name="stop" className="mt-0.5 h-4 w-4 text-amber-700" />
            <div>
              <div className="text-[11px] font-semibold uppercase tracking-wide text-amber-800">Refusal</div>
              <p className="mt-0.5 whitespace-pre-wrap text-[15px]">{part.refusal}</p>
            </div>
          </div>
        ) : (
          <CodeView key={i} code={JSON.stringify(part, null, 2)} lang="json" />
        ),
      )}
      {parts.length === 0 && live ? <span aria-hidden className="inline-block h-4 w-2 animate-pulse bg-slate-300" /> : null}
      {item.status === "incomplete" ? <p className="text-xs text-amber-700">This message is incomplete.</p> : null}
    </div>
  );
}
