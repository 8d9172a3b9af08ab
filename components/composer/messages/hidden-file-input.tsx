"use client";

import type { RefObject } from "react";

/**
 * A file input kept out of sight, opened by a visible button (`ref.current?.click()`). The choice is cleared at
 * once, so choosing the same file again fires again.
 */
export function HiddenFileInput({
  inputRef,
  label,
  accept,
  onFile,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  label: string;
  accept?: string;
  onFile: (file: File) => void | Promise<void>;
}) {
  return (
    <input
      ref={inputRef}
      type="file"
      accept={accept}
      className="sr-only"
      tabIndex={-1}
      aria-label={label}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = "";
        if (file) void onFile(file);
      }}
    />
  );
}
