"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";

export interface ComposerValue {
  model: string;
  instructions: string;
  message: string;
  stream: boolean;
  upstream: "server" | "local";
}

export const DEFAULT_COMPOSER: ComposerValue = {
  model: "local-echo-1",
  instructions: "",
  message: "",
  stream: true,
  upstream: "server",
};

export function isComposerValue(v: unknown): v is ComposerValue {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.model === "string" &&
    typeof o.instructions === "string" &&
    typeof o.message === "string" &&
    typeof o.stream === "boolean" &&
    (o.upstream === "server" || o.upstream === "local")
  );
}

/** The request body the composer describes. Parameters the user left empty are not sent. */
export function buildRequestBody(v: ComposerValue): Record<string, unknown> {
  const body: Record<string, unknown> = { model: v.model.trim(), input: v.message };
  if (v.instructions.trim() !== "") body.instructions = v.instructions;
  if (v.stream) body.stream = true;
  return body;
}

interface ModelList {
  data?: Array<{ id: string }>;
}

function useModels(upstreamHeader: Record<string, string>) {
  return useQuery({
    queryKey: ["models", upstreamHeader["x-playground-upstream"] ?? "server"],
    queryFn: async ({ signal }) => {
      const res = await fetch("/api/v1/models", { headers: upstreamHeader, signal });
      if (!res.ok) throw new Error(`models: HTTP ${res.status}`);
      const json = (await res.json()) as ModelList;
      return (json.data ?? []).map((m) => m.id).sort();
    },
  });
}

const label = "text-xs font-medium uppercase tracking-wide text-slate-600";
const field =
  "w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm outline-none focus:border-blue-500 focus:ring-2 focus:ring-blue-100";

export function Composer({
  value,
  onChange,
  onRun,
  onStop,
  busy,
  serverUpstream,
  upstreamHeaders,
}: {
  value: ComposerValue;
  onChange: (next: ComposerValue) => void;
  onRun: () => void;
  onStop: () => void;
  busy: boolean;
  serverUpstream: { kind: "openai" | "local"; host: string | null };
  upstreamHeaders: Record<string, string>;
}) {
  const id = useId();
  const models = useModels(upstreamHeaders);
  const set = <K extends keyof ComposerValue>(key: K, v: ComposerValue[K]) => onChange({ ...value, [key]: v });
  const canRun = value.model.trim() !== "" && !busy;

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (canRun) onRun();
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
          e.preventDefault();
          if (canRun) onRun();
        }
      }}
    >
      {serverUpstream.kind === "openai" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-upstream`} className={label}>
            Upstream
          </label>
          <select id={`${id}-upstream`} className={field} value={value.upstream} onChange={(e) => set("upstream", e.target.value as ComposerValue["upstream"])}>
            <option value="server">{serverUpstream.host} (server key)</option>
            <option value="local">Built-in local engine</option>
          </select>
        </div>
      ) : null}

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-model`} className={label}>
          Model
        </label>
        <input
          id={`${id}-model`}
          className={field}
          value={value.model}
          list={`${id}-models`}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set("model", e.target.value)}
        />
        <datalist id={`${id}-models`}>
          {(models.data ?? []).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        {models.isError ? <span className="text-xs text-amber-700">Could not load the model list; type a model name.</span> : null}
      </div>

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-instructions`} className={label}>
          Instructions
        </label>
        <textarea
          id={`${id}-instructions`}
          className={`${field} min-h-[64px] resize-y`}
          placeholder="System / developer instructions (optional)"
          value={value.instructions}
          onChange={(e) => set("instructions", e.target.value)}
        />
      </div>

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-message`} className={label}>
          Message
        </label>
        <textarea
          id={`${id}-message`}
          className={`${field} min-h-[140px] resize-y`}
          placeholder="Ask something… (Ctrl/⌘ + Enter to run)"
          value={value.message}
          onChange={(e) => set("message", e.target.value)}
        />
      </div>

      <div className="flex items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={value.stream} onChange={(e) => set("stream", e.target.checked)} className="h-4 w-4 accent-blue-600" />
          Stream
        </label>
        <div className="flex gap-2">
          {busy ? (
            <button type="button" onClick={onStop} className="rounded-md bg-slate-800 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
              Stop
            </button>
          ) : null}
          <button
            type="submit"
            disabled={!canRun}
            className="rounded-md bg-blue-600 px-4 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:cursor-not-allowed disabled:bg-blue-300"
          >
            Run
          </button>
        </div>
      </div>
    </form>
  );
}
