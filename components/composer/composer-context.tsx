"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Body } from "@/lib/request/defaults";
import { formatPath, getPath, setPath, type Path } from "@/lib/request/path";
import { issuesByPath, type RequestIssue } from "@/lib/request/validate";

/**
 * The composer's one state is the request body. Every control reads and writes one path of it through this
 * context; issues from validateRequest are looked up by the same path, so each field shows its own problems.
 */

export interface ComposerApi {
  body: Body;
  /** Writes `value` at `path`; `undefined` deletes the key (a parameter the user cleared is not sent). */
  set: (path: Path, value: unknown) => void;
  /** Replaces the body with a function of the previous one. */
  update: (fn: (body: Body) => Body) => void;
  issues: Map<string, RequestIssue[]>;
  /** Extra request headers for side calls (file uploads): the chosen upstream. */
  upstreamHeaders: Record<string, string>;
}

const Ctx = createContext<ComposerApi | null>(null);

export function ComposerProvider({
  body,
  onChange,
  issues,
  upstreamHeaders = {},
  children,
}: {
  body: Body;
  onChange: (fn: (body: Body) => Body) => void;
  issues: readonly RequestIssue[];
  upstreamHeaders?: Record<string, string>;
  children: ReactNode;
}) {
  const api = useMemo<ComposerApi>(
    () => ({
      body,
      set: (path, value) => onChange((b) => setPath(b, path, value)),
      update: onChange,
      issues: issuesByPath(issues),
      upstreamHeaders,
    }),
    [body, onChange, issues, upstreamHeaders],
  );
  return <Ctx.Provider value={api}>{children}</Ctx.Provider>;
}

export function useComposer(): ComposerApi {
  const api = useContext(Ctx);
  if (!api) throw new Error("composer controls must be inside <ComposerProvider>");
  return api;
}

/** One path of the body: its value, a setter, and the issues found exactly there (or below it, with `nested`). */
export function useField<T = unknown>(path: Path, opts: { nested?: boolean } = {}) {
  const { body, set, issues } = useComposer();
  const key = formatPath(path);
  const here: RequestIssue[] = [...(issues.get(key) ?? [])];
  if (opts.nested) {
    for (const [p, list] of issues) if (p !== key && (p.startsWith(`${key}.`) || p.startsWith(`${key}[`))) here.push(...list);
  }
  return {
    value: getPath(body, path) as T | undefined,
    set: (value: unknown) => set(path, value),
    issues: here,
    key,
  };
}
