/** A fenced code block being read: its marker (``` or ~~~, three or more) and where its opening line starts. */
export interface OpenFence {
  marker: string;
  start: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * One line's effect on fenced code: the fence open after `line` (which starts at `lineStart`). A fence closes on a
 * line holding only a marker of its kind at least as long; so a non-null `open` becoming null means this line closed it.
 * The block splitter and the annotation placer both read fences with it, so they always agree on what is code.
 */
export function fenceAfter(open: OpenFence | null, line: string, lineStart: number): OpenFence | null {
  const match = FENCE.exec(line);
  if (!match) return open;
  const marker = match[1]!;
  if (!open) return { marker, start: lineStart };
  return marker[0] === open.marker[0] && marker.length >= open.marker.length && line.trim() === marker ? null : open;
}

/** True when `line` opens or closes a fence (or is a marker inside one): it never ends a block. */
export function isFenceLine(line: string): boolean {
  return FENCE.test(line);
}
