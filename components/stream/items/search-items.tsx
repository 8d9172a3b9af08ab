"use client";

import type { ResponseFileSearchToolCall, ResponseFunctionWebSearch } from "openai/resources/responses/responses";
import { displayUrl } from "@/lib/responses/annotations";
import { citationHref } from "../citations";
import { Icon } from "../icons";
import { Steps } from "./shared";

const WEB_STEPS = ["in_progress", "searching", "completed"] as const;

/** A web search: its status steps, what it searched (queries, opened page, find in page) and the sources found. */
export function WebSearchBody({ item, include }: { item: ResponseFunctionWebSearch; include: readonly string[] }) {
  const action = item.action as (ResponseFunctionWebSearch["action"] & Record<string, unknown>) | undefined;
  const queries: string[] = [];
  let sources: string[] = [];
  if (action?.type === "search") {
    if (Array.isArray(action.queries)) queries.push(...action.queries.filter((q): q is string => typeof q === "string"));
    if (typeof action.query === "string" && !queries.includes(action.query)) queries.unshift(action.query);
    sources = Array.isArray(action.sources) ? action.sources.map((s) => s?.url).filter((u): u is string => typeof u === "string") : [];
  }
  return (
    <div className="flex flex-col gap-2 text-sm">
      <Steps steps={WEB_STEPS} status={item.status} />
      {queries.length > 0 ? (
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="text-[11px] uppercase tracking-wide text-slate-500">Searched</span>
          {queries.map((q) => (
            <span
              key={q}
              className="inline-flex items-center gap-1.5 rounded-md border border-emerald-200 bg-white px-2 py-0.5 text-[13px]"
            >
              <Icon name="search" className="h-3 w-3 text-emerald-700" />
              {q}
            </span>
          ))}
        </div>
      ) : null}
      {action?.type === "open_page" ? (
        <p className="text-xs">Opened {typeof action.url === "string" ? displayUrl(action.url) : "a page"}</p>
      ) : null}
      {action?.type === "find_in_page" ? (
        <p className="text-xs">
          Looked for «{String(action.pattern ?? "")}» in {typeof action.url === "string" ? displayUrl(action.url) : "a page"}
        </p>
      ) : null}
      {sources.length > 0 ? (
        <ul className="flex flex-col gap-0.5 text-xs" aria-label="Web search sources">
          {sources.map((url) => {
            const href = citationHref(url);
            return (
              <li key={url} className="truncate">
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-blue-700 hover:underline">
                    {displayUrl(url)}
                  </a>
                ) : (
                  displayUrl(url)
                )}
              </li>
            );
          })}
        </ul>
      ) : item.status === "completed" && action?.type === "search" && !include.includes("web_search_call.action.sources") ? (
        <p className="text-[11px] text-slate-500">
          The sources it read are listed only with <code className="font-mono">include: [&quot;web_search_call.action.sources&quot;]</code>;
          the answer cites what it used.
        </p>
      ) : null}
    </div>
  );
}

const FILE_STEPS = ["in_progress", "searching", "completed"] as const;

/** A file search: status steps, queries, and the results with their scores when `include` asked for them. */
export function FileSearchBody({ item }: { item: ResponseFileSearchToolCall }) {
  const queries = Array.isArray(item.queries) ? item.queries : [];
  const results = Array.isArray(item.results) ? item.results : null;
  return (
    <div className="flex flex-col gap-2 text-sm">
      <Steps steps={FILE_STEPS} status={item.status} />
      {queries.length > 0 ? (
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="text-[11px] uppercase tracking-wide text-slate-500">Queries</span>
          {queries.map((q, i) => (
            <span key={i} className="inline-flex items-center gap-1.5 rounded-md border border-teal-200 bg-white px-2 py-0.5 text-[13px]">
              <Icon name="search" className="h-3 w-3 text-teal-700" />
              {q}
            </span>
          ))}
        </div>
      ) : null}
      {results ? (
        results.length === 0 ? (
          <p className="text-xs text-slate-500">No passage matched.</p>
        ) : (
          <ol className="flex flex-col gap-1.5" aria-label="File search results">
            {results.map((r, i) => {
              const score = typeof r.score === "number" ? r.score : null;
              return (
                <li key={i} className="rounded-md border border-slate-200 bg-white px-2 py-1.5">
                  <div className="flex items-center gap-2 text-xs">
                    <span className="inline-flex items-center gap-1 font-medium">
                      <Icon name="file" className="h-3 w-3 text-slate-500" />
                      {r.filename ?? r.file_id}
                    </span>
                    {score !== null ? (
                      <span className="ml-auto flex items-center gap-1.5" title="relevance score (0–1)">
                        <span className="h-1.5 w-16 overflow-hidden rounded-full bg-slate-100">
                          <span
                            className="block h-full bg-teal-500"
                            style={{ width: `${Math.round(Math.min(1, Math.max(0, score)) * 100)}%` }}
                          />
                        </span>
                        <span className="font-mono tabular-nums text-slate-600">{score.toFixed(3)}</span>
                      </span>
                    ) : null}
                  </div>
                  {r.text ? <p className="mt-1 line-clamp-3 text-xs text-slate-600">{r.text}</p> : null}
                  {r.attributes && Object.keys(r.attributes).length > 0 ? (
                    <p className="mt-1 font-mono text-[10px] text-slate-400">{JSON.stringify(r.attributes)}</p>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )
      ) : item.status === "completed" ? (
        <p className="text-[11px] text-slate-500">
          Results are sent only with <code className="font-mono">include: [&quot;file_search_call.results&quot;]</code>.
        </p>
      ) : null}
    </div>
  );
}
