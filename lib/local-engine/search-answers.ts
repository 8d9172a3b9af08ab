import "server-only";
import { ApiError } from "@/lib/api-error";
import type { ResponseFileSearchToolCall } from "openai/resources/responses/responses";
import { searchCorpus, WEB_CORPUS } from "./corpus";
import { bestSentence } from "./retrieval";
import type { Annotation } from "./scripts";
import { countTokens } from "./tokens";
import type { TurnContext } from "./turn";
import { searchChunks, type AttributeFilter } from "./vector-stores";
import type { JsonObject } from "./types";
import { isRecord } from "@/lib/is-record";

/**
 * Web search (over the bundled corpus) and file search (over vector stores): which tool applies, what it finds, and
 * the cited answer built from the best-ranked passages, with annotation offsets computed while the text is written,
 * so they are exact by construction.
 */

/** A quoted sentence and where it came from. */
export interface Citation {
  text: string;
  source: { kind: "url"; url: string; title: string } | { kind: "file"; fileId: string; filename: string };
}

export interface WebSearchPlan {
  query: string;
  /** Urls of the pages found, sent as `action.sources` when `include` asks for them. */
  sources: string[] | null;
  citations: Citation[];
  retrievedTokens: number;
}

export interface FileSearchPlan {
  query: string;
  vectorStoreIds: string[];
  results: ResponseFileSearchToolCall["results"];
  citations: Citation[];
  retrievedTokens: number;
  passages: number;
}

const WEB_TOOL_TYPES = new Set(["web_search", "web_search_2025_08_26", "web_search_preview", "web_search_preview_2025_03_11"]);
const RESULTS_BY_CONTEXT_SIZE: Record<string, number> = { low: 2, medium: 3, high: 5 };
/** Passages quoted in the answer (file search returns up to `max_num_results`, the answer cites the best few). */
const CITED_PASSAGES = 3;

function tools(turn: TurnContext): JsonObject[] {
  return Array.isArray(turn.request.tools) ? (turn.request.tools as JsonObject[]) : [];
}

/** A forced hosted tool (`tool_choice: {type: "file_search"}`) or `"none"` limits which tools may run. */
function allowed(turn: TurnContext, type: string): boolean {
  const choice = turn.request.tool_choice;
  if (choice === "none") return false;
  if (isRecord(choice) && typeof choice.type === "string" && choice.type !== "allowed_tools") {
    return choice.type === type || (WEB_TOOL_TYPES.has(type) && WEB_TOOL_TYPES.has(choice.type));
  }
  return true;
}

export function webSearchTool(turn: TurnContext): JsonObject | null {
  const tool = tools(turn).find((t) => typeof t.type === "string" && WEB_TOOL_TYPES.has(t.type));
  return tool && allowed(turn, String(tool.type)) ? tool : null;
}

export function fileSearchTool(turn: TurnContext): JsonObject | null {
  const tool = tools(turn).find((t) => t.type === "file_search");
  return tool && allowed(turn, "file_search") ? tool : null;
}

/** The query both searches use: the user's words, one line, at most 24 words. */
export function searchQuery(text: string): string {
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  return words.slice(0, 24).join(" ");
}

function includes(turn: TurnContext, value: string): boolean {
  return Array.isArray(turn.request.include) && (turn.request.include as readonly string[]).includes(value);
}

/** One line of quoted text: whitespace collapsed, leading markdown markers (#, >, -, 1.) removed. */
function quoteLine(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/^(?:[#>*+-]+|\d+[.)])\s+/, "")
    .trim();
}

export function planWebSearch(turn: TurnContext, tool: JsonObject, text: string): WebSearchPlan {
  const query = searchQuery(text);
  const size = typeof tool.search_context_size === "string" ? tool.search_context_size : "medium";
  const limit = RESULTS_BY_CONTEXT_SIZE[size] ?? 3;
  const filters = isRecord(tool.filters) ? tool.filters : null;
  const domains = Array.isArray(filters?.allowed_domains) ? (filters.allowed_domains as unknown[]).map((d) => String(d).toLowerCase()) : [];
  const hits = searchCorpus(query, WEB_CORPUS.length)
    .filter((hit) => {
      if (domains.length === 0) return true;
      const host = new URL(hit.doc.url).hostname;
      return domains.some((d) => host === d || host.endsWith(`.${d}`));
    })
    .slice(0, limit);
  return {
    query,
    sources: includes(turn, "web_search_call.action.sources") ? hits.map((h) => h.doc.url) : null,
    citations: hits.map((hit) => ({
      text: quoteLine(bestSentence(hit.doc.text, query)?.text ?? hit.doc.title),
      source: { kind: "url", url: hit.doc.url, title: hit.doc.title },
    })),
    retrievedTokens: hits.reduce((n, h) => n + countTokens(h.doc.text), 0),
  };
}

export function planFileSearch(turn: TurnContext, tool: JsonObject, text: string, toolIndex: number): FileSearchPlan {
  const query = searchQuery(text);
  const ids = Array.isArray(tool.vector_store_ids) ? tool.vector_store_ids.map(String) : [];
  if (ids.length === 0) {
    throw new ApiError(400, "Missing required parameter: 'tools[].vector_store_ids'.", {
      param: `tools[${toolIndex}].vector_store_ids`,
      code: "missing_required_parameter",
    });
  }
  const max = typeof tool.max_num_results === "number" ? Math.min(50, Math.max(1, Math.floor(tool.max_num_results))) : 20;
  const ranking = isRecord(tool.ranking_options) ? tool.ranking_options : {};
  let hits;
  try {
    hits = searchChunks({
      vectorStoreIds: ids,
      query,
      maxResults: max,
      scoreThreshold: typeof ranking.score_threshold === "number" ? ranking.score_threshold : 0,
      filter: isRecord(tool.filters) ? (tool.filters as unknown as AttributeFilter) : null,
    });
  } catch (err) {
    // An unknown vector store makes the request invalid, before anything streams.
    if (err instanceof ApiError)
      throw new ApiError(400, err.message, { param: `tools[${toolIndex}].vector_store_ids`, code: "invalid_value" });
    throw err;
  }
  const citations: Citation[] = [];
  for (const hit of hits.slice(0, CITED_PASSAGES)) {
    const sentence = bestSentence(hit.doc.text, query);
    if (!sentence) continue;
    citations.push({ text: quoteLine(sentence.text), source: { kind: "file", fileId: hit.doc.fileId, filename: hit.doc.filename } });
  }
  return {
    query,
    vectorStoreIds: ids,
    results: includes(turn, "file_search_call.results")
      ? hits.map((hit) => ({
          file_id: hit.doc.fileId,
          filename: hit.doc.filename,
          score: hit.score,
          text: hit.doc.text,
          attributes: hit.doc.attributes ?? {},
        }))
      : null,
    citations,
    retrievedTokens: hits.reduce((n, h) => n + countTokens(h.doc.text), 0),
    passages: hits.length,
  };
}

/**
 * The cited answer: an intro, one bullet per quoted sentence, and a closing note. A `url_citation` spans exactly the
 * quoted sentence; a `file_citation` sits at its end (`index`), as OpenAI places them.
 */
export function composeCitedAnswer(web: WebSearchPlan | null, file: FileSearchPlan | null): { text: string; annotations: Annotation[] } {
  const query = file?.query ?? web?.query ?? "";
  const citations = [...(file?.citations ?? []), ...(web?.citations ?? [])];
  const where = web && file ? "your files and the web" : file ? "your files" : "the web";
  let text = "";
  const annotations: Annotation[] = [];

  if (citations.length === 0) {
    text = `I searched ${where} for «${query}» and found nothing about it.`;
    if (web) {
      text += ` The local engine's web is an offline corpus of ${WEB_CORPUS.length} example pages, on topics such as solar cells, volcanoes, coffee, Boston, honeybees and HTTP status codes.`;
    }
    if (file && file.passages === 0) text += " Check that the vector stores hold text files (PDFs and images are not read).";
    return { text, annotations };
  }

  text = `I searched ${where} for «${query}». Here is what the best-ranked ${file && !web ? "passages" : "sources"} say:\n\n`;
  for (const citation of citations) {
    text += "- ";
    const start = text.length;
    text += citation.text;
    const end = text.length;
    if (citation.source.kind === "url") {
      annotations.push({
        type: "url_citation",
        start_index: start,
        end_index: end,
        url: citation.source.url,
        title: citation.source.title,
      });
    } else {
      annotations.push({ type: "file_citation", index: end, file_id: citation.source.fileId, filename: citation.source.filename });
    }
    text += "\n";
  }
  const notes: string[] = [];
  if (file) notes.push(`${file.passages} passage${file.passages === 1 ? "" : "s"} from your files`);
  if (web) notes.push(`the ${WEB_CORPUS.length} pages of the offline web corpus`);
  text += `\nEach line quotes the source it cites; ${notes.join(" and ")} were ranked with BM25.`;
  return { text, annotations };
}
