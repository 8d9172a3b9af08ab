import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { events, fresh, output, runJson, status } from "./support/page";

/**
 * Rendering of output items, errors and the timeline. Requests are driven through the composer's "Request JSON"
 * box (the contract with the composer), against the local engine; item families the engine does not produce are
 * served from the reducer's fixtures.
 */

const SHOTS = process.env.E2E_SCREENSHOTS; // a directory: save the screenshots a reviewer looks at

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

interface StoredText {
  text: string;
  annotations: Array<{ type: string; start_index: number; end_index: number; url: string; title: string }>;
}

async function storedMessage(page: Page): Promise<StoredText> {
  const id = await page.getByTestId("response-id").innerText();
  const res = await page.request.get(`/api/local/v1/responses/${id}`);
  const body = (await res.json()) as { output: Array<{ type: string; content?: StoredText[] }> };
  return body.output.find((o) => o.type === "message")!.content![0]!;
}

test("web search: citations are links over exactly the cited words, with a hover card naming the source", async ({ page }) => {
  await fresh(page);
  await runJson(page, {
    input: "How do volcanoes and tectonic plates shape the Earth?",
    tools: [{ type: "web_search" }],
    include: ["web_search_call.action.sources"],
  });
  await expect(status(page)).toHaveAttribute("data-status", "completed");
  const search = output(page).getByRole("article", { name: /Web search/ });
  await expect(search).toContainText("How do volcanoes and tectonic plates shape the Earth?");
  await expect(search.getByRole("list", { name: "Web search sources" })).toContainText("earth.example.net/volcanoes");

  const { text, annotations } = await storedMessage(page);
  expect(annotations.length).toBeGreaterThanOrEqual(2);
  const links = output(page).locator("a[data-citation]");
  await expect(links).toHaveCount(annotations.length);
  for (const [i, a] of annotations.entries()) {
    const link = links.nth(i);
    await expect(link).toHaveText(text.slice(a.start_index, a.end_index));
    await expect(link).toHaveAttribute("href", a.url);
    await expect(link).toHaveAttribute("target", "_blank");
  }
  await links.first().hover();
  const card = page.getByRole("tooltip");
  await expect(card).toContainText(annotations[0]!.title);
  await expect(card).toContainText(new URL(annotations[0]!.url).hostname);
  await shot(page, "web-search-citations");
  await expect(output(page).getByRole("group", { name: "Sources" })).toContainText(annotations[1]!.title);
});

test("file search over an uploaded file: results with scores and a file chip at the cited sentence", async ({ page }) => {
  await fresh(page);
  const upload = await page.request.post("/api/local/v1/files", {
    multipart: {
      purpose: "assistants",
      file: {
        name: "dragons.txt",
        mimeType: "text/plain",
        buffer: Buffer.from("Ancient brown dragons breathe acid. A brown dragon can live for 2000 years. They hoard copper coins."),
      },
    },
  });
  const file = (await upload.json()) as { id: string };
  const store = (await (await page.request.post("/api/v1/vector_stores", { data: { name: "Bestiary", file_ids: [file.id] } })).json()) as {
    id: string;
  };
  await runJson(page, {
    input: "How many years can a brown dragon live?",
    tools: [{ type: "file_search", vector_store_ids: [store.id] }],
    include: ["file_search_call.results"],
  });
  await expect(status(page)).toHaveAttribute("data-status", "completed");
  const results = output(page).getByRole("list", { name: "File search results" });
  await expect(results).toContainText("dragons.txt");
  await expect(results).toContainText(/0\.\d{3}/);
  const chip = output(page).getByTestId("file-chip").first();
  await expect(chip).toHaveText("dragons.txt");
  // The chip sits right after the sentence it cites.
  const paragraph = await chip.locator("xpath=..").textContent();
  expect(paragraph).toContain("A brown dragon can live for 2000 years.dragons.txt");
});

test("reasoning: summary parts stream in before the answer, with the reasoning token count", async ({ page }) => {
  await fresh(page);
  await runJson(page, { model: "local-reasoner-1", input: "Why is the sky blue?", reasoning: { effort: "low", summary: "detailed" } });
  const reasoning = output(page).getByRole("article", { name: /Reasoning/ });
  await expect(reasoning.getByRole("list", { name: "Reasoning summary" })).toContainText("Reading the request");
  await expect(status(page)).toHaveAttribute("data-status", "completed");
  await expect(reasoning.getByRole("listitem")).toHaveCount(3);
  await expect(reasoning).toContainText(/\d+ reasoning tokens/);
  await expect(page.getByRole("region", { name: "Usage" })).toContainText("Output tok/s");
  await shot(page, "reasoning-summary");
});

test("a 429 is explained in plain words with the retry-after seconds", async ({ page }) => {
  await fresh(page);
  await runJson(page, { input: "Hello again [429]" });
  const alert = output(page).getByRole("alert");
  await expect(alert).toContainText("Too many requests (429 Rate limit)");
  await expect(alert).toContainText("wait 2 s (retry-after)");
  await expect(alert).toContainText("retry-after: 2 s");
  await expect(status(page)).toHaveAttribute("data-status", "failed");
});

test("a mid-stream failure keeps the partial text and says what happened; so does an error event", async ({ page }) => {
  await fresh(page);
  await runJson(page, { input: "Tell me about rivers [fail]" });
  await expect(status(page)).toHaveAttribute("data-status", "failed");
  const alert = output(page).getByRole("alert");
  await expect(alert).toContainText("The model stopped with a server error");
  await expect(alert).toContainText("response.failed");
  const message = output(page).getByRole("article", { name: /Message/ });
  await expect(message).toContainText("Tell me about rivers [fail]");
  await expect(message).toContainText("This message is incomplete.");
  await shot(page, "failed-run");

  await runJson(page, { input: "And now the sea [error-event]" });
  await expect(status(page)).toHaveAttribute("data-status", "failed");
  await expect(output(page).getByRole("alert")).toContainText("error event");
  await expect(output(page).getByRole("article", { name: /Message/ })).toContainText("And now the sea");
  await expect(events(page).locator('[data-event-type="error"]')).toBeVisible();
});

test("timeline ↔ output: filter and search events; an event rings its item; an item shows its events", async ({ page }) => {
  await fresh(page);
  await runJson(page, { input: "What causes ocean tides?", tools: [{ type: "web_search" }], reasoning: { summary: "concise" } });
  await expect(status(page)).toHaveAttribute("data-status", "completed");
  const list = events(page).getByRole("list", { name: "Event list" });

  await events(page)
    .getByRole("button", { name: /^Hosted tools/ })
    .click();
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await expect(list.getByRole("listitem").nth(1)).toHaveAttribute("data-event-type", "response.web_search_call.searching");
  await list.getByRole("listitem").nth(1).click();
  const webSearch = output(page).getByRole("article", { name: /Web search/ });
  await expect(webSearch).toHaveAttribute("data-highlighted", "true");
  await expect(page.getByLabel("Event detail")).toContainText("The web search is running.");
  await events(page)
    .getByRole("button", { name: /^Hosted tools/ })
    .click();

  await events(page).getByLabel("Search events").fill("url_citation");
  await expect(events(page)).toContainText(/Showing \d+ of \d+ events/);
  await expect(list.getByRole("listitem").first()).toHaveAttribute("data-event-type", "response.output_text.annotation.added");
  await list.getByRole("listitem").first().click();
  await expect(output(page).getByRole("article", { name: /Message/ })).toHaveAttribute("data-highlighted", "true");
  await expect(webSearch).not.toHaveAttribute("data-highlighted", "true");
  await shot(page, "timeline-filter");
  await events(page).getByLabel("Search events").fill("");

  const reasoning = output(page).getByRole("article", { name: /Reasoning/ });
  await reasoning.getByRole("button", { name: /Show the \d+ events of this reasoning/ }).click();
  await expect(events(page).getByRole("status")).toContainText("Events of reasoning");
  const types = await list.getByRole("listitem").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-event-type")));
  expect(types.length).toBeGreaterThan(0); // every() on an empty list would pass
  expect(
    types.every(
      (t) => t === "response.output_item.added" || t === "response.output_item.done" || t!.startsWith("response.reasoning_summary"),
    ),
  ).toBe(true);
  await events(page).getByRole("button", { name: "Show all events" }).click();
  await expect(events(page).getByRole("status")).toHaveCount(0);
});

test("item families the engine does not produce render from their fixtures; an MCP approval is sent back", async ({ page }) => {
  await fresh(page);
  const bodies: Array<Record<string, unknown>> = [];
  const fixtures = ["mcp", "canonical-text"].map((name) => readFileSync(`tests/fixtures/${name}.sse`, "utf8"));
  await page.route("**/api/v1/responses", async (route) => {
    bodies.push(JSON.parse(route.request().postData() ?? "{}") as Record<string, unknown>);
    await route.fulfill({ status: 200, contentType: "text/event-stream", body: fixtures[Math.min(bodies.length - 1, 1)]! });
  });
  await runJson(page, {
    input: "use the wiki",
    tools: [{ type: "mcp", server_label: "deepwiki", server_url: "https://mcp.example.com/sse" }],
  });
  await expect(status(page)).toHaveAttribute("data-status", "completed");
  await expect(output(page).getByRole("article", { name: /MCP tools/ })).toContainText("ask_question");
  await expect(output(page).getByRole("article", { name: /MCP call/ })).toContainText("SSEDecoder");
  await output(page).getByRole("button", { name: "Approve" }).click();
  await expect.poll(() => bodies.length).toBe(2);
  expect(bodies[1]).toMatchObject({
    previous_response_id: "resp_mcp_1",
    input: [{ type: "mcp_approval_response", approval_request_id: "mcpr_1", approve: true }],
  });
  await expect(output(page).getByRole("list", { name: "Earlier turns" })).toContainText("delete_wiki");
  await expect(output(page)).toContainText("✓ Approved");

  for (const [name, label, text] of [
    ["computer-call", /Computer call/, "left click at (640, 200)"],
    ["image-generation", /Image generation/, "Final image"],
    ["code-interpreter", /Code interpreter/, "1.4142135623730951"],
    ["custom-tool-call", /Custom tool call/, "print('hello')"],
    ["unknown-item", /hologram call/, '"beam"'],
  ] as const) {
    await page.unroute("**/api/v1/responses");
    const body = readFileSync(`tests/fixtures/${name}.sse`, "utf8");
    await page.route("**/api/v1/responses", (route) => route.fulfill({ status: 200, contentType: "text/event-stream", body }));
    await runJson(page, {
      input: name,
      tools: [{ type: "computer_use_preview", display_width: 1280, display_height: 800, environment: "browser" }],
    });
    await expect(status(page)).toHaveAttribute("data-status", "completed");
    await expect(output(page).getByRole("article", { name: label }).first()).toContainText(text);
    if (name === "computer-call") await expect(output(page).getByRole("img", { name: /^Display 1280×800: left click/ })).toBeVisible();
  }
});
