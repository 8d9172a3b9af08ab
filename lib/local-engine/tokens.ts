import "server-only";

/**
 * The engine's "tokenizer". It is deliberately simple and documented (README.md), so a teacher can predict
 * the numbers: one token = one word together with the whitespace before it, one CJK character, or a
 * 16-character slice of a very long word. Streaming sends one token per `response.output_text.delta`,
 * so `usage.output_tokens` equals the number of deltas.
 */

const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";

// Alternatives, in order: leading whitespace + (one CJK char | up to 16 other non-space chars); then trailing
// whitespace on its own. Every character of any string is matched, so the pieces always join back to the text.
const TOKEN_RE = new RegExp(`\\s*(?:[${CJK}]|[^\\s${CJK}]{1,16})|\\s+`, "gu");
const WORD_RE = new RegExp(`[${CJK}]|[^\\s${CJK}]+`, "gu");

/** Splits text into word-sized deltas; `splitIntoTokens(t).join("") === t` always holds. */
export function splitIntoTokens(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

export function countTokens(text: string): number {
  return splitIntoTokens(text).length;
}

/** Words as a reader counts them: whitespace-separated runs, each CJK character counting as one word. */
export function countWords(text: string): number {
  return text.match(WORD_RE)?.length ?? 0;
}

/** Characters as a reader counts them (code points, so an emoji is one character, not two UTF-16 units). */
export function countCharacters(text: string): number {
  return [...text].length;
}

/** The first `maxWords` words of `text`, keeping its own line breaks and spacing. */
export function firstWords(text: string, maxWords: number): { text: string; truncated: boolean } {
  let seen = 0;
  let end = 0;
  for (const match of text.matchAll(WORD_RE)) {
    if (seen === maxWords) return { text: text.slice(0, end), truncated: true };
    seen += 1;
    end = match.index + match[0].length;
  }
  return { text, truncated: false };
}
