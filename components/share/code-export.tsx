"use client";

import { useId, useMemo, useState } from "react";
import { CodeView } from "@/components/ui/code-view";
import { EXPORT_TARGETS, exportCode, type ExportTarget } from "@/lib/export";
import { CopyButton } from "./copy-button";

/**
 * Working code for a request body, in curl, Python, TypeScript (official `openai` SDKs) and raw HTTP, highlighted
 * by shiki, with a Copy button. Keys come from OPENAI_API_KEY in the environment, never from the page.
 */
export function CodeExport({ body, baseUrl, className = "" }: { body: Record<string, unknown>; baseUrl?: string; className?: string }) {
  const [target, setTarget] = useState<ExportTarget>("curl");
  const id = useId();
  const code = useMemo(() => exportCode(target, body, { baseUrl }), [target, body, baseUrl]);
  const meta = EXPORT_TARGETS.find((t) => t.id === target) ?? EXPORT_TARGETS[0];

  return (
    <div className={`flex min-h-0 flex-col gap-2 ${className}`}>
      <div className="flex items-center justify-between gap-2">
        <div role="tablist" aria-label="Code language" className="inline-flex rounded-md border border-slate-200 bg-slate-100 p-0.5">
          {EXPORT_TARGETS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${id}-tab-${t.id}`}
              aria-selected={t.id === target}
              aria-controls={`${id}-panel`}
              tabIndex={t.id === target ? 0 : -1}
              onClick={() => setTarget(t.id)}
              onKeyDown={(e) => {
                if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
                const i = EXPORT_TARGETS.findIndex((x) => x.id === target);
                const next = EXPORT_TARGETS[(i + (e.key === "ArrowRight" ? 1 : EXPORT_TARGETS.length - 1)) % EXPORT_TARGETS.length];
                if (next) {
                  setTarget(next.id);
                  document.getElementById(`${id}-tab-${next.id}`)?.focus();
                }
              }}
              className={`rounded px-2.5 py-1 text-xs font-medium ${t.id === target ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <CopyButton text={code} label={`Copy ${meta?.label ?? ""}`} />
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${target}`} className="min-h-0">
        <CodeView code={code} lang={meta?.lang ?? null} label={`${meta?.label ?? ""} code`} className="max-h-[420px] border border-slate-200 bg-white" />
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
