import type { HighlighterCore } from "shiki/core";

/** The languages the playground highlights: event JSON, code export, code blocks in answers. */
export type HighlightLang = "json" | "bash" | "python" | "typescript";

const ALIASES: Record<string, HighlightLang> = {
  json: "json",
  jsonc: "json",
  bash: "bash",
  sh: "bash",
  shell: "bash",
  shellscript: "bash",
  zsh: "bash",
  curl: "bash",
  python: "python",
  py: "python",
  typescript: "typescript",
  ts: "typescript",
  javascript: "typescript",
  js: "typescript",
  tsx: "typescript",
};

export function highlightLangFor(name: string | undefined | null): HighlightLang | null {
  if (!name) return null;
  return ALIASES[name.toLowerCase()] ?? null;
}

let highlighter: Promise<HighlighterCore> | null = null;

/**
 * shiki's fine-grained core with the JavaScript regex engine (no WASM) and four languages, loaded once,
 * lazily, on first use: it never weighs on the first page load.
 */
export function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }] = await Promise.all([
      import("shiki/core"),
      import("shiki/engine/javascript"),
    ]);
    return createHighlighterCore({
      themes: [import("shiki/dist/themes/github-light.mjs")],
      langs: [
        import("shiki/dist/langs/json.mjs"),
        import("shiki/dist/langs/bash.mjs"),
        import("shiki/dist/langs/python.mjs"),
        import("shiki/dist/langs/typescript.mjs"),
      ],
      engine: createJavaScriptRegexEngine(),
    });
  })();
  return highlighter;
}

/** HTML for `code` (shiki escapes the text itself; the output holds only spans with inline colours). */
export async function highlightToHtml(code: string, lang: HighlightLang): Promise<string> {
  const hl = await getHighlighter();
  return hl.codeToHtml(code, { lang, theme: "github-light" });
}
