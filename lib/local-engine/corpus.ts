import "server-only";
import documents from "./corpus/web-corpus.json";
import { Bm25Index, type SearchHit } from "./retrieval";

/**
 * The offline "web" that `web_search` searches: a small corpus of short pages on varied topics, shipped with the
 * project (`corpus/web-corpus.json`; urls on example domains). Ranked with BM25 over title + text.
 */

export interface CorpusDocument {
  id: string;
  url: string;
  title: string;
  text: string;
}

export const WEB_CORPUS: readonly CorpusDocument[] = documents as CorpusDocument[];

let index: Bm25Index<CorpusDocument> | null = null;

export function searchCorpus(query: string, limit: number): SearchHit<CorpusDocument>[] {
  index ??= new Bm25Index(WEB_CORPUS.map((doc) => ({ doc, text: `${doc.title}\n${doc.text}` })));
  return index.search(query, limit);
}
