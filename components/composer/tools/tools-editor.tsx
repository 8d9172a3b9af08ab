"use client";

import { useState, type ReactNode } from "react";
import { newTool } from "@/lib/request/defaults";
import { TOOL_TYPES, type ToolType } from "@/lib/request/limits";
import { moveItem, type Path } from "@/lib/request/path";
import { useComposer, useField } from "../composer-context";
import { IssueList, JsonField, areaCls, compactCls, smallBtn } from "../fields";
import { CodeInterpreterToolForm } from "./code-interpreter-tool";
import { ComputerToolForm } from "./computer-tool";
import { CustomToolForm } from "./custom-tool";
import { FileSearchToolForm } from "./file-search-tool";
import { FunctionToolForm } from "./function-tool";
import { ImageGenerationToolForm } from "./image-generation-tool";
import { ReorderButtons } from "../reorder-buttons";
import { McpToolForm } from "./mcp-tool";
import { WebSearchToolForm } from "./web-search-tool";
import { isRecord } from "@/lib/is-record";

/** `tools`: one form per tool type, add (menu of types or pasted JSON), remove, reorder. */

const FORMS: Record<string, (props: { path: Path }) => ReactNode> = {
  function: FunctionToolForm,
  web_search: WebSearchToolForm,
  web_search_2025_08_26: WebSearchToolForm,
  web_search_preview: WebSearchToolForm,
  web_search_preview_2025_03_11: WebSearchToolForm,
  file_search: FileSearchToolForm,
  computer_use_preview: ComputerToolForm,
  code_interpreter: CodeInterpreterToolForm,
  image_generation: ImageGenerationToolForm,
  mcp: McpToolForm,
  custom: CustomToolForm,
};

export const TOOL_LABELS: Record<ToolType, string> = {
  function: "Function",
  web_search: "Web search",
  web_search_preview: "Web search (preview)",
  file_search: "File search",
  computer_use_preview: "Computer use (preview)",
  code_interpreter: "Code interpreter",
  image_generation: "Image generation",
  mcp: "MCP server",
  custom: "Custom (free-form)",
};

export function toolTitle(tool: Record<string, unknown>): string {
  if (typeof tool.name === "string" && tool.name !== "") return tool.name;
  if (typeof tool.server_label === "string" && tool.server_label !== "") return tool.server_label;
  return "";
}

export function ToolsEditor() {
  const { body, set } = useComposer();
  const tools = Array.isArray(body.tools) ? (body.tools as unknown[]) : [];
  const [pasting, setPasting] = useState(false);
  const write = (next: unknown[]) => set(["tools"], next.length === 0 ? undefined : next);
  return (
    <div className="flex flex-col gap-2">
      {tools.length === 0 ? (
        <p className="text-[12px] text-slate-500">No tools. Add one to let the model call functions or built-in tools.</p>
      ) : null}
      {tools.map((tool, i) => (
        <ToolCard
          key={i}
          index={i}
          tool={tool}
          count={tools.length}
          onRemove={() => write(tools.filter((_, k) => k !== i))}
          onMove={(d) => write(moveItem(tools, i, i + d))}
        />
      ))}
      <div className="flex items-center gap-1.5">
        <select
          aria-label="Add tool"
          className={`${compactCls} w-auto text-[12px]`}
          value=""
          onChange={(e) => {
            const type = e.target.value;
            if (type === "__json") setPasting(true);
            else if (type) write([...tools, newTool(type as ToolType, tools)]);
          }}
        >
          <option value="">+ Add tool…</option>
          {TOOL_TYPES.map((t) => (
            <option key={t} value={t}>
              {TOOL_LABELS[t]} ({t})
            </option>
          ))}
          <option value="__json">Paste tool JSON…</option>
        </select>
      </div>
      {pasting ? <PasteTool onAdd={(tool) => (write([...tools, tool]), setPasting(false))} onCancel={() => setPasting(false)} /> : null}
    </div>
  );
}

function PasteTool({ onAdd, onCancel }: { onAdd: (tool: unknown) => void; onCancel: () => void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-1 rounded border border-slate-200 p-2">
      <textarea
        aria-label="Tool JSON"
        rows={4}
        className={`${areaCls} font-mono text-[12px]`}
        placeholder='{"type": "…", …} — kept and sent as it is'
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {error ? <p className="text-[11px] text-red-700">{error}</p> : null}
      <div className="flex gap-1.5">
        <button
          type="button"
          className={smallBtn}
          onClick={() => {
            try {
              const value: unknown = JSON.parse(text);
              if (!isRecord(value) || typeof value.type !== "string") return setError('A tool is a JSON object with a "type".');
              onAdd(value);
            } catch {
              setError("Not valid JSON.");
            }
          }}
        >
          Add tool
        </button>
        <button type="button" className={smallBtn} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function ToolCard({
  index,
  tool,
  count,
  onRemove,
  onMove,
}: {
  index: number;
  tool: unknown;
  count: number;
  onRemove: () => void;
  onMove: (d: number) => void;
}) {
  const path: Path = ["tools", index];
  const f = useField(path, { nested: true });
  const obj = isRecord(tool) ? tool : {};
  const type = typeof obj.type === "string" ? obj.type : "?";
  const Form = FORMS[type];
  const title = toolTitle(obj);
  const name = `Tool ${index + 1}`;
  const errors = f.issues.filter((i) => i.severity === "error").length;
  return (
    <details
      open
      role="group"
      aria-label={`${name}: ${type}${title ? ` ${title}` : ""}`}
      className="group/tool rounded-md border border-slate-200 bg-white shadow-xs"
    >
      <summary className="flex cursor-pointer list-none items-center gap-1.5 px-2 py-1.5 [&::-webkit-details-marker]:hidden">
        <span className="text-[9px] text-slate-400 transition-transform group-open/tool:rotate-90" aria-hidden>
          ▶
        </span>
        <span className="rounded bg-indigo-50 px-1.5 py-0.5 font-mono text-[11px] text-indigo-700">{type}</span>
        {title ? <span className="truncate font-mono text-[12px] text-slate-800">{title}</span> : null}
        {errors > 0 ? <span className="rounded-full bg-red-100 px-1.5 text-[10px] text-red-700">{errors}</span> : null}
        <ReorderButtons name={name} first={index === 0} last={index === count - 1} onMove={onMove} onRemove={onRemove} />
      </summary>
      <div className="flex flex-col gap-2 border-t border-slate-100 px-2 pt-1.5 pb-2">
        {Form ? (
          <Form path={path} />
        ) : (
          <>
            <p className="text-[11px] text-slate-500">No form for “{type}”: it is kept and sent exactly as written.</p>
            <JsonField path={path} label="Tool JSON" rows={5} allowUndefined={false} />
          </>
        )}
        {Form ? <IssueList issues={f.issues.filter((i) => i.path === f.key || i.path === `${f.key}.type`)} /> : null}
      </div>
    </details>
  );
}
