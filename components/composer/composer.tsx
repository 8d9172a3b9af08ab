"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { defaultBody, type Body } from "@/lib/request/defaults";
import type { ParsedText } from "@/lib/request/json-text";
import type { RequestIssue } from "@/lib/request/validate";
import { ComposerProvider, useField } from "./composer-context";
import { CountBadge, IssueList, Section, inputCls, labelCls } from "./fields";
import { InputTokenEstimate } from "./input-token-estimate";
import { Messages } from "./messages/messages-editor";
import { AdvancedParams, InstructionsField, OutputParams, ReasoningParams, SamplingParams, StateParams } from "./parameters";
import { RequestJson } from "./request-json";
import { ToolChoiceEditor } from "./tool-choice";
import { ToolsEditor } from "./tools/tools-editor";

/**
 * The composer: a form over ONE request body (model, instructions, messages, parameters, tools, tool_choice) and
 * the Request JSON textbox over the same body. Run sends exactly that body; it refuses, saying why, while the JSON
 * does not parse or the body has a problem the API would reject.
 */

export type Upstream = "server" | "local";

interface ModelList {
  data?: Array<{ id: string }>;
}

function useModels(upstreamHeaders: Record<string, string>) {
  return useQuery({
    queryKey: [
      "models",
      upstreamHeaders["x-playground-upstream"] ?? "server",
      upstreamHeaders["x-playground-base-url"] ?? "",
      upstreamHeaders.authorization ? "caller-key" : "server-key",
    ],
    queryFn: async ({ signal }) => {
      const res = await fetch("/api/v1/models", { headers: upstreamHeaders, signal });
      if (!res.ok) throw new Error(`models: HTTP ${res.status}`);
      const json = (await res.json()) as ModelList;
      return (json.data ?? []).map((m) => m.id).sort();
    },
  });
}

/** What Run sends: the body itself. Kept as a function so callers (and tests) name the contract. */
export function buildRequestBody(body: Body): Body {
  return body;
}

export function Composer({
  body,
  onChange,
  issues,
  onRun,
  onStop,
  busy,
  upstream,
  onUpstream,
  serverUpstream,
  upstreamHeaders,
  saveError,
}: {
  body: Body;
  onChange: (fn: (b: Body) => Body) => void;
  issues: readonly RequestIssue[];
  onRun: (body: Body) => void;
  onStop: () => void;
  busy: boolean;
  upstream: Upstream;
  onUpstream: (u: Upstream) => void;
  serverUpstream: { kind: "openai" | "local"; host: string | null };
  upstreamHeaders: Record<string, string>;
  saveError: string | null;
}) {
  const t = useTranslations("composer");
  const [syntaxError, setSyntaxError] = useState<Extract<ParsedText, { ok: false }> | null>(null);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const errors = issues.filter((i) => i.severity === "error");
  const count = (prefix: string) =>
    issues.filter(
      (i) => i.severity === "error" && (i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`)),
    ).length;
  const paramErrors = errors.filter((i) => !/^(model|input|instructions|tools|tool_choice)(\b|\[|\.)/.test(i.path)).length;

  const run = () => {
    if (busy) return;
    if (syntaxError) {
      setRefusal([
        `Request JSON is not valid JSON${syntaxError.line !== null ? ` (line ${syntaxError.line}, column ${syntaxError.column})` : ""}: ${syntaxError.message} Fix it first: Run sends exactly what Request JSON shows.`,
      ]);
      return;
    }
    if (errors.length > 0) {
      setRefusal(errors.map((e) => `${e.path || "request"}: ${e.message}`));
      return;
    }
    setRefusal(null);
    onRun(buildRequestBody(body));
  };

  return (
    <ComposerProvider body={body} onChange={onChange} issues={issues} upstreamHeaders={upstreamHeaders}>
      <form
        className="flex min-h-0 flex-1 flex-col"
        aria-label="Composer"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            run();
          }
        }}
      >
        <div className="min-h-0 flex-1 overflow-y-auto px-3">
          <Section title="Model" defaultOpen badge={<CountBadge n={count("model")} tone="red" />}>
            <ModelRow upstream={upstream} onUpstream={onUpstream} serverUpstream={serverUpstream} upstreamHeaders={upstreamHeaders} />
            <InstructionsField />
          </Section>
          <Section title="Messages" defaultOpen badge={<CountBadge n={count("input")} tone="red" />}>
            <Messages />
          </Section>
          <Section title="Parameters" badge={<CountBadge n={paramErrors} tone="red" />}>
            <SamplingParams />
            <OutputParams />
            <ReasoningParams />
            <StateParams />
            <AdvancedParams />
          </Section>
          <Section
            title="Tools"
            badge={
              <>
                <CountBadge n={Array.isArray(body.tools) ? body.tools.length : 0} />
                <CountBadge n={count("tools") + count("tool_choice")} tone="red" />
              </>
            }
          >
            <ToolsEditor />
            <ToolChoiceEditor />
          </Section>
          <Section
            title="Request JSON"
            defaultOpen
            badge={<CountBadge n={syntaxError ? 1 : errors.length} tone="red" />}
            actions={
              <button
                type="button"
                className="rounded px-1.5 text-[11px] text-slate-500 hover:bg-slate-100 hover:text-slate-800"
                onClick={(e) => {
                  e.preventDefault();
                  if (window.confirm(t("newRequestConfirm"))) onChange(() => defaultBody());
                }}
              >
                {t("newRequest")}
              </button>
            }
          >
            <RequestJson body={body} onBody={(b) => onChange(() => b)} issues={issues} onSyntaxError={setSyntaxError} />
          </Section>
        </div>

        <div className="flex flex-col gap-1.5 border-t border-slate-200 bg-white px-3 py-2">
          {refusal ? (
            <div role="alert" className="rounded border border-red-200 bg-red-50 px-2 py-1.5 text-[12px] text-red-800">
              <p className="font-medium">{t("notSent", { count: refusal.length })}</p>
              <ul className="mt-0.5 list-disc pl-4">
                {refusal.slice(0, 6).map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {saveError ? (
            <p className="text-[11px] text-amber-700" role="status">
              {t("saveError", { error: saveError })}
            </p>
          ) : null}
          <InputTokenEstimate body={body} upstreamHeaders={upstreamHeaders} />
          <div className="flex items-center justify-between gap-3">
            <StreamToggle />
            <span className="text-[11px] text-slate-400">Ctrl/⌘ + Enter</span>
            <div className="flex gap-2">
              {busy ? (
                <button
                  type="button"
                  onClick={onStop}
                  className="rounded-md bg-slate-800 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
                >
                  {t("stop")}
                </button>
              ) : null}
              <button
                type="submit"
                disabled={busy}
                className="rounded-md bg-blue-600 px-4 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:cursor-not-allowed disabled:bg-blue-300"
              >
                {t("run")}
              </button>
            </div>
          </div>
        </div>
      </form>
    </ComposerProvider>
  );
}

/** `stream` in the body: checked sends `stream: true`; unchecked removes it (the API's default is false). */
function StreamToggle() {
  const t = useTranslations("composer");
  const f = useField<boolean>(["stream"]);
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input
        type="checkbox"
        checked={f.value === true}
        onChange={(e) => f.set(e.target.checked ? true : undefined)}
        className="h-4 w-4 accent-blue-600"
      />
      {t("stream")}
    </label>
  );
}

function ModelRow({
  upstream,
  onUpstream,
  serverUpstream,
  upstreamHeaders,
}: {
  upstream: Upstream;
  onUpstream: (u: Upstream) => void;
  serverUpstream: { kind: "openai" | "local"; host: string | null };
  upstreamHeaders: Record<string, string>;
}) {
  const id = useId();
  const models = useModels(upstreamHeaders);
  const f = useField<string>(["model"]);
  return (
    <div className={`grid gap-2 ${serverUpstream.kind === "openai" ? "grid-cols-2" : "grid-cols-1"}`}>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`${id}-model`} className={labelCls}>
          Model
        </label>
        <input
          id={`${id}-model`}
          className={`${inputCls} font-mono`}
          value={typeof f.value === "string" ? f.value : ""}
          list={`${id}-models`}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={f.issues.length > 0 || undefined}
          onChange={(e) => f.set(e.target.value)}
        />
        <datalist id={`${id}-models`}>
          {(models.data ?? []).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <IssueList issues={f.issues} />
        {models.isError ? <span className="text-[11px] text-amber-700">Could not load the model list; type a model name.</span> : null}
      </div>
      {serverUpstream.kind === "openai" ? (
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-upstream`} className={labelCls}>
            Upstream
          </label>
          <select id={`${id}-upstream`} className={inputCls} value={upstream} onChange={(e) => onUpstream(e.target.value as Upstream)}>
            <option value="server">{serverUpstream.host} (server key)</option>
            <option value="local">Built-in local engine</option>
          </select>
        </div>
      ) : null}
    </div>
  );
}
