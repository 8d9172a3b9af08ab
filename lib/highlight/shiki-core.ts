import type { HighlighterCore } from "shiki/core";

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
