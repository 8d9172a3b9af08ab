import OpenAI, { toFile } from "openai";
import { describe, expect, it } from "vitest";
import { localEngineFetch } from "@/lib/local-engine";
import { WEB_CORPUS, searchCorpus } from "@/lib/local-engine/corpus";
import { Bm25Index, chunkText, normalizeScore, searchTerms, splitSentences } from "@/lib/local-engine/retrieval";
import { createJson, engine, streamEvents } from "./helpers";

const openai = new OpenAI({ apiKey: "local", baseURL: "http://local-engine/v1", fetch: localEngineFetch as typeof fetch, maxRetries: 0 });

function message(output: Array<Record<string, any>>) {
  const msg = output.find((o) => o.type === "message")!;
  return msg.content[0] as { text: string; annotations: Array<Record<string, any>> };
}

describe("retrieval (BM25)", () => {
  it("tokenizes with stopwords, a light stemmer and CJK bigrams", () => {
    expect(searchTerms("How do the Volcanoes erupt?")).toEqual(["volcano", "erupt"]);
    expect(searchTerms("bees' honey")).toEqual(["bee", "honey"]);
    expect(searchTerms("太阳能")).toEqual(["太", "太阳", "阳", "阳能", "能"]);
  });

  it("ranks documents with more query words first, rare words above common ones, short documents above padded ones", () => {
    const index = new Bm25Index([
      { doc: "cat-mat", text: "the cat sat on the mat" },
      { doc: "zebra-cat", text: "a zebra and a cat" },
      { doc: "dogs", text: "dogs only" },
      { doc: "padded-zebra", text: "zebra " + "filler ".repeat(40) },
    ]);
    const hits = index.search("zebra cat", 10);
    expect(hits[0]!.doc).toBe("zebra-cat");
    expect(hits.map((h) => h.doc)).not.toContain("dogs");
    for (const h of hits) (expect(h.score).toBeGreaterThan(0), expect(h.score).toBeLessThan(1));
    // "zebra" is in 2 of 5 documents, "cat" in 3: a short zebra-only page beats a short cat-only page.
    const rare = new Bm25Index([
      { doc: "z", text: "zebra x" },
      { doc: "c", text: "cat x" },
      { doc: "c2", text: "cat y" },
      { doc: "c3", text: "cat z zebra" },
      { doc: "long-z", text: "zebra " + "filler ".repeat(40) },
    ]);
    const ranked = rare.search("zebra cat", 10).map((h) => h.doc);
    expect(ranked.indexOf("z")).toBeLessThan(ranked.indexOf("c"));
    expect(ranked.indexOf("z")).toBeLessThan(ranked.indexOf("long-z"));
    expect(normalizeScore(3)).toBe(0.5);
  });

  it("splits sentences with exact offsets, keeping decimals inside", () => {
    const text = "It is 2.5 m tall. Really? Yes!\nNext line。第二句。";
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text)).toEqual(["It is 2.5 m tall.", "Really?", "Yes!", "Next line。", "第二句。"]);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("chunks a long text into sentence groups of at most 120 words", () => {
    const sentence = "This sentence has exactly eight words in it. ";
    const chunks = chunkText(sentence.repeat(40));
    expect(chunks.length).toBe(3);
    for (const c of chunks) expect(c.text.split(/\s+/).length).toBeLessThanOrEqual(120);
  });

  it("the shipped corpus has 20–40 documents with titles and example-domain urls", () => {
    expect(WEB_CORPUS.length).toBeGreaterThanOrEqual(20);
    expect(WEB_CORPUS.length).toBeLessThanOrEqual(40);
    for (const doc of WEB_CORPUS) {
      expect(new URL(doc.url).hostname).toMatch(/(^|\.)example\.(com|org|net)$/);
      expect(doc.title.length).toBeGreaterThan(1);
    }
    expect(new Set(WEB_CORPUS.map((d) => d.id)).size).toBe(WEB_CORPUS.length);
    expect(searchCorpus("Why does the Moon cause tides?", 3)[0]!.doc.id).toBe("tides");
    expect(searchCorpus("太阳能电池的效率", 1)[0]!.doc.id).toBe("solar-cells-zh");
  });
});

describe("web search", () => {
  it("a web_search_call (in_progress → searching → completed), then an answer whose url_citations cover exactly the quoted words", async () => {
    const { events } = await streamEvents({
      model: "m",
      input: "How do bees tell each other where flowers are?",
      tools: [{ type: "web_search" }],
      include: ["web_search_call.action.sources"],
    });
    const types = events.map((e) => e.data.type);
    const order = ["response.web_search_call.in_progress", "response.web_search_call.searching", "response.web_search_call.completed"].map(
      (t) => types.indexOf(t),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const final = events.at(-1)!.data.response as Record<string, any>;
    const [call, msg] = final.output;
    expect(call).toMatchObject({
      type: "web_search_call",
      status: "completed",
      action: { type: "search", query: "How do bees tell each other where flowers are?" },
    });
    expect(call.action.sources[0]).toEqual({ type: "url", url: "https://nature.example.com/honeybees" });
    const part = msg.content[0];
    expect(part.annotations.length).toBeGreaterThan(0);
    for (const a of part.annotations) {
      expect(a.type).toBe("url_citation");
      const doc = WEB_CORPUS.find((d) => d.url === a.url)!;
      expect(a.title).toBe(doc.title);
      expect(doc.text).toContain(part.text.slice(a.start_index, a.end_index));
    }
    expect(part.text.slice(part.annotations[0].start_index, part.annotations[0].end_index)).toBe(
      "Worker bees tell each other where to find flowers with the waggle dance, whose angle points toward the food and whose length tells the distance.",
    );
    // Each annotation event comes right after the delta that completes its range.
    const added = events.filter((e) => e.data.type === "response.output_text.annotation.added");
    expect(added.map((e) => e.data.annotation_index)).toEqual(part.annotations.map((_: unknown, i: number) => i));
    expect(final.usage.input_tokens).toBeGreaterThan(50); // the pages read count as input (the prompt alone is 10 tokens)
  });

  it("without include, the search action has no sources; search_context_size low cites fewer pages", async () => {
    const { body } = await createJson({
      model: "m",
      input: "coffee history",
      tools: [{ type: "web_search_preview", search_context_size: "low" }],
    });
    expect(body.output[0].action.sources).toBeUndefined();
    expect(message(body.output).annotations.length).toBeLessThanOrEqual(2);
  });

  it("allowed_domains restricts the pages; no hit gives an honest answer without citations", async () => {
    const { body } = await createJson({
      model: "m",
      input: "volcanoes",
      tools: [{ type: "web_search", filters: { allowed_domains: ["space.example.org"] } }],
    });
    expect(message(body.output).annotations).toEqual([]);
    expect(message(body.output).text).toContain("found nothing about it");
  });
});

describe("vector stores and file search", () => {
  async function storeWith(files: Array<[string, string]>) {
    const uploaded = [];
    for (const [name, text] of files)
      uploaded.push(await openai.files.create({ file: await toFile(Buffer.from(text), name), purpose: "assistants" }));
    const store = await openai.vectorStores.create({ name: "Lesson", file_ids: uploaded.map((f) => f.id) });
    return { store, files: uploaded };
  }

  it("creates, lists, retrieves, attaches, searches and deletes through the official SDK", async () => {
    const { store, files } = await storeWith([
      ["dragons.md", "# Dragons\n\nAncient brown dragons breathe acid. They dig nests in deserts."],
    ]);
    expect(store).toMatchObject({ object: "vector_store", name: "Lesson", status: "completed", file_counts: { completed: 1, total: 1 } });
    expect(store.id).toMatch(/^vs_/);
    expect((await openai.vectorStores.list()).data.map((s) => s.id)).toContain(store.id);
    expect((await openai.vectorStores.retrieve(store.id)).usage_bytes).toBeGreaterThan(0);

    const more = await openai.files.create({
      file: await toFile(Buffer.from("Copper dragons love riddles."), "copper.txt"),
      purpose: "assistants",
    });
    const attached = await openai.vectorStores.files.create(store.id, { file_id: more.id, attributes: { kind: "metal" } });
    expect(attached).toMatchObject({ object: "vector_store.file", status: "completed", vector_store_id: store.id, last_error: null });
    expect((await openai.vectorStores.files.list(store.id)).data).toHaveLength(2);

    const page = await openai.vectorStores.search(store.id, { query: "what do brown dragons breathe" });
    expect(page.data[0]).toMatchObject({ file_id: files[0]!.id, filename: "dragons.md" });
    expect(page.data[0]!.content[0]!.text).toContain("breathe acid");
    const filtered = await openai.vectorStores.search(store.id, { query: "dragons", filters: { type: "eq", key: "kind", value: "metal" } });
    expect(filtered.data.map((d) => d.filename)).toEqual(["copper.txt"]);

    await openai.vectorStores.delete(store.id);
    await expect(openai.vectorStores.retrieve(store.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("a file that is not text fails to attach with unsupported_file", async () => {
    const pdf = await openai.files.create({
      file: await toFile(Buffer.from("%PDF-1.7\n\u0000\u0001binary"), "x.pdf"),
      purpose: "assistants",
    });
    const store = await openai.vectorStores.create({ file_ids: [pdf.id] });
    expect(store.file_counts).toMatchObject({ failed: 1, completed: 0 });
    const [file] = (await openai.vectorStores.files.list(store.id)).data;
    expect(file).toMatchObject({ status: "failed", last_error: { code: "unsupported_file" } });
  });

  it("file_search: a file_search_call with results (when included, scores 0–1) and file_citations at the end of each quoted sentence", async () => {
    const { store, files } = await storeWith([
      ["dragons.txt", "Ancient brown dragons live in deserts. They breathe acid that melts stone. A brown dragon can live for 2000 years."],
      ["cooking.txt", "Bread needs flour, water, salt and yeast. Knead the dough for ten minutes."],
    ]);
    const { events } = await streamEvents({
      model: "m",
      input: "How many years can a brown dragon live?",
      tools: [{ type: "file_search", vector_store_ids: [store.id], max_num_results: 5 }],
      include: ["file_search_call.results"],
    });
    const types = events.map((e) => e.data.type);
    expect(types).toContain("response.file_search_call.searching");
    const final = events.at(-1)!.data.response as Record<string, any>;
    const [call, msg] = final.output;
    expect(call).toMatchObject({ type: "file_search_call", status: "completed", queries: ["How many years can a brown dragon live?"] });
    expect(call.results[0]).toMatchObject({ file_id: files[0]!.id, filename: "dragons.txt" });
    for (const r of call.results) (expect(r.score).toBeGreaterThan(0), expect(r.score).toBeLessThanOrEqual(1));
    const part = msg.content[0];
    expect(part.annotations[0]).toEqual({
      type: "file_citation",
      file_id: files[0]!.id,
      filename: "dragons.txt",
      index: expect.any(Number),
    });
    const cited = part.text.slice(0, part.annotations[0].index);
    expect(cited.endsWith("A brown dragon can live for 2000 years.")).toBe(true);

    const plain = await createJson({ model: "m", input: "bread", tools: [{ type: "file_search", vector_store_ids: [store.id] }] });
    expect(plain.body.output[0].results).toBeNull();
  });

  it("an unknown vector store is a 400 before anything streams", async () => {
    const res = await engine("/responses", {
      json: { model: "m", input: "x", tools: [{ type: "file_search", vector_store_ids: ["vs_nope"] }] },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.param).toBe("tools[0].vector_store_ids");
  });
});
