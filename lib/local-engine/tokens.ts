import "server-only";

/**
 * The engine's "tokenizer". It is deliberately simple and documented (README.md), so a teacher can predict
 * the numbers: one token = one word together with the whitespace before it, one CJK character, or a
 * 16-character slice of a very long word. Streaming sends one token per `response.output_text.delta`,
 * so `usage.output_tokens` equals the number of deltas.
 *
 * Counting never builds arrays of pieces: one scanner walks the code points (linear, no garbage), and a large text
 * can be counted ahead in slices that yield to the event loop (`prepareTextCounts`), so a 30 MB input does not hold
 * the server for seconds.
 */

const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";

// Alternatives, in order: leading whitespace + (one CJK char | up to 16 other non-space chars); then trailing
// whitespace on its own. Every character of any string is matched, so the pieces always join back to the text.
const TOKEN_RE = new RegExp(`\\s*(?:[${CJK}]|[^\\s${CJK}]{1,16})|\\s+`, "gu");
const CJK_RE = new RegExp(`[${CJK}]`, "u");

/** A quote keeps at most this many characters per word asked for (a 30 MB single "word" is not echoed whole). */
export const QUOTE_CHARS_PER_WORD = 64;

/** Splits text into word-sized deltas; `splitIntoTokens(t).join("") === t` always holds. */
export function splitIntoTokens(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

export interface TextCounts {
  tokens: number;
  words: number;
  characters: number;
}

// Per code point: 0 not yet known, 1 CJK, 2 other (filled lazily: the regex runs once per distinct non-ASCII char).
const cjkCache = new Uint8Array(0x110000);

function isCjk(cp: number): boolean {
  let known = cjkCache[cp]!;
  if (known === 0) {
    known = CJK_RE.test(String.fromCodePoint(cp)) ? 1 : 2;
    cjkCache[cp] = known;
  }
  return known === 1;
}

/** JavaScript's `\s` (what TOKEN_RE and the word pattern `[CJK]|[^\s CJK]+` split on). */
function isSpace(cp: number): boolean {
  if (cp < 0x80) return cp === 32 || (cp >= 9 && cp <= 13);
  return (
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0xfeff
  );
}

/**
 * Counts tokens (TOKEN_RE's matches), words (CJK characters and runs of other non-space characters) and code points in one pass, resumable: `feed`
 * slices in order (cut between code points), then `result`.
 */
class Counter {
  private tokens = 0;
  private words = 0;
  private characters = 0;
  private slice = 0; // code points in the current 16-character slice of a word (0: none open)
  private pendingSpace = false; // whitespace read that no token has taken yet
  private inWord = false;

  feed(text: string, from: number, to: number): void {
    let { tokens, words, characters, slice, pendingSpace, inWord } = this;
    for (let i = from; i < to; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < to) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      characters++;
      if (isSpace(cp)) {
        slice = 0;
        pendingSpace = true;
        inWord = false;
      } else if (cp >= 0x1100 && isCjk(cp)) {
        tokens++;
        words++;
        slice = 0;
        pendingSpace = false;
        inWord = false;
      } else {
        if (!inWord) words++;
        inWord = true;
        if (slice > 0 && slice < 16) slice++;
        else {
          tokens++;
          slice = 1;
          pendingSpace = false;
        }
      }
    }
    Object.assign(this, { tokens, words, characters, slice, pendingSpace, inWord });
  }

  result(): TextCounts {
    return { tokens: this.tokens + (this.pendingSpace ? 1 : 0), words: this.words, characters: this.characters };
  }
}

/** Texts at least this long are worth counting ahead in slices and remembering (a few, by identity of content). */
const LARGE_TEXT = 256 * 1024;
const SLICE = 512 * 1024;
const REMEMBERED = 8;
const remembered = new Map<string, TextCounts>();

export function textCounts(text: string): TextCounts {
  if (text.length >= LARGE_TEXT) {
    const known = remembered.get(text);
    if (known) return known;
  }
  const counter = new Counter();
  counter.feed(text, 0, text.length);
  return counter.result();
}

/**
 * Counts large texts ahead, a slice at a time with a turn of the event loop between slices, and remembers the
 * counts, so the synchronous counting later in the request is a lookup. Small texts are left alone.
 */
export async function prepareTextCounts(texts: Iterable<string | null | undefined>): Promise<void> {
  for (const text of texts) {
    if (typeof text !== "string" || text.length < LARGE_TEXT || remembered.has(text)) continue;
    const counter = new Counter();
    for (let from = 0; from < text.length;) {
      let to = Math.min(text.length, from + SLICE);
      const last = text.charCodeAt(to - 1);
      if (to < text.length && last >= 0xd800 && last <= 0xdbff) to++; // never split a surrogate pair
      counter.feed(text, from, to);
      from = to;
      if (from < text.length) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    remembered.set(text, counter.result());
    while (remembered.size > REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  }
}

export function countTokens(text: string): number {
  return textCounts(text).tokens;
}

/** Words as a reader counts them: whitespace-separated runs, each CJK character counting as one word. */
export function countWords(text: string): number {
  return textCounts(text).words;
}

/** Characters as a reader counts them (code points, so an emoji is one character, not two UTF-16 units). */
export function countCharacters(text: string): number {
  return textCounts(text).characters;
}

/**
 * The first `maxWords` words of `text`, keeping its own line breaks and spacing, and at most
 * `maxWords × QUOTE_CHARS_PER_WORD` characters (cut between code points), so one enormous word is not quoted whole.
 */
export function firstWords(text: string, maxWords: number): { text: string; truncated: boolean } {
  // The words of `[CJK]|[^\sCJK]+`, found by the scanner (a regex with \p{Script} classes costs ~100 ns a char).
  const maxChars = maxWords * QUOTE_CHARS_PER_WORD;
  let seen = 0;
  let end = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const start = i;
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (isSpace(cp)) {
      inWord = false;
      continue;
    }
    const cjk = cp >= 0x1100 && isCjk(cp);
    if (cjk || !inWord) {
      if (seen === maxWords) return { text: text.slice(0, end), truncated: true };
      seen += 1;
    }
    inWord = !cjk;
    end = i + 1;
    if (end > maxChars) return { text: text.slice(0, start), truncated: true };
  }
  return { text, truncated: false };
}
