"use client";

import { createContext, memo, useContext, useEffect, useId, useReducer, useState, type ReactNode } from "react";
import { displayUrl, type Citation, type FileMark, type UrlCitation } from "@/lib/responses/annotations";
import { safeUrl } from "@/lib/markdown/safe-url";
import { Icon } from "./icons";

/**
 * The citations of the text part being rendered (markers in its markdown point into this list). A stable holder, not
 * the list itself: a context value that changed with every new citation would re-render every citation link of the
 * answer each time one is added (quadratic over a long answer). A link reads its citation when its block renders
 * (a new or moved marker changes the block's source, so it does), and is told only when its own citation changes.
 */
export class CitationStore {
  current: readonly Citation[] = [];
  private readonly listeners = new Map<number, Set<() => void>>();
  private published: readonly Citation[] = [];

  subscribe(n: number, listener: () => void): () => void {
    let set = this.listeners.get(n);
    if (!set) this.listeners.set(n, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** After a commit: wakes the links whose citation object was replaced. */
  publish(next: readonly Citation[]): void {
    const prev = this.published;
    this.published = next;
    for (const [n, set] of this.listeners) if (prev[n] !== next[n]) for (const listener of [...set]) listener();
  }
}

export const CitationsContext = createContext<CitationStore | null>(null);

export function useCitation(n: number | null): Citation | undefined {
  const store = useContext(CitationsContext);
  const [, refresh] = useReducer((x: number) => x + 1, 0);
  useEffect(() => (n === null || !store ? undefined : store.subscribe(n, refresh)), [store, n]);
  return n === null ? undefined : store?.current[n];
}

/** Citation targets must be absolute web or mail links; anything else (javascript:, relative) stays text. */
export function citationHref(url: string): string | null {
  if (!/^(https?:|mailto:)/i.test(url.trim())) return null;
  return safeUrl(url);
}

/**
 * A cited span: a link over the cited words, a small number after it, and a hover card (also on keyboard focus)
 * with the source's title and URL.
 */
export function CitationLink({ citation, children }: { citation: UrlCitation; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const cardId = useId();
  const href = citationHref(citation.url);
  const show = () => setOpen(true);
  const hide = () => setOpen(false);
  return (
    <span className="relative" onMouseEnter={show} onMouseLeave={hide} onFocus={show} onBlur={hide}>
      {href ? (
        <a
          href={href}
          target="_blank"
          rel="noopener noreferrer nofollow"
          data-citation={citation.n}
          aria-describedby={open ? cardId : undefined}
          className="rounded-sm bg-blue-50/70 no-underline! shadow-[inset_0_-1px_0_var(--color-blue-300)] hover:bg-blue-100"
        >
          {children}
        </a>
      ) : (
        <span data-citation={citation.n} tabIndex={0} className="rounded-sm bg-slate-100 shadow-[inset_0_-1px_0_var(--color-slate-300)]">
          {children}
        </span>
      )}
      <sup aria-hidden className="ml-0.5 select-none text-[10px] font-semibold text-blue-700">
        {citation.n + 1}
      </sup>
      {open ? (
        <span
          role="tooltip"
          id={cardId}
          className="absolute left-0 top-full z-30 mt-1 block w-80 max-w-[80vw] rounded-lg border border-slate-200 bg-white p-3 text-left text-xs font-normal not-italic leading-snug text-slate-700 shadow-xl"
        >
          <span className="mb-1 flex items-center gap-1.5 text-[10px] font-semibold uppercase tracking-wide text-blue-700">
            <Icon name="link" className="h-3 w-3" /> Source {citation.n + 1}
          </span>
          <span className="block text-sm font-semibold text-slate-900">{citation.title || "(no title)"}</span>
          <span className="mt-0.5 block break-all font-mono text-[11px] text-slate-500">
            {citation.url ? displayUrl(citation.url) : "(no URL)"}
          </span>
          {!href && citation.url ? <span className="mt-1 block text-amber-700">Not a web link, so it is not clickable.</span> : null}
        </span>
      ) : null}
    </span>
  );
}

/** A file annotation (file_citation, file_path, container_file_citation) as a chip at its index. */
export function FileChip({ mark }: { mark: FileMark }) {
  const count = mark.annotationIndexes.length;
  const icon = mark.type === "file_path" ? "clip" : mark.type === "container_file_citation" ? "box" : "file";
  const kind = mark.type.replaceAll("_", " ");
  return (
    <span
      data-testid="file-chip"
      title={`${kind}: ${mark.filename} (${mark.fileId}${mark.containerId ? `, container ${mark.containerId}` : ""})`}
      className="mx-0.5 inline-flex translate-y-[-1px] items-center gap-1 rounded-full border border-slate-300 bg-white px-1.5 py-px align-middle font-sans text-[11px] font-medium text-slate-700 shadow-sm"
    >
      <Icon name={icon} className="h-3 w-3 text-slate-500" />
      <span>{mark.filename}</span>
      {count > 1 ? <span className="text-slate-400">×{count}</span> : null}
    </span>
  );
}

/**
 * Every citation of a part: url citations numbered as in the text (including those whose offsets could not be
 * placed), then each cited file once, with how often it is cited.
 */
export const SourcesList = memo(function SourcesList({ citations }: { citations: readonly Citation[] }) {
  if (citations.length === 0) return null;
  const urls = citations.filter((c): c is UrlCitation => c.kind === "url");
  const files = new Map<string, { mark: FileMark; count: number }>();
  for (const c of citations) {
    if (c.kind !== "file") continue;
    const key = `${c.type}:${c.fileId}:${c.filename}`;
    const seen = files.get(key);
    if (seen) seen.count += c.annotationIndexes.length;
    else files.set(key, { mark: c, count: c.annotationIndexes.length });
  }
  return (
    <div className="mt-3 border-t border-slate-100 pt-2" aria-label="Sources" role="group">
      <div className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">Sources</div>
      <ol className="flex flex-col gap-1 text-xs">
        {urls.map((c) => (
          <li key={c.n} className="flex items-start gap-2">
            <span className="mt-px w-4 shrink-0 text-right font-mono text-slate-400">{c.n + 1}</span>
            <UrlSource citation={c} />
          </li>
        ))}
        {[...files.values()].map(({ mark, count }) => (
          <li key={mark.n} className="flex items-start gap-2">
            <span className="mt-px w-4 shrink-0 text-right text-slate-400">
              <Icon
                name={mark.type === "file_path" ? "clip" : mark.type === "container_file_citation" ? "box" : "file"}
                className="h-3 w-3"
              />
            </span>
            <FileSource mark={mark} count={count} />
          </li>
        ))}
      </ol>
    </div>
  );
});

const UrlSource = memo(function UrlSource({ citation }: { citation: UrlCitation }) {
  const href = citationHref(citation.url);
  return (
    <span className="min-w-0">
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="font-medium text-blue-700 hover:underline">
          {citation.title || displayUrl(citation.url)}
        </a>
      ) : (
        <span className="font-medium">{citation.title || citation.url || "(no URL)"}</span>
      )}
      <span className="ml-1.5 font-mono text-[11px] text-slate-400">{displayUrl(citation.url)}</span>
      {!citation.linked ? (
        <span className="ml-1.5 text-amber-700" title={`characters ${citation.start}–${citation.end} of the text`}>
          {citation.start === citation.end ? "(its offsets are outside the text)" : "(overlaps another citation)"}
        </span>
      ) : null}
    </span>
  );
});

function FileSource({ mark, count }: { mark: FileMark; count: number }) {
  return (
    <span className="min-w-0">
      <span className="font-medium">{mark.filename}</span>
      <span className="ml-1.5 font-mono text-[11px] text-slate-400">
        {mark.type} · {mark.fileId}
        {count > 1 ? ` · cited ${count}×` : ""}
      </span>
    </span>
  );
}
