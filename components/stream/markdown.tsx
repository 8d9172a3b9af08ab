"use client";

import { memo, useMemo, type ComponentProps } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { CodeView } from "@/components/ui/code-view";
import { splitMarkdownBlocks } from "@/lib/markdown/blocks";
import { safeUrl } from "@/lib/markdown/safe-url";
import { highlightLangFor } from "@/lib/highlight/shiki";

/** Links: only http(s)/mailto are live, and they open in a new tab without access to this page. */
function Link({ href, children }: ComponentProps<"a">) {
  const safe = safeUrl(href);
  if (!safe) return <span className="text-slate-500">{children}</span>;
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
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm]} components={components} skipHtml>
      {source}
    </ReactMarkdown>
  );
});

/** Markdown that renders incrementally: raw HTML is never rendered (skipHtml), unsafe links are text. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const blocks = useMemo(() => splitMarkdownBlocks(text), [text]);
  return (
    <div className="prose-output">
      {blocks.map((block, i) => (
        <Block key={i} source={block} />
      ))}
    </div>
  );
});
