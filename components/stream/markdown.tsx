"use client";

import { memo, useMemo, type ComponentProps } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { CodeView } from "@/components/ui/code-view";
import { annotateMarkdown, CITE_PREFIX, FILE_PREFIX, markerIndex, type Citation } from "@/lib/responses/annotations";
import { splitMarkdownBlocks } from "@/lib/markdown/blocks";
import { safeUrl } from "@/lib/markdown/safe-url";
import { highlightLangFor } from "@/lib/highlight/shiki";
import { CitationLink, CitationsContext, FileChip, SourcesList, useCitation } from "./citations";

/**
 * Links: citation and file markers (spliced in by `annotateMarkdown`) become citation links and file chips; other
 * links are live only for http(s)/mailto, and open in a new tab without access to this page.
 */
function Link({ href, children }: ComponentProps<"a">) {
  const cite = useCitation(markerIndex(href, CITE_PREFIX) ?? markerIndex(href, FILE_PREFIX));
  if (cite?.kind === "url" && href?.startsWith(CITE_PREFIX)) return <CitationLink citation={cite}>{children}</CitationLink>;
  if (cite?.kind === "file" && href?.startsWith(FILE_PREFIX)) return <FileChip mark={cite} />;
  const safe = safeUrl(href);
  if (!safe || safe.startsWith("#rp-")) return <span className="text-slate-500">{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}

function Code({ className, children }: ComponentProps<"code">) {
  const match = /language-([\w+-]+)/.exec(className ?? "");
  const text = String(children ?? "");
  // Fenced blocks get a language class or end in a newline; inline code has neither.
  if (!match && !text.includes("\n")) return <code>{children}</code>;
  return <CodeView code={text.replace(/\n$/, "")} lang={highlightLangFor(match?.[1])} className="my-2 bg-slate-100" />;
}

const components: Components = {
  a: Link,
  code: Code,
  pre: ({ children }) => <>{children}</>,
  img: ({ alt }) => <span className="text-slate-500">[image: {alt}]</span>,
};

/** One block, parsed once: memo keeps finished blocks from re-rendering while the last one grows. */
const Block = memo(function Block({ source }: { source: string }) {
  // `.md-block` (globals.css) lets the browser skip style and layout of blocks scrolled out of view.
  return (
    <div className="md-block">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components} skipHtml>
        {source}
      </ReactMarkdown>
    </div>
  );
});

/** Keeps the previous citations array while its content is unchanged, so link consumers do not re-render per delta. */
function useStableCitations(next: Citation[]): readonly Citation[] {
  const key = next.length === 0 ? "" : JSON.stringify(next);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content on purpose
  return useMemo(() => next, [key]);
}

/**
 * Markdown that renders incrementally: raw HTML is never rendered (skipHtml), unsafe links are text. With
 * `annotations` (an `output_text` part's), cited words become citation links with a hover card, file annotations
 * chips at their index, and a numbered Sources list follows.
 */
export const Markdown = memo(function Markdown({
  text,
  annotations,
  showSources = true,
  size = "md",
}: {
  text: string;
  annotations?: readonly unknown[] | null;
  showSources?: boolean;
  /** "sm" for secondary text such as reasoning summaries (inline style: it must beat the unlayered .prose-output). */
  size?: "md" | "sm";
}) {
  const annotated = useMemo(() => annotateMarkdown(text, annotations), [text, annotations]);
  const citations = useStableCitations(annotated.citations);
  const blocks = useMemo(() => splitMarkdownBlocks(annotated.source), [annotated.source]);
  return (
    <CitationsContext.Provider value={citations}>
      <div className="prose-output" style={size === "sm" ? { fontSize: "13.5px", lineHeight: 1.55 } : undefined}>
        {blocks.map((block, i) => (
          <Block key={i} source={block} />
        ))}
      </div>
      {showSources ? <SourcesList citations={citations} /> : null}
    </CitationsContext.Provider>
  );
});
