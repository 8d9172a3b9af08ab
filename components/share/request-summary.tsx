/**
 * A read-only form view of a request body: model, instructions, the input as messages, tools and every other
 * parameter. No hooks and no browser APIs, so it renders on the server (the permalink page) and in the browser
 * (the fragment link page) alike. Images from data URLs are shown; remote image URLs are shown as links, never
 * loaded, so opening a permalink fetches nothing on the author's behalf.
 */
import type { ReactNode } from "react";
import { isRecord } from "@/lib/is-record";

function compact(value: unknown): string {
  if (typeof value === "string") return value;
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}

function shorten(text: string, max = 600): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[112px_minmax(0,1fr)] gap-2 py-1.5 text-sm">
      <dt className="pt-0.5 text-xs font-medium text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function Part({ part }: { part: unknown }) {
  if (typeof part === "string") return <p className="whitespace-pre-wrap">{shorten(part)}</p>;
  if (!isRecord(part)) return <code className="font-mono text-xs">{compact(part)}</code>;
  const type = String(part.type ?? "");
  if ((type === "input_text" || type === "output_text") && typeof part.text === "string") {
    return <p className="whitespace-pre-wrap">{shorten(part.text)}</p>;
  }
  if (type === "input_image") {
    const url = typeof part.image_url === "string" ? part.image_url : null;
    const detail = typeof part.detail === "string" ? ` · detail ${part.detail}` : "";
    if (url?.startsWith("data:image/")) {
      return (
        <figure className="flex items-end gap-2">
          {/* eslint-disable-next-line @next/next/no-img-element -- an inline data URL, nothing to optimise */}
          <img
            src={url}
            alt="Image sent with the request"
            className="h-16 w-auto rounded border border-slate-200 [image-rendering:pixelated]"
          />
          <figcaption className="text-xs text-slate-500">image (data URL){detail}</figcaption>
        </figure>
      );
    }
    return (
      <p className="text-xs text-slate-600">
        image{" "}
        {url ? (
          <a href={url} rel="noopener noreferrer nofollow" target="_blank" className="break-all font-mono text-blue-700 underline">
            {shorten(url, 120)}
          </a>
        ) : (
          <code className="font-mono">{compact(part.file_id ?? "")}</code>
        )}
        {detail}
      </p>
    );
  }
  if (type === "input_file") {
    const name = part.filename ?? part.file_id ?? part.file_url ?? "file";
    return (
      <p className="text-xs text-slate-600">
        file <code className="font-mono">{compact(name)}</code>
      </p>
    );
  }
  return <code className="block whitespace-pre-wrap font-mono text-xs">{shorten(compact(part), 300)}</code>;
}

function InputItem({ item }: { item: unknown }) {
  if (!isRecord(item)) return <Part part={item} />;
  const isMessage = typeof item.role === "string" && (item.type === undefined || item.type === "message");
  if (isMessage) {
    const content = item.content;
    return (
      <li className="rounded-md border border-slate-200 bg-white px-2.5 py-2">
        <div className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">{String(item.role)}</div>
        <div className="space-y-1.5">
          {Array.isArray(content) ? content.map((p, i) => <Part key={i} part={p} />) : <Part part={content} />}
        </div>
      </li>
    );
  }
  return (
    <li className="rounded-md border border-dashed border-slate-300 bg-slate-50 px-2.5 py-2">
      <div className="mb-1 font-mono text-[11px] text-slate-600">{String(item.type ?? "item")}</div>
      <code className="block whitespace-pre-wrap font-mono text-xs">{shorten(compact(item), 300)}</code>
    </li>
  );
}

function ToolChip({ tool }: { tool: unknown }) {
  if (!isRecord(tool)) return null;
  const type = String(tool.type ?? "tool");
  if (type === "function") {
    const params = isRecord(tool.parameters) && isRecord(tool.parameters.properties) ? Object.keys(tool.parameters.properties) : [];
    return (
      <li className="rounded-md border border-sky-200 bg-sky-50 px-2 py-1">
        <code className="font-mono text-xs text-sky-900">
          {String(tool.name)}
          <span className="text-sky-700">({params.join(", ")})</span>
        </code>
        {typeof tool.description === "string" ? <p className="mt-0.5 text-xs text-slate-600">{tool.description}</p> : null}
      </li>
    );
  }
  const detail =
    type === "file_search" && Array.isArray(tool.vector_store_ids)
      ? ` · ${tool.vector_store_ids.join(", ")}`
      : type === "mcp" && typeof tool.server_label === "string"
        ? ` · ${tool.server_label}`
        : "";
  return (
    <li className="rounded-md border border-slate-200 bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800">
      {type}
      <span className="text-slate-500">{detail}</span>
    </li>
  );
}

const SHOWN_APART = new Set(["model", "instructions", "input", "tools", "stream"]);

export function RequestSummary({ request }: { request: Record<string, unknown> }) {
  const input = request.input;
  const tools = Array.isArray(request.tools) ? request.tools : [];
  const rest = Object.entries(request).filter(([k, v]) => !SHOWN_APART.has(k) && v !== undefined);
  return (
    <dl aria-label="Request summary" className="divide-y divide-slate-100">
      <Field label="Model">
        <code className="font-mono text-[13px] font-medium">{compact(request.model ?? "—")}</code>
      </Field>
      <Field label="Stream">{request.stream === true ? "on: events arrive as they are generated" : "off: one JSON answer"}</Field>
      {typeof request.instructions === "string" && request.instructions ? (
        <Field label="Instructions">
          <p className="whitespace-pre-wrap">{shorten(request.instructions)}</p>
        </Field>
      ) : null}
      <Field label="Input">
        {typeof input === "string" ? (
          <p className="whitespace-pre-wrap">{shorten(input)}</p>
        ) : Array.isArray(input) ? (
          <ul className="space-y-1.5">
            {input.map((item, i) => (
              <InputItem key={i} item={item} />
            ))}
          </ul>
        ) : (
          <span className="text-slate-400">none</span>
        )}
      </Field>
      {tools.length > 0 ? (
        <Field label="Tools">
          <ul className="flex flex-col gap-1">
            {tools.map((t, i) => (
              <ToolChip key={i} tool={t} />
            ))}
          </ul>
        </Field>
      ) : null}
      {rest.map(([key, value]) => (
        <Field key={key} label={key}>
          <code className="whitespace-pre-wrap break-all font-mono text-xs">{shorten(compact(value), 300)}</code>
        </Field>
      ))}
    </dl>
  );
}
