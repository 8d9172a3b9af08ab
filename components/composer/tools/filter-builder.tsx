"use client";

import { COMPARISON_OPERATORS, COMPOUND_OPERATORS } from "@/lib/request/limits";
import { type Path } from "@/lib/request/path";
import { useField } from "../composer-context";
import { IssueList, compactCls, iconBtn, smallBtn } from "../fields";
import { isRecord } from "@/lib/is-record";

/**
 * file_search `filters`: a comparison (`eq ne gt gte lt lte in nin`, a key, a typed value) or a compound
 * (`and`/`or` over nested filters, to any depth).
 */

type Filter = Record<string, unknown>;
type ValueKind = "string" | "number" | "boolean" | "array";

const newComparison = (): Filter => ({ type: "eq", key: "", value: "" });

export function FilterBuilder({ path }: { path: Path }) {
  const f = useField<Filter>(path);
  if (!isRecord(f.value)) {
    return (
      <div className="flex items-center gap-1.5">
        <span className="text-[11px] font-medium text-slate-600">filters</span>
        <button type="button" className={smallBtn} onClick={() => f.set(newComparison())}>
          + Comparison
        </button>
        <button type="button" className={smallBtn} onClick={() => f.set({ type: "and", filters: [newComparison()] })}>
          + Group (and/or)
        </button>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <span className="text-[11px] font-medium text-slate-600">filters</span>
      <FilterNode path={path} onRemove={() => f.set(undefined)} depth={0} />
    </div>
  );
}

function FilterNode({ path, onRemove, depth }: { path: Path; onRemove: () => void; depth: number }) {
  const f = useField<Filter>(path);
  const node = isRecord(f.value) ? f.value : {};
  const type = String(node.type ?? "eq");
  const compound = (COMPOUND_OPERATORS as readonly string[]).includes(type);
  const label = `Filter ${
    path
      .slice(path.lastIndexOf("filters"))
      .join(" ")
      .replace(/filters/g, "")
      .trim() || "root"
  }`;

  const setType = (next: string) => {
    const toCompound = (COMPOUND_OPERATORS as readonly string[]).includes(next);
    if (toCompound === compound) f.set({ ...node, type: next });
    else f.set(toCompound ? { type: next, filters: [{ ...node, type: compound ? "eq" : type }] } : { type: next, key: "", value: "" });
  };

  return (
    <div
      role="group"
      aria-label={label}
      className={`flex flex-col gap-1 rounded border border-slate-200 p-1.5 ${depth % 2 ? "bg-white" : "bg-slate-50/60"}`}
    >
      <div className="flex items-center gap-1">
        <select
          aria-label={`${label} operator`}
          className={`${compactCls} w-20 font-mono text-[12px]`}
          value={type}
          onChange={(e) => setType(e.target.value)}
        >
          <optgroup label="compare">
            {COMPARISON_OPERATORS.map((op) => (
              <option key={op}>{op}</option>
            ))}
          </optgroup>
          <optgroup label="combine">
            {COMPOUND_OPERATORS.map((op) => (
              <option key={op}>{op}</option>
            ))}
          </optgroup>
        </select>
        {compound ? null : <Comparison path={path} node={node} label={label} />}
        <button type="button" className={`${iconBtn} ml-auto`} aria-label={`Remove ${label}`} onClick={onRemove}>
          ✕
        </button>
      </div>
      {compound ? (
        <div className="ml-3 flex flex-col gap-1">
          {(Array.isArray(node.filters) ? node.filters : []).map((_, i) => (
            <FilterNode
              key={i}
              path={[...path, "filters", i]}
              depth={depth + 1}
              onRemove={() => f.set({ ...node, filters: (node.filters as unknown[]).filter((__, k) => k !== i) })}
            />
          ))}
          <div className="flex gap-1">
            <button
              type="button"
              className={smallBtn}
              onClick={() => f.set({ ...node, filters: [...((node.filters as unknown[]) ?? []), newComparison()] })}
            >
              + Comparison
            </button>
            <button
              type="button"
              className={smallBtn}
              onClick={() =>
                f.set({ ...node, filters: [...((node.filters as unknown[]) ?? []), { type: "or", filters: [newComparison()] }] })
              }
            >
              + Group
            </button>
          </div>
        </div>
      ) : null}
      <IssueList issues={f.issues} />
    </div>
  );
}

function kindOf(value: unknown): ValueKind {
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  return "string";
}

/** Turns the typed text into the value of the chosen kind (arrays: comma-separated, numbers where they parse). */
export function convertValue(text: string, kind: ValueKind): unknown {
  if (kind === "number") return text.trim() === "" || Number.isNaN(Number(text)) ? text : Number(text);
  if (kind === "boolean") return text === "true";
  if (kind === "array")
    return text
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "")
      .map((s) => (s !== "" && !Number.isNaN(Number(s)) ? Number(s) : s));
  return text;
}

function Comparison({ path, node, label }: { path: Path; node: Filter; label: string }) {
  const key = useField<string>([...path, "key"]);
  const value = useField<unknown>([...path, "value"]);
  const kind = kindOf(node.value);
  const text = Array.isArray(node.value) ? node.value.join(", ") : String(node.value ?? "");
  return (
    <>
      <input
        aria-label={`${label} key`}
        className={`${compactCls} w-20 font-mono text-[12px]`}
        placeholder="key"
        value={String(key.value ?? "")}
        onChange={(e) => key.set(e.target.value)}
      />
      <select
        aria-label={`${label} value type`}
        className={`${compactCls} w-[5.25rem] text-[12px]`}
        value={kind}
        onChange={(e) => value.set(convertValue(text, e.target.value as ValueKind))}
      >
        <option value="string">string</option>
        <option value="number">number</option>
        <option value="boolean">boolean</option>
        <option value="array">list</option>
      </select>
      {kind === "boolean" ? (
        <select
          aria-label={`${label} value`}
          className={`${compactCls} w-20 font-mono text-[12px]`}
          value={String(node.value)}
          onChange={(e) => value.set(e.target.value === "true")}
        >
          <option>true</option>
          <option>false</option>
        </select>
      ) : (
        <input
          aria-label={`${label} value`}
          className={`${compactCls} min-w-24 flex-1 font-mono text-[12px]`}
          placeholder={kind === "array" ? "a, b, 3" : "value"}
          value={text}
          onChange={(e) => value.set(convertValue(e.target.value, kind))}
        />
      )}
    </>
  );
}
