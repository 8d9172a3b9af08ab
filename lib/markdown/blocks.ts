/**
 * Splits markdown into top-level blocks at blank lines outside fenced code, so a streaming answer can
 * render every finished block once (memoised) and re-parse only the last, growing one.
 */
export function splitMarkdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  let start = 0;
  let inFence: string | null = null;
  let lineStart = 0;
  const n = text.length;
  while (lineStart <= n) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = n;
    const line = text.slice(lineStart, lineEnd);
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      const marker = fence[1]!;
      if (inFence === null) inFence = marker;
      else if (marker[0] === inFence[0] && marker.length >= inFence.length && line.trim() === marker) inFence = null;
    } else if (inFence === null && line.trim() === "" && lineStart > start) {
      const block = text.slice(start, lineStart);
      if (block.trim() !== "") blocks.push(block);
      start = lineEnd + 1;
    }
    if (lineEnd === n) break;
    lineStart = lineEnd + 1;
  }
  if (start < n) {
    const rest = text.slice(start);
    if (rest.trim() !== "") blocks.push(rest);
  }
  return blocks;
}
