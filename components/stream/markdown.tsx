"use client";

import {
  createElement,
  Fragment,
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ComponentProps,
  type ReactNode,
} from "react";
import { Lexer, type Token, type Tokens } from "marked";
import { CodeView } from "@/components/ui/code-view";
import { annotateMarkdown, CITE_PREFIX, FILE_PREFIX, markerIndex, type Citation } from "@/lib/responses/annotations";
import { splitGrowingMarkdown, type SplitBlocks } from "@/lib/markdown/blocks";
import { decodeEntities } from "@/lib/markdown/entities";
import { safeUrl } from "@/lib/markdown/safe-url";
import { highlightLangFor } from "@/lib/highlight/shiki";
import { CitationLink, CitationsContext, CitationStore, FileChip, SourcesList, useCitation } from "./citations";

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

/*
 * Markdown → React, straight from the tokens of marked's lexer (GFM: tables, strikethrough, task lists, autolinks).
 * About fifteen times faster than micromark + mdast + hast on the same blocks, which is what a 40,000-word stream
 * needs. Only elements are built, never HTML strings: raw HTML in the source is dropped (its text stays), images
 * show as their alt text, and every link goes through `safeUrl`.
 */

function inline(tokens: readonly Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map(inlineToken);
}

function inlineToken(token: Token, key: number): ReactNode {
  switch (token.type) {
    case "text":
      return "tokens" in token && token.tokens?.length ? <Fragment key={key}>{inline(token.tokens)}</Fragment> : decodeEntities(token.text);
    case "escape":
      return token.text;
    case "strong":
      return <strong key={key}>{inline(token.tokens)}</strong>;
    case "em":
      return <em key={key}>{inline(token.tokens)}</em>;
    case "del":
      return <del key={key}>{inline(token.tokens)}</del>;
    case "codespan":
      return <code key={key}>{token.text}</code>;
    case "br":
      return <br key={key} />;
    case "link":
      return (
        <Link key={key} href={decodeEntities((token as Tokens.Link).href)}>
          {inline(token.tokens)}
        </Link>
      );
    case "image":
      return (
        <span key={key} className="text-slate-500">
          [image: {decodeEntities((token as Tokens.Image).text)}]
        </span>
      );
    case "checkbox":
      return (
        <input key={key} type="checkbox" checked={(token as Tokens.Checkbox).checked} disabled readOnly className="mr-1.5 align-middle" />
      );
    case "html":
      return null; // raw HTML is never rendered (the text between tags is separate text tokens and stays)
    default:
      return "text" in token && typeof token.text === "string" ? decodeEntities(token.text) : null;
  }
}

function blocks(tokens: readonly Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map(blockToken);
}

function blockToken(token: Token, key: number): ReactNode {
  switch (token.type) {
    case "space":
    case "def":
    case "html":
      return null;
    case "paragraph":
      return <p key={key}>{inline(token.tokens)}</p>;
    case "heading":
      return createElement(`h${Math.min(6, Math.max(1, (token as Tokens.Heading).depth))}`, { key }, inline(token.tokens));
    case "code": {
      const code = token as Tokens.Code;
      return (
        <CodeView
          key={key}
          code={code.text}
          lang={highlightLangFor(code.lang?.split(/\s/)[0] || undefined)}
          className="my-2 bg-slate-100"
        />
      );
    }
    case "blockquote":
      return <blockquote key={key}>{blocks(token.tokens)}</blockquote>;
    case "hr":
      return <hr key={key} />;
    case "list": {
      const list = token as Tokens.List;
      const items = list.items.map((item, i) => <li key={i}>{item.loose ? blocks(item.tokens) : listItemTight(item.tokens)}</li>);
      if (!list.ordered) return <ul key={key}>{items}</ul>;
      const start = typeof list.start === "number" ? list.start : 1;
      return (
        <ol key={key} start={start !== 1 ? start : undefined}>
          {items}
        </ol>
      );
    }
    case "table": {
      const table = token as Tokens.Table;
      const align = (a: Tokens.TableCell["align"]) => (a ? { textAlign: a } : undefined);
      return (
        <table key={key}>
          <thead>
            <tr>
              {table.header.map((cell, i) => (
                <th key={i} style={align(cell.align)}>
                  {inline(cell.tokens)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i} style={align(cell.align)}>
                    {inline(cell.tokens)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case "text":
    case "checkbox":
      return inlineToken(token, key);
    default:
      return "tokens" in token && token.tokens ? <Fragment key={key}>{blocks(token.tokens)}</Fragment> : inlineToken(token, key);
  }
}

/** A tight list item holds bare text (no paragraph): its inline content, with nested lists as blocks. */
function listItemTight(tokens: readonly Token[]): ReactNode[] {
  return tokens.map((t, i) => (t.type === "text" || t.type === "checkbox" ? inlineToken(t, i) : blockToken(t, i)));
}

/** One block, parsed once: memo keeps finished blocks from re-rendering while the last one grows. */
const Block = memo(function Block({ tokens }: { tokens: Token[] }) {
  // `.md-block` (globals.css) lets the browser skip style and layout of blocks scrolled out of view.
  return <div className="md-block">{blocks(tokens)}</div>;
});

/**
 * Parsing time one render may spend on blocks it has not shown yet. When a lot of text lands at once (a fast
 * stream, a whole non-streamed answer, a replay jumping to the end) the new blocks are parsed and shown over the
 * next frames instead of in one long task; blocks already on screen are always kept up to date.
 */
const NEW_BLOCKS_BUDGET_MS = 8;

interface ParsedBlock {
  source: string;
  tokens: Token[];
}

/* eslint-disable react-hooks/refs, react-hooks/purity -- deliberate, measured (npm run bench, view case): the
   incremental parse and split keep their caches in refs read and written during render, and the parse budget reads
   the clock, so a frame costs what arrived, not the answer's length. Each render derives the same output from the
   same input; only the work done to get there is cached. */
function useParsedBlocks(sources: readonly string[]): ParsedBlock[] {
  const cache = useRef<ParsedBlock[]>([]);
  const shown = useRef(0);
  const [, nextFrame] = useReducer((x: number) => x + 1, 0);
  // The server renders everything (a permalink's HTML is complete); only the browser spreads work over frames.
  const budgeted = typeof window !== "undefined";
  const started = performance.now();
  const ready: ParsedBlock[] = [];
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    let parsed = cache.current[i];
    if (parsed?.source !== source) {
      // Past the budget, new blocks wait for the next frame (one new block per render always goes, so it moves on).
      if (budgeted && i > shown.current && performance.now() - started > NEW_BLOCKS_BUDGET_MS) break;
      parsed = { source, tokens: Lexer.lex(source, { gfm: true }) };
      cache.current[i] = parsed;
    }
    ready.push(parsed);
  }
  cache.current.length = Math.min(cache.current.length, sources.length);
  shown.current = ready.length;
  const behind = ready.length < sources.length;
  useEffect(() => {
    if (!behind) return;
    const frame = requestAnimationFrame(nextFrame);
    return () => cancelAnimationFrame(frame);
  });
  return ready;
}

/**
 * Finished blocks in groups: a long answer has hundreds of blocks, and a group whose blocks did not change is skipped
 * as one, so each frame reconciles a few groups and the growing block instead of every block of the answer.
 */
const GROUP_SIZE = 32;

const BlockGroup = memo(
  function BlockGroup({ blocks }: { blocks: readonly ParsedBlock[] }) {
    return blocks.map((block, i) => <Block key={i} tokens={block.tokens} />);
  },
  (a, b) => a.blocks.length === b.blocks.length && a.blocks.every((block, i) => block === b.blocks[i]),
);

/** The blocks of a growing text, splitting again only what changed since the last render (lib/markdown/blocks.ts). */
function useGrowingBlocks(source: string): readonly string[] {
  const previous = useRef<{ text: string; split: SplitBlocks } | null>(null);
  return useMemo(() => {
    const split = splitGrowingMarkdown(source, previous.current);
    previous.current = { text: source, split };
    return split.blocks;
  }, [source]);
}

/** Same content, same object: each citation keeps its identity while the answer grows, so its link does not re-render. */
function useStableCitations(next: Citation[]): readonly Citation[] {
  const previous = useRef<{ list: readonly Citation[]; keys: string[] }>({ list: [], keys: [] });
  return useMemo(() => {
    const keys = next.map((c) => JSON.stringify(c));
    const prev = previous.current;
    const same = keys.length === prev.keys.length && keys.every((k, i) => k === prev.keys[i]);
    if (same) return prev.list;
    const list = next.map((c, i) => (keys[i] === prev.keys[i] ? prev.list[i]! : c));
    previous.current = { list, keys };
    return list;
  }, [next]);
}
/* eslint-enable react-hooks/refs, react-hooks/purity */

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
  const [store] = useState(() => new CitationStore());
  // Read by the links that render in this pass (their blocks re-render when a marker is added or moves).
  // eslint-disable-next-line react-hooks/immutability -- the store is an external store for the links; set before they render
  store.current = citations;
  useLayoutEffect(() => store.publish(citations), [store, citations]);
  const sources = useGrowingBlocks(annotated.source);
  const parsed = useParsedBlocks(sources);
  const groups: ParsedBlock[][] = [];
  for (let g = 0; g < parsed.length; g += GROUP_SIZE) groups.push(parsed.slice(g, g + GROUP_SIZE));
  return (
    <CitationsContext.Provider value={store}>
      <div className="prose-output" style={size === "sm" ? { fontSize: "13.5px", lineHeight: 1.55 } : undefined}>
        {groups.map((group, g) => (
          <BlockGroup key={g} blocks={group} />
        ))}
      </div>
      {showSources ? <SourcesList citations={citations} /> : null}
    </CitationsContext.Provider>
  );
});
