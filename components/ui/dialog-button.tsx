"use client";

import { useTranslations } from "next-intl";
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from "react";

/**
 * A toolbar button that opens a modal <dialog> (focus trapping, Escape and the backdrop come from the browser).
 * The body renders only while open, so heavy panels (code export with shiki) cost nothing until asked for.
 */
export function DialogButton({
  label,
  title,
  children,
  width = 720,
}: {
  label: string;
  title: string;
  children: (close: () => void) => ReactNode;
  width?: number;
}) {
  const t = useTranslations("dialog");
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const id = useId();
  // Closing is a state change; the effect below closes the element (refs are read in effects and handlers only).
  const close = () => setOpen(false);
  useLayoutEffect(() => {
    if (!open) dialog.current?.close();
  }, [open]);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        onClose={() => setOpen(false)}
        style={{ width: `min(${width}px, calc(100vw - 2rem))` }}
        className="m-auto max-h-[calc(100vh-4rem)] rounded-lg border border-slate-200 p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/30"
      >
        <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          <button type="button" onClick={close} className="text-sm text-slate-500 hover:text-slate-900">
            {t("close")}
          </button>
        </div>
        <div className="overflow-auto p-4">{open ? children(close) : null}</div>
      </dialog>
    </>
  );
}
