"use client";

import { useId, useMemo, useState } from "react";
import { CodeView } from "@/components/ui/code-view";
import { EXPORT_TARGETS, exportCode, type ExportTarget } from "@/lib/export";
import { CHAT_EXPORT_TARGETS, exportChatCode } from "@/lib/export/chat";
import { CopyButton } from "./copy-button";

/**
 * Working code for a request body, in curl, Python, TypeScript (official `openai` SDKs) and raw HTTP, highlighted
 * by shiki, with a Copy button. Keys come from OPENAI_API_KEY in the environment, never from the page.
 */
export function CodeExport({ body, baseUrl, className = "" }: { body: Record<string, unknown>; baseUrl?: string; className?: string }) {
  const [target, setTarget] = useState<ExportTarget>("curl");
  const [api, setApi] = useState<"responses" | "chat">("responses");
  const id = useId();
  // Chat Completions has curl, Python and TypeScript; raw HTTP falls back to curl there.
  const chatTarget = CHAT_EXPORT_TARGETS.find((t) => t.id === target) ?? CHAT_EXPORT_TARGETS[0]!;
  const targets = api === "chat" ? CHAT_EXPORT_TARGETS : EXPORT_TARGETS;
  const shown = api === "chat" ? chatTarget.id : target;
  const code = useMemo(
    () => (api === "chat" ? exportChatCode(chatTarget.id, body, { baseUrl }) : exportCode(target, body, { baseUrl })),
    [api, chatTarget.id, target, body, baseUrl],
  );
  const meta = targets.find((t) => t.id === shown) ?? targets[0];

  return (
    <div className={`flex min-h-0 flex-col gap-2 ${className}`}>
      <div role="radiogroup" aria-label="API" className="flex items-center gap-3 text-xs">
        {(
          [
            ["responses", "Responses"],
            ["chat", "Chat Completions"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="inline-flex items-center gap-1.5">
            <input type="radio" name={`${id}-api`} checked={api === value} onChange={() => setApi(value)} />
            {label}
          </label>
        ))}
      </div>
      <div className="flex items-center justify-between gap-2">
        <div role="tablist" aria-label="Code language" className="inline-flex rounded-md border border-slate-200 bg-slate-100 p-0.5">
          {targets.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${id}-tab-${t.id}`}
              aria-selected={t.id === shown}
              aria-controls={`${id}-panel`}
              tabIndex={t.id === shown ? 0 : -1}
              onClick={() => setTarget(t.id)}
              onKeyDown={(e) => {
                if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
                const i = targets.findIndex((x) => x.id === shown);
                const next = targets[(i + (e.key === "ArrowRight" ? 1 : targets.length - 1)) % targets.length];
                if (next) {
                  setTarget(next.id);
                  document.getElementById(`${id}-tab-${next.id}`)?.focus();
                }
              }}
              className={`rounded px-2.5 py-1 text-xs font-medium ${t.id === shown ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <CopyButton text={code} label={`Copy ${meta?.label ?? ""}`} />
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${shown}`} className="min-h-0">
        <CodeView
          code={code}
          lang={meta?.lang ?? null}
          label={`${meta?.label ?? ""} code`}
          className="max-h-[420px] border border-slate-200 bg-white"
        />
      </div>
      <p className="text-xs text-slate-500">
        Reads your key from <code className="font-mono">OPENAI_API_KEY</code>.{" "}
        {baseUrl ? (
          <>
            Base URL <code className="break-all font-mono">{baseUrl}</code>.
          </>
        ) : null}
      </p>
    </div>
  );
}
