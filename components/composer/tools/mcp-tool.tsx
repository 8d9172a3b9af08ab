"use client";

import { MCP_CONNECTORS } from "@/lib/request/limits";
import { type Path } from "@/lib/request/path";
import { useField } from "../composer-context";
import { Field, JsonField, KeyValueField, ListField, SelectField, TextField, inputCls } from "../fields";
import { isRecord } from "@/lib/is-record";

/** `mcp`: server label and URL (or a connector), allowed tools, approval policy, headers. */
export function McpToolForm({ path }: { path: Path }) {
  const p = (...k: string[]) => [...path, ...k];
  const approval = useField<unknown>(p("require_approval"));
  const policy = approval.value === undefined ? "" : typeof approval.value === "string" ? approval.value : "per-tool";
  return (
    <>
      <div className="grid grid-cols-2 gap-2">
        <TextField path={p("server_label")} label="server_label" placeholder="docs" keepEmpty />
        <SelectField path={p("connector_id")} label="connector_id" options={MCP_CONNECTORS} unset="none" />
      </div>
      <TextField path={p("server_url")} label="server_url" placeholder="https://mcp.example.com/sse" />
      <TextField path={p("server_description")} label="server_description" placeholder="optional" />
      <ListField path={p("allowed_tools")} label="allowed_tools" placeholder="all tools when empty" />
      <Field label="require_approval" issues={approval.issues}>
        {(id) => (
          <select
            id={id}
            className={`${inputCls} font-mono`}
            value={policy}
            onChange={(e) => {
              const v = e.target.value;
              approval.set(v === "" ? undefined : v === "per-tool" ? { never: { tool_names: [] } } : v);
            }}
          >
            <option value="">not set (always)</option>
            <option value="always">always</option>
            <option value="never">never</option>
            <option value="per-tool">per tool…</option>
          </select>
        )}
      </Field>
      {isRecord(approval.value) ? (
        <div className="grid grid-cols-2 gap-2">
          <ListField path={p("require_approval", "never", "tool_names")} label="never ask for" />
          <ListField path={p("require_approval", "always", "tool_names")} label="always ask for" />
        </div>
      ) : null}
      <TextField path={p("authorization")} label="authorization" placeholder="OAuth token (optional)" />
      <KeyValueField path={p("headers")} label="headers" keyPlaceholder="Header-Name" />
      <JsonHint path={p("allowed_tools")} />
    </>
  );
}

function JsonHint({ path }: { path: Path }) {
  const f = useField<unknown>(path);
  if (!isRecord(f.value)) return null;
  return <JsonField path={path} label="allowed_tools (filter)" rows={3} />;
}
