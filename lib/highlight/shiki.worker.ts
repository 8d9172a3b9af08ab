/// <reference lib="webworker" />
/**
 * shiki off the main thread: the page posts `{id, code, lang}` and gets `{id, html}` (or `{id, error}`) back.
 * Loading the grammars (a few hundred ms on a slow machine) and tokenising happen here, never in a page task.
 */
import { getHighlighter } from "./shiki-core";
import type { HighlightLang } from "./shiki";

self.onmessage = async (e: MessageEvent<{ id: number; code: string; lang: HighlightLang }>) => {
  const { id, code, lang } = e.data;
  try {
    const hl = await getHighlighter();
    self.postMessage({ id, html: hl.codeToHtml(code, { lang, theme: "github-light" }) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
