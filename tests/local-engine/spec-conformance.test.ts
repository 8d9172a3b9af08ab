import { readFileSync } from "node:fs";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { normalizeInput } from "@/lib/local-engine/input";
import { EngineRun } from "@/lib/local-engine/run";
import { parseCreateResponseBody } from "@/lib/local-engine/schema";
import { messageScript, ResponseFailure } from "@/lib/local-engine/scripts";
import { encodeSseEvent } from "@/lib/local-engine/sse";
import { buildTurn } from "@/lib/local-engine/turn";
import { sseErrorRecord } from "@/lib/upstream/forward";
import { createJson, engine, parseSse, streamEvents, type SseEvent } from "./helpers";
import { WEATHER_TOOL } from "../support/tools";
import { findOpenApiSpec, skipUnlessAvailable } from "../support/required";

/**
 * Spec conformance: every event of every scenario is validated against the official OpenAPI spec's
 * `ResponseStreamEvent` union (and the schema of its own event type), every Response object against `Response`,
 * and the list/model/error bodies against their schemas. The spec lives outside the repo
 * (`../shared/reference/openai-openapi.yaml`); without it this file is skipped with a warning.
 */

const SPEC_PATH = findOpenApiSpec() ?? "";
// Under CI=true a missing spec fails (tests/support/required.ts); elsewhere it skips with a warning.
const specExists = !skipUnlessAvailable(
  SPEC_PATH !== "",
  "the official OpenAPI spec (../shared/reference/openai-openapi.yaml or OPENAI_SPEC_PATH)",
);

const SPEC_ID = "https://spec.local/openai-openapi.json";

describe.skipIf(!specExists)("conformance with the official OpenAPI spec", () => {
  let ajv: Ajv2020;
  /** Event `type` → the schema name that defines it, taken from the spec's own `ResponseStreamEvent` union. */
  const eventSchemaByType = new Map<string, string>();
  const validators = new Map<string, ValidateFunction>();

  function validator(schemaName: string): ValidateFunction {
    let validate = validators.get(schemaName);
    if (!validate) {
      validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${schemaName}`);
      if (!validate) throw new Error(`schema ${schemaName} not found in the spec`);
      validators.set(schemaName, validate);
    }
    return validate;
  }

  function expectValid(schemaName: string, value: unknown, label: string): void {
    const validate = validator(schemaName);
    if (!validate(value)) {
      throw new Error(`${label} does not match #/components/schemas/${schemaName}:\n${describeErrors(validate.errors)}`);
    }
  }

  function expectValidEvent(event: SseEvent, label: string): void {
    const type = event.data.type;
    expect(event.event, `${label}: SSE event name`).toBe(type);
    const own = eventSchemaByType.get(type);
    if (!own) throw new Error(`${label}: event type '${type}' is not a member of ResponseStreamEvent`);
    // The event's own schema gives a readable error; the union is what the spec actually promises.
    expectValid(own, event.data, `${label} (${type} #${event.data.sequence_number})`);
    expectValid("ResponseStreamEvent", event.data, `${label} (${type} #${event.data.sequence_number})`);
    if ("response" in event.data) expectValid("Response", event.data.response, `${label} (${type}).response`);
  }

  beforeAll(() => {
    // Parsed once for the whole file (the YAML is ~3 MB).
    const spec = parse(readFileSync(SPEC_PATH, "utf8")) as Record<string, any>;
    spec.$id = SPEC_ID;

    // OpenAPI 3.1 schemas are JSON Schema 2020-12. `strict: false` lets Ajv skip the OpenAPI-only annotation
    // keywords (`x-oaiMeta`, `x-stainless-const`, `example`, `deprecated`, …) and `discriminator`: Ajv's own
    // discriminator support needs every branch to declare the tag as a required const, which the spec does not
    // always do; ignoring it loses nothing, because the `oneOf` it annotates still requires exactly one branch
    // to match. No assertion keyword is ignored.
    ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
    addFormats(ajv);
    // Formats the spec uses that ajv-formats does not define; registered with real checks rather than ignored.
    ajv.addFormat("unixtime", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= 0 });
    ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
    ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
    ajv.addFormat("float", { type: "number", validate: (n: number) => Number.isFinite(n) });
    ajv.addFormat("binary", { type: "string", validate: () => true });
    ajv.addFormat("png", { type: "string", validate: () => true });
    ajv.addSchema(spec);

    const union = spec.components.schemas.ResponseStreamEvent.anyOf as Array<{ $ref: string }>;
    for (const { $ref } of union) {
      const name = $ref.split("/").pop()!;
      const schema = spec.components.schemas[name];
      for (const type of schema?.properties?.type?.enum ?? []) eventSchemaByType.set(type, name);
    }
    expect(eventSchemaByType.size).toBeGreaterThan(50);
  }, 30_000);

  const scenarios: Array<[string, Record<string, unknown>]> = [
    ["plain text", { model: "local-echo-1", input: "Hello, spec!" }],
    [
      "instructions and options",
      {
        model: "gpt-4.1",
        instructions: "Answer like a teacher.",
        input: [{ role: "user", content: [{ type: "input_text", text: "What is SSE?" }] }],
        temperature: 0.2,
        top_p: 0.9,
        metadata: { lesson: "1" },
        user: "student-7",
        safety_identifier: "hash-123",
        service_tier: "fast",
        text: { format: { type: "text" }, verbosity: "low" },
        tools: [
          {
            type: "function",
            name: "get_time",
            parameters: { type: "object", properties: {}, required: [], additionalProperties: false },
            strict: true,
          },
        ],
        tool_choice: "none",
        reasoning: { effort: "low", summary: "auto" },
      },
    ],
    ["incomplete (max_output_tokens)", { model: "local-echo-1", input: "Tell me a long story.", max_output_tokens: 16 }],
    [
      "mixed input items",
      {
        model: "local-echo-1",
        input: [
          { role: "developer", content: "Be exact." },
          {
            role: "user",
            content: [
              { type: "input_text", text: "Look" },
              { type: "input_image", image_url: "https://example.com/x.png" },
            ],
          },
          { role: "assistant", content: "Earlier answer." },
          { type: "message", role: "user", content: "Now?" },
        ],
      },
    ],
    [
      "reasoning summary (detailed, encrypted content)",
      {
        model: "local-reasoner-1",
        input: "Why is the sky blue?",
        reasoning: { effort: "high", summary: "detailed" },
        include: ["reasoning.encrypted_content"],
      },
    ],
    ["reasoning without a summary", { model: "local-reasoner-1", input: "Think quietly." }],
    ["function call", { model: "local-echo-1", input: "What's the weather in Boston?", tools: [WEATHER_TOOL] }],
    [
      "parallel function calls with a reasoning summary",
      {
        model: "local-echo-1",
        input: "Weather in Oslo and the stock price of ACME",
        tools: [
          WEATHER_TOOL,
          {
            type: "function",
            name: "get_stock_price",
            strict: false,
            parameters: { type: "object", properties: { symbol: { type: "string" } }, required: ["symbol"] },
          },
        ],
        reasoning: { summary: "auto" },
      },
    ],
    [
      "web search with citations",
      {
        model: "local-echo-1",
        input: "How do volcanoes and tectonic plates shape the Earth?",
        tools: [{ type: "web_search_preview", search_context_size: "high" }],
        include: ["web_search_call.action.sources"],
      },
    ],
    ["refusal", { model: "local-echo-1", input: "Do it anyway [refuse]" }],
    ["failed ([fail])", { model: "local-echo-1", input: "Start, then fail [fail]" }],
  ];

  it.each(scenarios)("every streamed event of '%s' matches the spec", async (label, body) => {
    const { events } = await streamEvents(body);
    expect(events.length).toBeGreaterThan(8);
    for (const event of events) expectValidEvent(event, label);
  });

  it.each(scenarios)("the non-streamed Response of '%s' matches the spec", async (label, body) => {
    const { res, body: response } = await createJson(body);
    expect(res.status).toBe(200);
    expectValid("Response", response, label);
  });

  it("every event of a continuation (previous_response_id) matches the spec", async () => {
    const first = await createJson({ model: "local-echo-1", input: "Turn one." });
    const { events } = await streamEvents({ model: "local-echo-1", input: "Turn two.", previous_response_id: first.body.id });
    for (const event of events) expectValidEvent(event, "continuation");
    const retrieved = await (await engine(`/responses/${first.body.id}`)).json();
    expectValid("Response", retrieved, "retrieved response");
  });

  it("every event of a background stream (with response.queued) matches the spec, and so does a cancelled response", async () => {
    const res = await engine("/responses", { json: { model: "local-echo-1", input: "background", background: true, stream: true } });
    const events = parseSse(await res.text());
    expect(events.map((e) => e.data.type)).toContain("response.queued");
    for (const event of events) expectValidEvent(event, "background");

    const slow = await engine("/responses", { json: { model: "local-echo-1", input: "cancel me", background: true }, delayMs: 1000 });
    const { id } = (await slow.json()) as { id: string };
    const cancelled = await (await engine(`/responses/${id}/cancel`, { method: "POST" })).json();
    expectValid("Response", cancelled, "cancelled response");
  });

  it("every event of a failed response (a script throwing ResponseFailure) matches the spec", async () => {
    const request = parseCreateResponseBody(JSON.stringify({ model: "local-echo-1", input: "fail" }));
    const turn = buildTurn(request, normalizeInput(request.input));
    const failing = function* () {
      throw new ResponseFailure("server_error", "Simulated failure.");
    };
    const run = new EngineRun({ turn, scripts: [messageScript("msg_1", "partial"), failing], store: false, background: false });
    let text = "";
    for await (const event of run.events(0)) text += encodeSseEvent(event);
    const events = parseSse(text);
    expect(events[events.length - 1]!.data.type).toBe("response.failed");
    for (const event of events) expectValidEvent(event, "failed");
  });

  it("a function-call answer using the outputs (previous_response_id and replayed input) matches the spec", async () => {
    const first = await createJson({ model: "local-echo-1", input: "weather in Lima?", tools: [WEATHER_TOOL] });
    const call = (first.body.output as Array<Record<string, any>>).find((o) => o.type === "function_call")!;
    const output = { type: "function_call_output", call_id: call.call_id, output: JSON.stringify({ temperature: 19 }) };
    const chained = await streamEvents({
      model: "local-echo-1",
      previous_response_id: first.body.id,
      tools: [WEATHER_TOOL],
      input: [output],
      reasoning: { summary: "concise" },
    });
    for (const event of chained.events) expectValidEvent(event, "function answer (chained)");
    const replayed = await streamEvents({
      model: "local-echo-1",
      store: false,
      tools: [WEATHER_TOOL],
      input: [{ role: "user", content: "weather in Lima?" }, call, output],
    });
    for (const event of replayed.events) expectValidEvent(event, "function answer (replayed)");
    const items = await (await engine(`/responses/${first.body.id}/input_items`)).json();
    expectValid("ResponseItemList", items, "input_items");
  });

  it("file search with citations and included results, and the vector store endpoints, match the spec", async () => {
    const form = new FormData();
    form.set("purpose", "assistants");
    form.set(
      "file",
      new Blob(["Ancient brown dragons breathe acid. A brown dragon can live for 2000 years. They hoard copper coins."]),
      "dragons.txt",
    );
    const file = (await (await engine("/files", { method: "POST", body: form })).json()) as { id: string };
    const store = await (
      await engine("/vector_stores", { json: { name: "Dragons", file_ids: [file.id], metadata: { lesson: "7" } } })
    ).json();
    expectValid("VectorStoreObject", store, "vector store");
    expectValid("ListVectorStoresResponse", await (await engine("/vector_stores")).json(), "vector store list");
    const attached = await (
      await engine(`/vector_stores/${store.id}/files`, { json: { file_id: file.id, attributes: { topic: "dragons" } } })
    ).json();
    expectValid("VectorStoreFileObject", attached, "vector store file");
    expectValid("ListVectorStoreFilesResponse", await (await engine(`/vector_stores/${store.id}/files`)).json(), "vector store files");
    const page = await (await engine(`/vector_stores/${store.id}/search`, { json: { query: "how long do dragons live" } })).json();
    expectValid("VectorStoreSearchResultsPage", page, "search results");

    const body = {
      model: "local-echo-1",
      input: "How long can a brown dragon live?",
      tools: [{ type: "file_search", vector_store_ids: [store.id], max_num_results: 4 }, { type: "web_search" }],
      include: ["file_search_call.results"],
    };
    const { events } = await streamEvents(body);
    expect(events.map((e) => e.data.type)).toContain("response.output_text.annotation.added");
    for (const event of events) expectValidEvent(event, "file search");
    const { body: response } = await createJson(body);
    expectValid("Response", response, "file search (not streamed)");

    expectValid(
      "DeleteVectorStoreFileResponse",
      await (await engine(`/vector_stores/${store.id}/files/${file.id}`, { method: "DELETE" })).json(),
      "detach",
    );
    expectValid(
      "DeleteVectorStoreResponse",
      await (await engine(`/vector_stores/${store.id}`, { method: "DELETE" })).json(),
      "delete store",
    );
  });

  it("an in-stream error event ([error-event]) matches ResponseErrorEvent, and a 429 ([429]) matches ErrorResponse", async () => {
    const { events } = await streamEvents({ model: "local-echo-1", input: "go [error-event]" });
    expect(events.at(-1)!.data.type).toBe("error");
    for (const event of events) expectValidEvent(event, "error event");
    const limited = await engine("/responses", { json: { model: "local-echo-1", input: "go [429]", stream: true } });
    expect(limited.status).toBe(429);
    expectValid("ErrorResponse", await limited.json(), "429");
  });

  it("the proxy's own error record (flat and nested) matches ResponseErrorEvent", () => {
    const record = sseErrorRecord("upstream_stream_broken", "The connection broke.", 5);
    const data = JSON.parse(record.split("\n")[1]!.slice("data: ".length)) as SseEvent["data"];
    expectValidEvent({ event: "error", data }, "proxy error record");
  });

  it("input token counts match TokenCountsResource; a cancelled background response matches Response", async () => {
    const counted = await engine("/responses/input_tokens", { json: { model: "gpt-5", input: "Tell me a joke." } });
    expectValid("TokenCountsResource", await counted.json(), "input_tokens");
    const { body } = await createJson({ model: "local-echo-1", input: "A long answer, please.", background: true }, { delayMs: 40 });
    expectValid("Response", body, "queued background response");
    const cancelled = await (await engine(`/responses/${body.id}/cancel`, { method: "POST" })).json();
    expect(cancelled.status).toBe("cancelled");
    expectValid("Response", cancelled, "cancelled response");
  });

  it("the hosted-shell events the reducer folds (declared locally from the 7.x SDK) match the spec's schemas", () => {
    const samples: Array<Record<string, unknown>> = [
      { type: "response.shell_call_command.added", output_index: 0, command_index: 0, command: "" },
      { type: "response.shell_call_command.delta", output_index: 0, command_index: 0, delta: "ls", obfuscation: "xy" },
      { type: "response.shell_call_command.done", output_index: 0, command_index: 0, command: "ls" },
      { type: "response.shell_call_output_content.delta", item_id: "sho_1", output_index: 1, command_index: 0, delta: { stdout: "a" } },
      {
        type: "response.shell_call_output_content.done",
        item_id: "sho_1",
        output_index: 1,
        command_index: 0,
        output: [{ stdout: "a", stderr: "", outcome: { type: "exit", exit_code: 0 } }],
      },
    ];
    samples.forEach((data, i) => {
      expectValidEvent({ event: data.type as string, data: { ...data, sequence_number: i } as SseEvent["data"] }, "shell event");
    });
  });

  it("input_items pages match ResponseItemList", async () => {
    const { body } = await createJson(scenarios[3]![1]);
    const page = await (await engine(`/responses/${body.id}/input_items?limit=100`)).json();
    expectValid("ResponseItemList", page, "input_items");
    const small = await (await engine(`/responses/${body.id}/input_items?limit=1&order=asc`)).json();
    expectValid("ResponseItemList", small, "input_items page");
  });

  it("model listings match ListModelsResponse and Model", async () => {
    expectValid("ListModelsResponse", await (await engine("/models")).json(), "models list");
    expectValid("Model", await (await engine("/models/local-echo-1")).json(), "model");
  });

  it("error bodies match ErrorResponse", async () => {
    const bodies = [
      await engine("/responses", { method: "POST", body: "not json" }),
      await engine("/responses", { json: { input: "no model" } }),
      await engine("/responses", { json: { model: "m", temperature: 9 } }),
      await engine("/responses/resp_missing"),
      await engine("/unknown"),
    ];
    for (const res of bodies) expectValid("ErrorResponse", await res.json(), `error ${res.status}`);
  });

  it("conversation objects: ConversationResource, ConversationItemList, ConversationItem, DeletedConversationResource", async () => {
    const created = (await (
      await engine("/conversations", { json: { items: [{ role: "user", content: "Hi" }], metadata: { a: "b" } } })
    ).json()) as { id: string };
    expectValid("ConversationResource", created, "created conversation");
    const { body: response } = await createJson({ model: "m", conversation: created.id, input: "Hello again" });
    expectValid("Response", response, "response in a conversation");
    const list = (await (await engine(`/conversations/${created.id}/items?order=asc`)).json()) as { data: { id: string }[] };
    expectValid("ConversationItemList", list, "item list");
    expect(list.data).toHaveLength(3);
    const item = await (await engine(`/conversations/${created.id}/items/${list.data[0]!.id}`)).json();
    expectValid("ConversationItem", item, "one item");
    expectValid(
      "DeletedConversationResource",
      await (await engine(`/conversations/${created.id}`, { method: "DELETE" })).json(),
      "deleted",
    );
  });

  it("the validator is not vacuous: a delta without logprobs and a response without tools are rejected", () => {
    const badDelta = {
      type: "response.output_text.delta",
      item_id: "m",
      output_index: 0,
      content_index: 0,
      delta: "x",
      sequence_number: 1,
    };
    expect(validator("ResponseStreamEvent")(badDelta)).toBe(false);
    expect(validator("ResponseStreamEvent")({ ...badDelta, logprobs: [] })).toBe(true);
    expect(validator("Response")({ id: "r", object: "response", created_at: 1, output: [] })).toBe(false);
  });
});

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 12)
    .map((e) => `  ${e.instancePath || "(root)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`)
    .join("\n");
}
