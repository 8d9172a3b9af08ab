import { describe, expect, it } from "vitest";
import { countCharacters, countTokens, countWords, firstWords, prepareTextCounts, textCounts } from "@/lib/local-engine/tokens";

// The regex definitions the counters replaced: the scanner must give the same numbers on every input.
const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
const TOKEN_RE = new RegExp(`\\s*(?:[${CJK}]|[^\\s${CJK}]{1,16})|\\s+`, "gu");
const WORD_RE = new RegExp(`[${CJK}]|[^\\s${CJK}]+`, "gu");
const reference = {
  tokens: (t: string) => t.match(TOKEN_RE)?.length ?? 0,
  words: (t: string) => t.match(WORD_RE)?.length ?? 0,
  characters: (t: string) => [...t].length,
  firstWords(text: string, maxWords: number) {
    let seen = 0;
    let end = 0;
    for (const match of text.matchAll(WORD_RE)) {
      if (seen === maxWords) return { text: text.slice(0, end), truncated: true };
      seen += 1;
      end = match.index + match[0].length;
    }
    return { text, truncated: false };
  },
};

const PIECES = [
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "\u00a0",
  "\u3000",
  "\u2028",
  "\ufeff",
  "a",
  "word",
  "Hello,",
  "x".repeat(17),
  "y".repeat(40),
  "中",
  "文字",
  "ひらがな",
  "カタカナ",
  "한국어",
  "\u1100",
  "😀",
  "e\u0301",
  "\ud800",
  "\udc00",
  "[cut]",
  "1234567890123456",
  "é",
];

function randomText(seed: number, length: number): string {
  let s = seed;
  const next = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  let out = "";
  while (out.length < length) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

describe("token, word and character counts (one linear scanner)", () => {
  it("match the regex definitions on mixed scripts, spaces, emoji and lone surrogates", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const text = randomText(seed, seed % 7 === 0 ? 2000 : 60);
      expect(countTokens(text), text).toBe(reference.tokens(text));
      expect(countWords(text), text).toBe(reference.words(text));
      expect(countCharacters(text), text).toBe(reference.characters(text));
    }
    for (const text of ["", " ", "   ", "a", " a ", "中文 text", "x".repeat(33) + " ", "\u00a0\u00a0word"]) {
      expect(textCounts(text), JSON.stringify(text)).toEqual({
        tokens: reference.tokens(text),
        words: reference.words(text),
        characters: reference.characters(text),
      });
    }
  });

  it("count a large text ahead in slices (yielding between them) to the same numbers", async () => {
    const text = randomText(7, 1_300_000);
    const expected = { tokens: reference.tokens(text), words: reference.words(text), characters: reference.characters(text) };
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    await prepareTextCounts([text]);
    clearInterval(ticker);
    expect(textCounts(text)).toEqual(expected);
    expect(textCounts(text.slice(0) + "")).toEqual(expected);
  });

  it("firstWords quotes the same words as before on normal text", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const text = randomText(seed, 400);
      for (const n of [1, 3, 14, 200]) {
        const before = reference.firstWords(text, n);
        const now = firstWords(text, n);
        // Within the length cap (64 characters a word asked for) the quote is exactly what it was.
        if (before.text.length <= n * 64) expect(now, `${seed}/${n}`).toEqual(before);
        else expect(now.truncated && before.text.startsWith(now.text) && now.text.length <= n * 64, `${seed}/${n}`).toBe(true);
      }
    }
  });

  it("firstWords does not quote one enormous word whole", () => {
    const cut = firstWords("a".repeat(5_000_000), 200);
    expect(cut.truncated).toBe(true);
    expect(cut.text.length).toBe(200 * 64);
    expect(firstWords("😀".repeat(10), 1).text).toBe("😀".repeat(10));
    expect(firstWords("😀".repeat(100), 1).text).toBe("😀".repeat(32)); // cut between code points, never mid-pair
  });
});
