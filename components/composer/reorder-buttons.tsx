"use client";

import type { MouseEvent } from "react";
import { iconBtn } from "./fields";

/** Move up, move down and remove, for one entry of a list (a message, a content part, a tool). */
export function ReorderButtons({
  name,
  first,
  last,
  onMove,
  onRemove,
  className = "ml-auto flex",
}: {
  /** Spoken in the labels: "Move Message 2 up". */
  name: string;
  first: boolean;
  last: boolean;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  className?: string;
}) {
  // Inside a <summary> (tool cards) a click would also open or close the details.
  const click = (action: () => void) => (e: MouseEvent) => {
    e.preventDefault();
    action();
  };
  return (
    <span className={className}>
      <button type="button" className={iconBtn} aria-label={`Move ${name} up`} disabled={first} onClick={click(() => onMove(-1))}>
        ↑
      </button>
      <button type="button" className={iconBtn} aria-label={`Move ${name} down`} disabled={last} onClick={click(() => onMove(1))}>
        ↓
      </button>
      <button type="button" className={iconBtn} aria-label={`Remove ${name}`} onClick={click(onRemove)}>
        ✕
      </button>
    </span>
  );
}
