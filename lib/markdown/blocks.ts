import { fenceAfter, isFenceLine, type OpenFence } from "./fences";

/**
 * Splits markdown into top-level blocks at blank lines outside fenced code, so a streaming answer can
 * render every finished block once (memoised) and re-parse only the last, growing one.
 */
export function splitMarkdownBlocks(text: string): string[] {
  return splitBlocksFrom(text, 0).blocks;
}

export interface SplitBlocks {
  blocks: string[];
  /** Offset in the text where the last block starts (every block before it ended at a blank line outside code). */
  lastStart: number;
}

/** Blocks of `text[from…]`, where `from` is 0 or a block start (outside fenced code); offsets are in `text`. */
function splitBlocksFrom(text: string, from: number): SplitBlocks {
  const blocks: string[] = [];
  let start = from;
  let lastStart = from;
  let fence: OpenFence | null = null;
  let lineStart = from;
  const n = text.length;
  while (lineStart <= n) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = n;
    const line = text.slice(lineStart, lineEnd);
    if (isFenceLine(line)) {
      fence = fenceAfter(fence, line, lineStart);
    } else if (fence === null && line.trim() === "" && lineStart > start) {
      const block = text.slice(start, lineStart);
      if (block.trim() !== "") {
        blocks.push(block);
        lastStart = start;
      }
      start = lineEnd + 1;
    }
    if (lineEnd === n) break;
    lineStart = lineEnd + 1;
  }
  if (start < n) {
    const rest = text.slice(start);
    if (rest.trim() !== "") {
      blocks.push(rest);
      lastStart = start;
    }
  }
  return { blocks, lastStart };
}

/**
 * `splitMarkdownBlocks` for text that grows: when `text` still begins with what came before the previous split's
 * last block, only the rest is split again. A streamed answer is split in time proportional to what arrived, not
 * to its whole length, every frame.
 */
export function splitGrowingMarkdown(text: string, previous: { text: string; split: SplitBlocks } | null): SplitBlocks {
  if (previous && previous.split.blocks.length > 1) {
    const keep = previous.split.lastStart;
    if (text.length >= keep && text.startsWith(previous.text.slice(0, keep))) {
      const tail = splitBlocksFrom(text, keep);
      return {
        blocks: previous.split.blocks.slice(0, -1).concat(tail.blocks),
        lastStart: tail.blocks.length > 0 ? tail.lastStart : previous.split.lastStart,
      };
    }
  }
  return splitBlocksFrom(text, 0);
}
