/**
 * Annotations over markdown. `output_text` annotations index into the raw text; before the text is rendered as
 * markdown, each cited range is spliced in as a markdown link to a private marker (`#rp-cite-N`), and each file
 * annotation becomes a marker link (`#rp-file-N`) at its index. The markdown renderer turns those markers into
 * citation links with a hover card and file chips. Pure and total: offsets are clamped into [0, text.length]
 * (upstreams, and the seed documents, send offsets past the end), malformed annotations are skipped, nothing throws.
 */

import { fenceAfter, type OpenFence } from "@/lib/markdown/fences";
import { isRecord } from "@/lib/is-record";

export const CITE_PREFIX = "#rp-cite-";
export const FILE_PREFIX = "#rp-file-";

export interface UrlCitation {
  kind: "url";
  /** Position in `citations` (the N of the marker) and in the Sources list. */
  n: number;
  /** Index of the annotation in the part's `annotations`. */
  annotationIndex: number;
  url: string;
  title: string;
  /** The clamped range, and whether it could be made a link (an empty or unplaceable range is listed only). */
  start: number;
  end: number;
  linked: boolean;
}

export interface FileMark {
  kind: "file";
  n: number;
  annotationIndexes: number[];
  type: "file_citation" | "file_path" | "container_file_citation";
  fileId: string;
  filename: string;
  containerId: string | null;
  at: number;
}

export type Citation = UrlCitation | FileMark;

export interface AnnotatedSource {
  /** Markdown with the markers spliced in (the text itself when there are no annotations). */
  source: string;
  citations: Citation[];
}

function offset(value: unknown, length: number): number {
  const n = typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : 0;
  return Math.min(Math.max(n, 0), length);
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Where a scan of fenced code stopped: closed regions so far, an open fence, and the start of the last line. */
interface FenceScan {
  text: string;
  closed: Array<[number, number]>;
  open: OpenFence | null;
  resumeAt: number;
}

/**
 * The last scan, so a streamed answer that only grew is scanned from its last line on instead of from the start
 * (this runs every frame of a stream, over the whole text).
 */
let lastScan: FenceScan | null = null;

/** Fenced code regions `[start, end)` (a marker inside code would show as text, so markers move past them). */
export function fencedRegions(text: string): Array<[number, number]> {
  const prev = lastScan;
  const resume = prev !== null && text.length >= prev.text.length && text.startsWith(prev.text);
  const closed = resume ? prev.closed.slice() : [];
  let open = resume ? prev.open : null;
  let lineStart = resume ? prev.resumeAt : 0;
  for (;;) {
    const lineEnd = text.indexOf("\n", lineStart);
    // The last line may still grow: it is read again next time, from the state before it.
    if (lineEnd === -1) break;
    const next = fenceAfter(open, text.slice(lineStart, lineEnd), lineStart);
    if (open && !next) closed.push([open.start, lineEnd]);
    open = next;
    lineStart = lineEnd + 1;
  }
  lastScan = { text, closed, open, resumeAt: lineStart };
  // The unfinished last line counts as a line of its own (a closing fence may be all it holds).
  const regions = closed.slice();
  const last = fenceAfter(open, text.slice(lineStart), lineStart);
  if (open && !last) regions.push([open.start, text.length]);
  else if (last) regions.push([last.start, text.length]);
  return regions;
}

/** The region strictly containing `at` (regions are sorted and disjoint: a binary search, as this runs per frame). */
function inRegion(regions: ReadonlyArray<[number, number]>, at: number): [number, number] | undefined {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = regions[mid]!;
    if (at <= s) hi = mid - 1;
    else if (at >= e) lo = mid + 1;
    else return regions[mid];
  }
  return undefined;
}

/** Markdown link text must not contain unbalanced brackets. */
function escapeLinkText(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}

const MARKDOWN_LINK = /\[((?:\\.|[^\]\\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/g;

/**
 * Splices annotations into `text` for markdown rendering. A `url_citation` wraps its words in a marker link; a range
 * that already holds a markdown link (OpenAI often cites its own `([site](url))` text) has that link's target
 * replaced instead; a range crossing a line break is cut at the break. File annotations become markers at their
 * index (`container_file_citation` at its end); identical file marks at one place are merged.
 */
export function annotateMarkdown(text: string, annotations: readonly unknown[] | null | undefined): AnnotatedSource {
  const list = Array.isArray(annotations) ? annotations : [];
  if (list.length === 0) return { source: text, citations: [] };
  const length = text.length;
  const fences = fencedRegions(text);
  const citations: Citation[] = [];
  const ranges: UrlCitation[] = [];
  const marks: FileMark[] = [];

  list.forEach((raw, annotationIndex) => {
    if (!isRecord(raw)) return;
    switch (raw.type) {
      case "url_citation": {
        let start = offset(raw.start_index, length);
        let end = offset(raw.end_index, length);
        if (end < start) [start, end] = [end, start];
        const newline = text.indexOf("\n", start);
        if (newline !== -1 && newline < end) end = newline;
        const citation: UrlCitation = {
          kind: "url",
          n: citations.length,
          annotationIndex,
          url: str(raw.url),
          title: str(raw.title),
          start,
          end,
          linked: end > start && !inRegion(fences, start) && !inRegion(fences, end),
        };
        citations.push(citation);
        ranges.push(citation);
        return;
      }
      case "file_citation":
      case "file_path":
      case "container_file_citation": {
        let at = offset(raw.type === "container_file_citation" ? raw.end_index : raw.index, length);
        const fence = inRegion(fences, at);
        if (fence) at = fence[1];
        // A mark at the very start of a line would break list or heading syntax: keep it on the previous line.
        while (at > 0 && text[at - 1] === "\n") at--;
        const fileId = str(raw.file_id);
        const same = marks.find((m) => m.at === at && m.fileId === fileId && m.type === raw.type);
        if (same) {
          same.annotationIndexes.push(annotationIndex);
          return;
        }
        const mark: FileMark = {
          kind: "file",
          n: citations.length,
          annotationIndexes: [annotationIndex],
          type: raw.type,
          fileId,
          filename: str(raw.filename) || fileId || "file",
          containerId: raw.type === "container_file_citation" ? str(raw.container_id) || null : null,
          at,
        };
        citations.push(mark);
        marks.push(mark);
        return;
      }
      default:
        return;
    }
  });

  // Overlapping ranges cannot nest as links: a range that overlaps an earlier one is listed, not linked.
  const linked = ranges.filter((r) => r.linked).sort((a, b) => a.start - b.start || a.n - b.n);
  let reach = -1;
  for (const r of linked) {
    if (r.start < reach) r.linked = false;
    else reach = r.end;
  }

  type Edit = { at: number; order: number; insert?: string; replace?: { end: number; with: string } };
  const edits: Edit[] = [];
  for (const r of ranges) {
    if (!r.linked) continue;
    const words = text.slice(r.start, r.end);
    if (MARKDOWN_LINK.test(words)) {
      MARKDOWN_LINK.lastIndex = 0;
      edits.push({
        at: r.start,
        order: 1,
        replace: { end: r.end, with: words.replace(MARKDOWN_LINK, (_m, label: string) => `[${label}](${CITE_PREFIX}${r.n})`) },
      });
    } else {
      edits.push({ at: r.start, order: 1, replace: { end: r.end, with: `[${escapeLinkText(words)}](${CITE_PREFIX}${r.n})` } });
    }
    MARKDOWN_LINK.lastIndex = 0;
  }
  // A mark where a link starts belongs to the text before it: it goes first.
  for (const m of marks) edits.push({ at: m.at, order: 0, insert: `[${escapeLinkText(m.filename)}](${FILE_PREFIX}${m.n})` });
  // File marks at a range's end go after the link; a mark inside a linked range moves to its end.
  for (const e of edits) {
    if (e.insert === undefined) continue;
    const host = edits.find((x) => x.replace && e.at > x.at && e.at < x.replace.end);
    if (host?.replace) e.at = host.replace.end;
  }
  edits.sort((a, b) => a.at - b.at || a.order - b.order);

  let source = "";
  let pos = 0;
  for (const e of edits) {
    if (e.at < pos) continue;
    source += text.slice(pos, e.at);
    pos = e.at;
    if (e.replace) {
      source += e.replace.with;
      pos = e.replace.end;
    } else if (e.insert !== undefined) {
      source += e.insert;
    }
  }
  source += text.slice(pos);
  return { source, citations };
}

/** The citation number a marker href names, or null (`#rp-cite-3` → 3). */
export function markerIndex(href: string | null | undefined, prefix: string): number | null {
  if (!href || !href.startsWith(prefix)) return null;
  const n = Number(href.slice(prefix.length));
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** "example.com/path" for a hover card; the raw string when it is not a URL. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname === "/" ? "" : u.pathname;
    return `${u.hostname}${path}`;
  } catch {
    return url;
  }
}
