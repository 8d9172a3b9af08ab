"use client";

import { ALLOWED_TOOLS_MODES, HOSTED_TOOL_CHOICES, TOOL_CHOICE_MODES } from "@/lib/request/limits";
import { useComposer, useField } from "./composer-context";
import { Field, IssueList, inputCls, labelCls } from "./fields";
import { isRecord } from "@/lib/is-record";

/**
 * `tool_choice`: a mode (none/auto/required), a named function, custom tool or MCP server, a hosted tool, or
 * allowed_tools (a mode and a subset of the current tools).
 */

type Kind = "" | "none" | "auto" | "required" | "function" | "custom" | "mcp" | "hosted" | "allowed_tools";

function kindOf(choice: unknown): Kind {
  if (choice === undefined) return "";
  if (typeof choice === "string") return (TOOL_CHOICE_MODES as readonly string[]).includes(choice) ? (choice as Kind) : "";
  if (!isRecord(choice)) return "";
  if (choice.type === "function" || choice.type === "custom" || choice.type === "mcp" || choice.type === "allowed_tools")
    return choice.type;
  return "hosted";
}

/** A tool as allowed_tools lists it: type plus the name or label that identifies it. */
export function toolDescriptor(tool: Record<string, unknown>): Record<string, unknown> {
  if (tool.type === "function" || tool.type === "custom") return { type: tool.type, name: tool.name };
  if (tool.type === "mcp") return { type: "mcp", server_label: tool.server_label };
  return { type: tool.type };
}

function sameTool(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return a.type === b.type && a.name === b.name && a.server_label === b.server_label;
}

export function ToolChoiceEditor() {
  const { body } = useComposer();
  const f = useField<unknown>(["tool_choice"]);
  const nested = useField<unknown>(["tool_choice"], { nested: true }).issues.filter((i) => i.path !== "tool_choice");
  const tools = (Array.isArray(body.tools) ? body.tools : []).filter(isRecord) as Record<string, unknown>[];
  const choice = f.value;
  const kind = kindOf(choice);
  const named = (type: string, key: "name" | "server_label") => tools.filter((t) => t.type === type).map((t) => String(t[key] ?? ""));

  const setKind = (next: Kind) => {
    if (next === "") return f.set(undefined);
    if (next === "none" || next === "auto" || next === "required") return f.set(next);
    if (next === "function" || next === "custom") return f.set({ type: next, name: named(next, "name")[0] ?? "" });
    if (next === "mcp") return f.set({ type: "mcp", server_label: named("mcp", "server_label")[0] ?? "" });
    if (next === "hosted")
      return f.set({ type: tools.find((t) => (HOSTED_TOOL_CHOICES as readonly string[]).includes(String(t.type)))?.type ?? "file_search" });
    return f.set({ type: "allowed_tools", mode: "auto", tools: tools.map(toolDescriptor) });
  };
  const obj = isRecord(choice) ? choice : {};

  return (
    <div className="flex flex-col gap-2">
      <Field label="tool_choice" issues={f.issues}>
        {(id) => (
          <select id={id} className={`${inputCls} font-mono`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="">not set (auto)</option>
            <option value="none">none — never call tools</option>
            <option value="auto">auto — the model decides</option>
            <option value="required">required — call at least one tool</option>
            <option value="function">a named function…</option>
            <option value="custom">a named custom tool…</option>
            <option value="mcp">an MCP server…</option>
            <option value="hosted">a hosted tool…</option>
            <option value="allowed_tools">allowed_tools…</option>
          </select>
        )}
      </Field>
      {kind === "function" || kind === "custom" ? (
        <NameChooser
          label={`${kind} name`}
          value={String(obj.name ?? "")}
          options={named(kind, "name")}
          onChange={(name) => f.set({ ...obj, name })}
        />
      ) : null}
      {kind === "mcp" ? (
        <>
          <NameChooser
            label="server_label"
            value={String(obj.server_label ?? "")}
            options={named("mcp", "server_label")}
            onChange={(server_label) => f.set({ ...obj, server_label })}
          />
          <NameChooser
            label="tool name (optional)"
            value={String(obj.name ?? "")}
            options={[]}
            onChange={(name) => f.set(name === "" ? { type: "mcp", server_label: obj.server_label } : { ...obj, name })}
          />
        </>
      ) : null}
      {kind === "hosted" ? (
        <Field label="hosted tool type">
          {(id) => (
            <select id={id} className={`${inputCls} font-mono`} value={String(obj.type)} onChange={(e) => f.set({ type: e.target.value })}>
              {HOSTED_TOOL_CHOICES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {kind === "allowed_tools" ? (
        <div className="flex flex-col gap-1 border-l-2 border-blue-100 pl-2">
          <Field label="mode">
            {(id) => (
              <select
                id={id}
                className={`${inputCls} font-mono`}
                value={String(obj.mode ?? "auto")}
                onChange={(e) => f.set({ ...obj, mode: e.target.value })}
              >
                {ALLOWED_TOOLS_MODES.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="flex flex-col gap-0.5">
            <legend className={labelCls}>allowed tools</legend>
            {tools.length === 0 ? <p className="text-[11px] text-slate-500">Add tools first.</p> : null}
            {tools.map((tool, i) => {
              const d = toolDescriptor(tool);
              const list = (Array.isArray(obj.tools) ? obj.tools : []).filter(isRecord) as Record<string, unknown>[];
              const on = list.some((t) => sameTool(t, d));
              return (
                <label key={i} className="flex items-center gap-1.5 font-mono text-[12px] text-slate-700">
                  <input
                    type="checkbox"
                    className="h-3.5 w-3.5 accent-blue-600"
                    checked={on}
                    onChange={(e) => f.set({ ...obj, tools: e.target.checked ? [...list, d] : list.filter((t) => !sameTool(t, d)) })}
                  />
                  {String(tool.type)}
                  {d.name || d.server_label ? <span className="text-slate-500">{String(d.name ?? d.server_label)}</span> : null}
                </label>
              );
            })}
          </fieldset>
        </div>
      ) : null}
      <IssueList issues={nested.map((i) => ({ ...i, message: `${i.path}: ${i.message}` }))} />
    </div>
  );
}

function NameChooser({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: string[];
  onChange: (v: string) => void;
}) {
  const listId = `choices-${label.replace(/\W/g, "")}`;
  return (
    <Field label={label}>
      {(id) => (
        <>
          <input id={id} className={`${inputCls} font-mono`} list={listId} value={value} onChange={(e) => onChange(e.target.value)} />
          <datalist id={listId}>
            {options.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
