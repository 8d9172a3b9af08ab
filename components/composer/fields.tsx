"use client";

import { useId, useState, type ReactNode } from "react";
import { jsonEqual, type Path } from "@/lib/request/path";
import type { RequestIssue } from "@/lib/request/validate";
import { useField } from "./composer-context";

/** Small form controls bound to one path of the request body (see composer-context.tsx). */

export const inputCls =
  "h-7 w-full min-w-0 rounded border border-slate-300 bg-white px-2 text-[13px] text-slate-900 shadow-xs outline-none placeholder:text-slate-400 focus:border-blue-500 focus:ring-2 focus:ring-blue-100 aria-invalid:border-red-400";
/** A compact control that sizes to its content or to the width class given with it (no w-full). */
export const compactCls =
  "h-6 min-w-0 rounded border border-slate-300 bg-white px-1.5 py-0 text-[12px] text-slate-900 shadow-xs outline-none focus:border-blue-500 focus:ring-2 focus:ring-blue-100";
export const areaCls =
  "w-full min-w-0 resize-y rounded border border-slate-300 bg-white px-2 py-1.5 text-[13px] text-slate-900 shadow-xs outline-none placeholder:text-slate-400 focus:border-blue-500 focus:ring-2 focus:ring-blue-100 aria-invalid:border-red-400";
export const labelCls = "text-[11px] font-medium text-slate-600";
export const smallBtn =
  "inline-flex h-6 items-center gap-1 rounded border border-slate-300 bg-white px-2 text-[12px] text-slate-700 hover:bg-slate-50 disabled:opacity-40";
export const iconBtn =
  "inline-flex h-6 w-6 items-center justify-center rounded text-[13px] text-slate-500 hover:bg-slate-100 hover:text-slate-800 disabled:opacity-30";

export function IssueList({ issues, id }: { issues: readonly RequestIssue[]; id?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="mt-0.5 flex flex-col gap-0.5">
      {issues.map((issue, i) => (
        <li key={i} className={`text-[11px] leading-snug ${issue.severity === "error" ? "text-red-700" : "text-amber-700"}`}>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** A label above a control, with the field's issues below it. `label` is the API's own name for the field. */
export function Field({
  label,
  issues = [],
  hint,
  children,
  className = "",
}: {
  label: ReactNode;
  issues?: readonly RequestIssue[];
  hint?: ReactNode;
  children: (id: string, describedBy: string | undefined) => ReactNode;
  className?: string;
}) {
  const id = useId();
  const describedBy = issues.length > 0 ? `${id}-issues` : undefined;
  return (
    <div className={`flex min-w-0 flex-col gap-0.5 ${className}`}>
      <label htmlFor={id} className={labelCls}>
        {label}
        {hint ? <span className="ml-1 font-normal text-slate-400">{hint}</span> : null}
      </label>
      {children(id, describedBy)}
      <IssueList issues={issues} id={describedBy} />
    </div>
  );
}

/** A text kept locally while it does not parse, re-read from the body when the body changes elsewhere. */
export function useDraft<T>(
  value: T | undefined,
  format: (v: T | undefined) => string,
  parse: (text: string) => { ok: true; value: T | undefined } | { ok: false },
) {
  const [text, setText] = useState(() => format(value));
  // The value the text was last made from or committed as; a different one came from elsewhere (adjusted
  // during render, React's "adjusting state when a prop changes").
  const [last, setLast] = useState(value);
  if (!jsonEqual(last, value)) {
    setLast(value);
    const parsed = parse(text);
    if (!parsed.ok || !jsonEqual(parsed.value, value)) setText(format(value));
  }
  return {
    text,
    setText,
    commit: (next: string, set: (v: T | undefined) => void) => {
      setText(next);
      const parsed = parse(next);
      if (parsed.ok) {
        setLast(parsed.value);
        set(parsed.value);
      }
      return parsed.ok;
    },
  };
}

export function TextField({
  path,
  label,
  placeholder,
  hint,
  className,
  keepEmpty = false,
}: {
  path: Path;
  label: ReactNode;
  placeholder?: string;
  hint?: ReactNode;
  className?: string;
  /** Keep "" in the body instead of removing the key. */
  keepEmpty?: boolean;
}) {
  const f = useField<string>(path);
  return (
    <Field label={label} issues={f.issues} hint={hint} className={className}>
      {(id, describedBy) => (
        <input
          id={id}
          className={`${inputCls} font-mono`}
          value={typeof f.value === "string" ? f.value : f.value === undefined ? "" : JSON.stringify(f.value)}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={f.issues.some((i) => i.severity === "error") || undefined}
          aria-describedby={describedBy}
          onChange={(e) => f.set(e.target.value === "" && !keepEmpty ? undefined : e.target.value)}
        />
      )}
    </Field>
  );
}

export function TextAreaField({
  path,
  label,
  placeholder,
  rows = 3,
  hint,
}: {
  path: Path;
  label: ReactNode;
  placeholder?: string;
  rows?: number;
  hint?: ReactNode;
}) {
  const f = useField<string>(path);
  return (
    <Field label={label} issues={f.issues} hint={hint}>
      {(id, describedBy) => (
        <textarea
          id={id}
          rows={rows}
          className={areaCls}
          value={typeof f.value === "string" ? f.value : ""}
          placeholder={placeholder}
          aria-describedby={describedBy}
          onChange={(e) => f.set(e.target.value === "" ? undefined : e.target.value)}
        />
      )}
    </Field>
  );
}

const parseNumber = (integer: boolean) => (text: string) => {
  const t = text.trim();
  if (t === "") return { ok: true as const, value: undefined };
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { ok: false as const };
  const n = Number(t);
  if (!Number.isFinite(n)) return { ok: false as const };
  void integer;
  return { ok: true as const, value: n };
};

/** A number; empty means "not set". Out-of-range values are kept, so validation can say what is wrong. */
export function NumberField({
  path,
  label,
  placeholder,
  hint,
  integer = false,
  min,
  max,
  step,
  className,
}: {
  path: Path;
  label: ReactNode;
  placeholder?: string;
  hint?: ReactNode;
  integer?: boolean;
  min?: number;
  max?: number;
  step?: number;
  className?: string;
}) {
  const f = useField<number>(path);
  const draft = useDraft<number>(
    typeof f.value === "number" ? f.value : undefined,
    (v) => (v === undefined ? "" : String(v)),
    parseNumber(integer),
  );
  const [bad, setBad] = useState(false);
  return (
    <Field
      label={label}
      issues={bad ? [...f.issues, { path: f.key, message: "Type a number.", severity: "error" }] : f.issues}
      hint={hint}
      className={className}
    >
      {(id, describedBy) => (
        <input
          id={id}
          className={`${inputCls} font-mono tabular-nums`}
          inputMode={integer ? "numeric" : "decimal"}
          value={draft.text}
          placeholder={placeholder ?? (min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `≥ ${min}` : "")}
          aria-invalid={bad || f.issues.some((i) => i.severity === "error") || undefined}
          aria-describedby={describedBy}
          data-step={step}
          onChange={(e) => setBad(!draft.commit(e.target.value, f.set))}
        />
      )}
    </Field>
  );
}

/** A choice among the API's values; the first option, "not set", removes the key. */
export function SelectField({
  path,
  label,
  options,
  unset = "not set",
  hint,
  className,
  keepUnset = false,
}: {
  path: Path;
  label: ReactNode;
  options: readonly string[];
  unset?: string;
  hint?: ReactNode;
  className?: string;
  keepUnset?: boolean;
}) {
  const f = useField<string>(path);
  const current = typeof f.value === "string" ? f.value : "";
  const known = current === "" || options.includes(current);
  return (
    <Field label={label} issues={f.issues} hint={hint} className={className}>
      {(id, describedBy) => (
        <select
          id={id}
          className={`${inputCls} font-mono`}
          value={current}
          aria-describedby={describedBy}
          aria-invalid={f.issues.some((i) => i.severity === "error") || undefined}
          onChange={(e) => f.set(e.target.value === "" ? undefined : e.target.value)}
        >
          {keepUnset && current !== "" ? null : <option value="">{unset}</option>}
          {known ? null : <option value={current}>{current}</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** true / false / not set (the API's default applies, and nothing is sent). */
export function BoolField({
  path,
  label,
  defaultNote,
  className,
}: {
  path: Path;
  label: ReactNode;
  defaultNote: string;
  className?: string;
}) {
  const f = useField<boolean>(path);
  const current = f.value === true ? "true" : f.value === false ? "false" : "";
  return (
    <Field label={label} issues={f.issues} className={className}>
      {(id, describedBy) => (
        <select
          id={id}
          className={`${inputCls} font-mono`}
          value={current}
          aria-describedby={describedBy}
          onChange={(e) => f.set(e.target.value === "" ? undefined : e.target.value === "true")}
        >
          <option value="">{`not set (${defaultNote})`}</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      )}
    </Field>
  );
}

/** A list of strings typed one per line or separated by commas. Empty removes the key (unless `keepEmpty`). */
export function ListField({
  path,
  label,
  placeholder,
  hint,
  keepEmpty = false,
}: {
  path: Path;
  label: ReactNode;
  placeholder?: string;
  hint?: ReactNode;
  keepEmpty?: boolean;
}) {
  const f = useField<string[]>(path, { nested: true });
  const value = Array.isArray(f.value) ? f.value : undefined;
  const draft = useDraft<string[]>(
    value,
    (v) => (v ?? []).join(", "),
    (text) => {
      const items = text
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter((s) => s !== "");
      return { ok: true, value: items.length === 0 && !keepEmpty ? undefined : items };
    },
  );
  return (
    <Field label={label} issues={f.issues} hint={hint ?? "comma-separated"}>
      {(id, describedBy) => (
        <input
          id={id}
          className={`${inputCls} font-mono`}
          value={draft.text}
          placeholder={placeholder}
          spellCheck={false}
          aria-describedby={describedBy}
          onChange={(e) => draft.commit(e.target.value, f.set)}
        />
      )}
    </Field>
  );
}

/** A JSON value edited as text: valid JSON is written at once; invalid text stays with an inline error. */
export function JsonField({
  path,
  label,
  rows = 6,
  hint,
  extraIssues = [],
  allowUndefined = true,
}: {
  path: Path;
  label: ReactNode;
  rows?: number;
  hint?: ReactNode;
  extraIssues?: readonly RequestIssue[];
  allowUndefined?: boolean;
}) {
  const f = useField<unknown>(path, { nested: true });
  const draft = useDraft<unknown>(
    f.value,
    (v) => (v === undefined ? "" : JSON.stringify(v, null, 2)),
    (text) => {
      if (text.trim() === "" && allowUndefined) return { ok: true, value: undefined };
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return { ok: false };
      }
    },
  );
  const [bad, setBad] = useState(false);
  const relative = f.issues.map((i) => ({
    ...i,
    message: i.path === f.key ? i.message : `${i.path.slice(f.key.length).replace(/^\./, "")}: ${i.message}`,
  }));
  const issues = bad
    ? [{ path: f.key, message: "Not valid JSON yet: the last valid value is kept.", severity: "error" as const }, ...relative]
    : [...relative, ...extraIssues];
  return (
    <Field label={label} issues={issues} hint={hint}>
      {(id, describedBy) => (
        <textarea
          id={id}
          rows={rows}
          className={`${areaCls} font-mono text-[12px] leading-snug`}
          value={draft.text}
          spellCheck={false}
          aria-invalid={bad || undefined}
          aria-describedby={describedBy}
          onChange={(e) => setBad(!draft.commit(e.target.value, f.set))}
        />
      )}
    </Field>
  );
}

/** String → string pairs (metadata, MCP headers), with limits shown as the user types. */
export function KeyValueField({
  path,
  label,
  maxPairs,
  keyPlaceholder = "key",
  valuePlaceholder = "value",
}: {
  path: Path;
  label: string;
  maxPairs?: number;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
}) {
  const f = useField<Record<string, unknown>>(path, { nested: true });
  const entries = f.value && typeof f.value === "object" ? Object.entries(f.value) : [];
  const rename = (from: string, to: string) => {
    if (to === from || entries.some(([k]) => k === to)) return false;
    f.set(Object.fromEntries(entries.map(([k, v]) => (k === from ? [to, v] : [k, v]))));
    return true;
  };
  const add = () => {
    let n = entries.length + 1;
    while (entries.some(([k]) => k === `key${n}`)) n += 1;
    f.set(Object.fromEntries([...entries, [`key${n}`, ""]]));
  };
  return (
    <fieldset className="flex min-w-0 flex-col gap-1">
      <legend className={`${labelCls} mb-0.5`}>
        {label}
        {maxPairs ? <span className="ml-1 font-normal text-slate-400">{`${entries.length}/${maxPairs} pairs`}</span> : null}
      </legend>
      {entries.map(([k, v], i) => (
        <div key={i} className="flex items-center gap-1">
          <KeyInput value={k} label={`${label} key ${i + 1}`} placeholder={keyPlaceholder} onRename={(to) => rename(k, to)} />
          <input
            aria-label={`${label} value ${i + 1}`}
            className={`${inputCls} font-mono`}
            value={typeof v === "string" ? v : JSON.stringify(v)}
            placeholder={valuePlaceholder}
            onChange={(e) => f.set({ ...Object.fromEntries(entries), [k]: e.target.value })}
          />
          <button
            type="button"
            className={iconBtn}
            aria-label={`Remove ${label} ${k}`}
            onClick={() => f.set(Object.fromEntries(entries.filter(([key]) => key !== k)))}
          >
            ✕
          </button>
        </div>
      ))}
      <div>
        <button type="button" className={smallBtn} onClick={add}>
          + pair
        </button>
      </div>
      <IssueList
        issues={f.issues.map((i) => ({ ...i, message: i.path === f.key ? i.message : `${i.path.slice(f.key.length + 1)}: ${i.message}` }))}
      />
    </fieldset>
  );
}

function KeyInput({
  value,
  label,
  placeholder,
  onRename,
}: {
  value: string;
  label: string;
  placeholder: string;
  onRename: (to: string) => boolean;
}) {
  const [text, setText] = useState(value);
  const [clash, setClash] = useState(false);
  // A rename from elsewhere replaces what is typed (adjusted during render, not in an effect).
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  return (
    <input
      aria-label={label}
      className={`${inputCls} font-mono ${clash ? "border-red-400" : ""}`}
      value={text}
      placeholder={placeholder}
      title={clash ? "This key is already used" : undefined}
      onChange={(e) => {
        setText(e.target.value);
        setClash(!onRename(e.target.value) && e.target.value !== value);
      }}
    />
  );
}

/** A collapsible section of the composer. */
export function Section({
  title,
  children,
  defaultOpen = false,
  badge,
  actions,
}: {
  title: string;
  children: ReactNode;
  defaultOpen?: boolean;
  badge?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <details open={defaultOpen} className="group border-t border-slate-200 first:border-t-0">
      <summary className="flex cursor-pointer list-none items-center gap-2 py-2 select-none [&::-webkit-details-marker]:hidden">
        <span className="text-[10px] text-slate-400 transition-transform group-open:rotate-90" aria-hidden>
          ▶
        </span>
        <span className="text-[12px] font-semibold tracking-wide text-slate-700 uppercase">{title}</span>
        {badge}
        <span className="ml-auto flex items-center gap-1">{actions}</span>
      </summary>
      <div className="flex flex-col gap-2.5 pb-3">{children}</div>
    </details>
  );
}

export function CountBadge({ n, tone = "slate" }: { n: number; tone?: "slate" | "red" | "amber" }) {
  if (n === 0) return null;
  const cls = tone === "red" ? "bg-red-100 text-red-700" : tone === "amber" ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-600";
  return <span className={`rounded-full px-1.5 text-[10px] font-medium ${cls}`}>{n}</span>;
}
