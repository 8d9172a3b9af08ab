import "server-only";

/**
 * The engine's one retrieval module, shared by web search (over the bundled corpus) and file search (over chunks
 * of uploaded files): a tokenizer, Okapi BM25, sentence splitting and chunking. Everything is deterministic and
 * simple enough to explain in a lesson (README: "Local engine rules").
 */

// ──────────────────────────────────────────────── tokenizer ────────────────────────────────────────────────────

const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const TERM_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

/** Words too common to tell documents apart. */
const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again all also am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers him his how " +
    "i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own " +
    "same she should so some such than that the their them then there these they this those through to too under until up " +
    "very was we were what when where which while who whom why will with would you your yours please tell show give find " +
    "search look web internet online know want need"
  ).split(" "),
);

/** A light English stemmer: enough that "volcanoes" finds "volcano" and "bees" finds "bee". */
function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("'s")) word = word.slice(0, -2);
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("oes") || word.endsWith("ses") || word.endsWith("xes") || word.endsWith("ches") || word.endsWith("shes")) {
    return word.slice(0, -2);
  }
  if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) return word.slice(0, -1);
  return word;
}

/**
 * Search terms of a text: lower-cased words without stopwords, lightly stemmed; a run of CJK characters gives each
 * character and each pair of neighbours (so "太阳能" matches "太阳" and "阳能").
 */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.normalize("NFKC").toLowerCase().matchAll(TERM_RE)) {
    const token = match[0];
    if (CJK_RE.test(token[0] ?? "")) {
      const chars = [...token];
      chars.forEach((c, i) => {
        terms.push(c);
        const next = chars[i + 1];
        if (next !== undefined) terms.push(c + next);
      });
      continue;
    }
    if (STOPWORDS.has(token)) continue;
    terms.push(stem(token));
  }
  return terms;
}

// ─────────────────────────────────────────────────── BM25 ──────────────────────────────────────────────────────

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

export interface SearchHit<T> {
  doc: T;
  /** The raw BM25 score (0 and up). */
  raw: number;
  /** `raw / (raw + 3)`, rounded to 4 decimals: a score between 0 and 1 that keeps BM25's order. */
  score: number;
}

interface Indexed<T> {
  doc: T;
  length: number;
  counts: Map<string, number>;
}

/** An immutable BM25 index over documents given as text (title and body joined by the caller). */
export class Bm25Index<T> {
  private readonly docs: Indexed<T>[];
  private readonly docFreq = new Map<string, number>();
  private readonly avgLength: number;

  constructor(entries: ReadonlyArray<{ doc: T; text: string }>) {
    this.docs = entries.map(({ doc, text }) => {
      const counts = new Map<string, number>();
      const terms = searchTerms(text);
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const term of counts.keys()) this.docFreq.set(term, (this.docFreq.get(term) ?? 0) + 1);
      return { doc, length: terms.length, counts };
    });
    const total = this.docs.reduce((n, d) => n + d.length, 0);
    this.avgLength = this.docs.length > 0 ? Math.max(1, total / this.docs.length) : 1;
  }

  get size(): number {
    return this.docs.length;
  }

  /** The best `limit` documents for `query` with a positive score, best first (ties keep document order). */
  search(query: string, limit: number): SearchHit<T>[] {
    const queryTerms = [...new Set(searchTerms(query))];
    const n = this.docs.length;
    const hits: Array<SearchHit<T> & { order: number }> = [];
    this.docs.forEach((d, order) => {
      let raw = 0;
      for (const term of queryTerms) {
        const tf = d.counts.get(term);
        if (!tf) continue;
        const df = this.docFreq.get(term) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        raw += (idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * d.length) / this.avgLength));
      }
      if (raw > 0) hits.push({ doc: d.doc, raw, score: normalizeScore(raw), order });
    });
    hits.sort((a, b) => b.raw - a.raw || a.order - b.order);
    return hits.slice(0, Math.max(0, limit)).map(({ doc, raw, score }) => ({ doc, raw, score }));
  }
}

export function normalizeScore(raw: number): number {
  return Math.round((raw / (raw + 3)) * 10_000) / 10_000;
}

// ─────────────────────────────────────────────── sentences, chunks ─────────────────────────────────────────────

export interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * Sentences of a text with their offsets: a sentence ends after `.`, `!`, `?` (followed by a space or the end),
 * after `。！？`, or at a line break. Surrounding whitespace is not part of a sentence.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  // A "." not followed by whitespace (3.5, example.com) does not end a sentence.
  const re = /(?:[^.!?。！？\n]|[.!?]+(?!\s|$))*(?:[.!?]+(?=\s|$)|[。！？]+|\n|$)/gu;
  let m: RegExpExecArray | null;
  let guard = 0;
  while ((m = re.exec(text)) !== null && guard++ < 100_000) {
    if (m[0] === "") {
      if (re.lastIndex >= text.length) break;
      re.lastIndex++;
      continue;
    }
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body !== "") spans.push({ text: body, start: m.index + lead, end: m.index + lead + body.length });
  }
  return spans;
}

/** The sentence sharing the most search terms with the query (the earliest on ties; the first when none do). */
export function bestSentence(text: string, query: string): Span | null {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return null;
  const wanted = new Set(searchTerms(query));
  let best = sentences[0]!;
  let bestScore = 0;
  for (const s of sentences) {
    let score = 0;
    for (const term of new Set(searchTerms(s.text))) if (wanted.has(term)) score++;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

export const CHUNK_MAX_WORDS = 120;

/**
 * Chunks for file search: consecutive sentences grouped up to CHUNK_MAX_WORDS words (a longer sentence is a chunk on
 * its own), each with its offsets in the file's text. Chunks do not overlap, so a citation points at one place.
 */
export function chunkText(text: string, maxWords = CHUNK_MAX_WORDS): Span[] {
  const chunks: Span[] = [];
  let current: Span[] = [];
  let words = 0;
  const flush = () => {
    if (current.length === 0) return;
    const start = current[0]!.start;
    const end = current[current.length - 1]!.end;
    chunks.push({ text: text.slice(start, end), start, end });
    current = [];
    words = 0;
  };
  for (const sentence of splitSentences(text)) {
    const n = wordCount(sentence.text);
    if (words > 0 && words + n > maxWords) flush();
    current.push(sentence);
    words += n;
  }
  flush();
  return chunks;
}

function wordCount(text: string): number {
  return (
    text.match(
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu,
    )?.length ?? 0
  );
}
