"use client";

import type { ResponseCodeInterpreterToolCall, ResponseOutputItem } from "openai/resources/responses/responses";
import { CodeView } from "@/components/ui/code-view";
import { citationHref } from "../citations";
import { ArgumentsView, Field, Steps } from "./shared";

type ImageCall = ResponseOutputItem.ImageGenerationCall & Record<string, unknown>;

const IMAGE_STEPS = ["in_progress", "generating", "completed"] as const;

/** Image generation: the latest partial image as a preview while it generates, then the final image. */
export function ImageGenerationBody({ item }: { item: ImageCall }) {
  const format = typeof item.output_format === "string" ? item.output_format : "png";
  const partial = typeof item.partial_image_index === "number" ? item.partial_image_index : null;
  const final = item.status === "completed" && item.result;
  const src = item.result ? `data:image/${format === "jpeg" ? "jpeg" : format};base64,${item.result}` : null;
  return (
    <div className="flex flex-col gap-2 text-sm">
      <Steps steps={IMAGE_STEPS} status={item.status} />
      {src ? (
        <figure className="m-0">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL from the stream */}
          <img
            src={src}
            alt={
              final
                ? typeof item.revised_prompt === "string"
                  ? item.revised_prompt
                  : "Generated image"
                : `Partial image ${partial !== null ? partial + 1 : ""}`
            }
            className={`max-h-80 w-auto max-w-full rounded-md border border-slate-200 bg-white [image-rendering:auto] ${final ? "" : "blur-[1px] saturate-75"}`}
            style={{ minWidth: 160 }}
          />
          <figcaption className="mt-1 text-[11px] text-slate-500">
            {final ? "Final image" : `Partial image ${partial !== null ? partial + 1 : ""} (preview)`}
            {typeof item.size === "string" ? ` · ${item.size}` : ""} · {format}
          </figcaption>
        </figure>
      ) : (
        <div className="flex h-32 w-48 items-center justify-center rounded-md border border-dashed border-slate-300 text-xs text-slate-400">
          {item.status === "failed" ? "No image" : "Waiting for the first preview…"}
        </div>
      )}
      {typeof item.revised_prompt === "string" ? (
        <Field name="prompt">
          <span className="italic">{item.revised_prompt}</span>
        </Field>
      ) : null}
    </div>
  );
}

const CODE_STEPS = ["in_progress", "interpreting", "completed"] as const;

/** Code interpreter: the code as it streams, then its logs and image outputs. */
export function CodeInterpreterBody({ item, live }: { item: ResponseCodeInterpreterToolCall; live: boolean }) {
  const outputs = Array.isArray(item.outputs) ? item.outputs : [];
  const streaming = live && item.status === "in_progress";
  return (
    <div className="flex flex-col gap-2 text-sm">
      <Steps steps={CODE_STEPS} status={item.status} />
      {streaming ? (
        <pre aria-label="Code" className="overflow-auto whitespace-pre rounded-md bg-white/80 p-2 font-mono text-[12.5px] leading-5">
          {item.code ?? ""}
          <span aria-hidden className="ml-px inline-block h-3.5 w-1.5 translate-y-0.5 animate-pulse bg-slate-400" />
        </pre>
      ) : (
        <CodeView code={item.code ?? ""} lang="python" className="bg-white/80" label="Code" />
      )}
      {outputs.map((o, i) =>
        o.type === "logs" ? (
          <div key={i}>
            <div className="text-[11px] uppercase tracking-wide text-slate-500">Logs</div>
            <pre className="overflow-auto whitespace-pre-wrap rounded-md bg-slate-900 p-2 font-mono text-[12px] text-slate-100">
              {o.logs}
            </pre>
          </div>
        ) : o.type === "image" ? (
          <figure key={i} className="m-0">
            {citationHref(o.url) ? (
              // eslint-disable-next-line @next/next/no-img-element -- an output file of the container
              <img
                src={citationHref(o.url)!}
                alt="Code interpreter output"
                className="max-h-64 max-w-full rounded-md border border-slate-200"
              />
            ) : null}
            <figcaption className="break-all font-mono text-[11px] text-slate-500">{o.url}</figcaption>
          </figure>
        ) : null,
      )}
      <Field name="container">
        <span className="font-mono">{item.container_id}</span>
      </Field>
    </div>
  );
}

type ListTools = ResponseOutputItem.McpListTools & { status?: string };

/** MCP list tools: which tools the remote server offers. */
export function McpListToolsBody({ item }: { item: ListTools }) {
  const tools = Array.isArray(item.tools) ? item.tools : [];
  return (
    <div className="flex flex-col gap-1.5 text-sm">
      <Field name="server">
        <span className="font-mono">{item.server_label}</span>
      </Field>
      {item.error ? <p className="text-xs text-red-700">{item.error}</p> : null}
      {tools.length === 0 ? (
        <p className="text-xs text-slate-500">{item.status === "in_progress" ? "Listing tools…" : "No tools."}</p>
      ) : null}
      <ul className="flex flex-col gap-1">
        {tools.map((t) => (
          <li key={t.name} className="rounded-md border border-slate-200 bg-white px-2 py-1">
            <details>
              <summary className="cursor-pointer text-xs">
                <span className="font-mono font-semibold">{t.name}</span>
                {t.description ? <span className="ml-2 text-slate-600">{t.description}</span> : null}
              </summary>
              <CodeView code={JSON.stringify(t.input_schema ?? {}, null, 2)} lang="json" className="mt-1" />
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** An MCP tool call: server and tool, streaming arguments, then the output or the error. */
export function McpCallBody({ item, live }: { item: ResponseOutputItem.McpCall; live: boolean }) {
  const complete = !live || (item.status !== undefined && item.status !== "in_progress" && item.status !== "calling");
  const error = item.error as unknown;
  return (
    <div className="flex flex-col gap-1.5 text-sm">
      <div className="font-mono text-sm">
        <span className="text-slate-500">{item.server_label}.</span>
        <span className="font-semibold">{item.name}</span>
      </div>
      <ArgumentsView text={item.arguments ?? ""} complete={complete} label={`Arguments of ${item.name}`} />
      {typeof item.output === "string" ? (
        <div>
          <div className="text-[11px] uppercase tracking-wide text-slate-500">Output</div>
          <pre className="overflow-auto whitespace-pre-wrap rounded-md bg-white/80 p-2 font-mono text-[12.5px]">{item.output}</pre>
        </div>
      ) : null}
      {error ? <p className="text-xs text-red-700">Error: {typeof error === "string" ? error : JSON.stringify(error)}</p> : null}
      {item.approval_request_id ? <Field name="approved by">{item.approval_request_id}</Field> : null}
    </div>
  );
}
