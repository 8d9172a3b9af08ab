"use client";

import { memo, useEffect, useState } from "react";
import { highlightToHtml, type HighlightLang } from "@/lib/highlight/shiki";

/**
 * Code highlighted by shiki once it has loaded; plain text until then (and for very large inputs,
 * where highlighting would block the main thread for no benefit).
 */
export const CodeView = memo(function CodeView({
  code,
  lang,
  className = "",
  label,
}: {
  code: string;
  lang: HighlightLang | null;
  className?: string;
  label?: string;
}) {
  const [html, setHtml] = useState<{ code: string; html: string } | null>(null);
  useEffect(() => {
    if (!lang || code.length > 200_000) return;
    // Aborted when the code changes again (a block still streaming) or the view goes: a queued job is then dropped.
    const controller = new AbortController();
    highlightToHtml(code, lang, controller.signal).then(
      (out) => !controller.signal.aborted && setHtml({ code, html: out }),
      () => undefined,
    );
    return () => controller.abort();
  }, [code, lang]);

  const base = `overflow-auto rounded-md bg-slate-50 p-3 font-mono text-[12.5px] leading-5 ${className}`;
  if (html && html.code === code) {
    // shiki escapes the code; its HTML holds only <pre>/<code>/<span style>.
    return <div aria-label={label} className={base} dangerouslySetInnerHTML={{ __html: html.html }} />;
  }
  return (
    <pre aria-label={label} className={base}>
      <code>{code}</code>
    </pre>
  );
});
