import { expect, test, type Page } from "@playwright/test";
import { makePng } from "../tests/support/images";

/**
 * The composer end to end: build requests with the form, read exactly what the upstream received from the local
 * engine's debug endpoint (LOCAL_ENGINE_DEBUG=1 in playwright.config.ts), and drive the form from Request JSON.
 */

const requestJson = (page: Page) => page.getByLabel("Request JSON", { exact: true });
const section = (page: Page, title: string) =>
  page
    .locator("details")
    .filter({ has: page.locator(`summary:has-text("${title}")`) })
    .first();

async function fresh(page: Page) {
  await page.goto("/");
  await expect(page.getByTestId("upstream-badge")).toHaveText("Local engine");
  await expect(page.getByLabel("Message", { exact: true })).toBeVisible();
}

async function open(page: Page, title: string) {
  const details = section(page, title);
  if ((await details.getAttribute("open")) === null) await details.locator("summary").first().click();
}

async function lastReceived(page: Page): Promise<Record<string, unknown>> {
  const res = await page.request.get("/api/local/v1/debug/requests");
  expect(res.status()).toBe(200);
  const list = (await res.json()) as { data: Array<{ path: string; body: Record<string, unknown> }> };
  const last = list.data.filter((r) => r.path === "/v1/responses").at(-1);
  if (!last) throw new Error("the engine received no request");
  return last.body;
}

async function runAndWait(page: Page) {
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "completed");
}

test("build a request with an uploaded image, an image URL, a function tool, reasoning and a json_schema format; the upstream receives exactly it", async ({
  page,
}) => {
  await fresh(page);
  const png = makePng(48, 32);
  const schema = {
    type: "object",
    properties: { caption: { type: "string" }, count: { type: "integer" } },
    required: ["caption", "count"],
    additionalProperties: false,
  };
  const parameters = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };

  await page.getByLabel("Message", { exact: true }).fill("Describe these two images.");
  await page.getByRole("button", { name: "+ Image" }).click();
  await page.getByLabel("Message 1 part 2 image URL").fill("https://example.com/cat.jpg");
  await page.getByLabel("Message 1: upload image").setInputFiles({ name: "chart.png", mimeType: "image/png", buffer: png });
  const uploaded = page.getByRole("group", { name: "Message 1 part 3" });
  await expect(uploaded.getByTestId("image-summary")).toHaveText(/PNG · 48×32/);
  await expect(uploaded.getByRole("img")).toBeVisible();

  await open(page, "Parameters");
  await page.getByLabel("reasoning.effort").selectOption("high");
  await page.getByLabel("reasoning.summary").selectOption("auto");
  await page.getByLabel("text.format", { exact: true }).selectOption("json_schema");
  await page.getByLabel("name", { exact: true }).fill("image_report");
  await page.getByLabel("schema", { exact: false }).first().fill(JSON.stringify(schema));

  await open(page, "Tools");
  await page.getByLabel("Add tool").selectOption("function");
  const tool = page.getByRole("group", { name: /^Tool 1: function/ });
  await tool.getByLabel("name", { exact: true }).fill("get_weather");
  await tool.getByLabel("description").fill("Current weather for a city");
  await tool.getByLabel(/^parameters/).fill(JSON.stringify(parameters));

  await expect(page.getByTestId("image-summary")).toBeVisible();
  await page.screenshot({ path: "test-results/composer-built.png", fullPage: false });
  await runAndWait(page);

  const body = await lastReceived(page);
  const dataUrl = `data:image/png;base64,${png.toString("base64")}`;
  expect(body).toEqual({
    model: "local-echo-1",
    input: [
      {
        role: "user",
        content: [
          { type: "input_text", text: "Describe these two images." },
          { type: "input_image", image_url: "https://example.com/cat.jpg", detail: "auto" },
          { type: "input_image", image_url: dataUrl, detail: "auto" },
        ],
      },
    ],
    stream: true,
    reasoning: { effort: "high", summary: "auto" },
    text: { format: { type: "json_schema", name: "image_report", strict: true, schema } },
    tools: [{ type: "function", name: "get_weather", description: "Current weather for a city", parameters, strict: true }],
  });
  // The uploaded image travelled as the file's own bytes.
  const sent = ((body.input as any[])[0].content[2].image_url as string).split(",")[1] ?? "";
  expect(Buffer.from(sent, "base64").equals(png)).toBe(true);
  // The engine answered with JSON that follows the schema.
  // The reasoning item comes first; the answer is the message item's text.
  const message = page.getByRole("region", { name: "Output" }).locator('[data-item-key^="msg_"]').last();
  const answer = JSON.parse(await message.locator(".prose-output").first().innerText()) as Record<string, unknown>;
  expect(answer).toEqual({ caption: "Describe these two images.", count: 4 });
});

test("paste a full request into Request JSON: the form follows, and Run sends exactly that body", async ({ page }) => {
  await fresh(page);
  await page.getByLabel("Message", { exact: true }).fill("first turn");
  await runAndWait(page);
  const previous = await page.getByTestId("response-id").innerText();

  const full = {
    model: "gpt-4.1",
    instructions: "Answer briefly.",
    input: [
      { role: "developer", content: "Use metric units." },
      { role: "user", content: [{ type: "input_text", text: "What should I wear?" }] },
    ],
    temperature: 0.3,
    max_output_tokens: 256,
    store: true,
    stream: false,
    previous_response_id: previous,
    metadata: { lesson: "7" },
    include: ["reasoning.encrypted_content"],
    tools: [
      {
        type: "function",
        name: "get_weather",
        description: "Weather",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
        strict: true,
      },
      { type: "web_search", search_context_size: "low", filters: { allowed_domains: ["weather.gov"] } },
      { type: "a_future_tool", dial: 11 },
    ],
    tool_choice: { type: "function", name: "get_weather" },
    future_parameter: { kept: true },
  };
  await requestJson(page).fill(JSON.stringify(full, null, 2));

  await expect(page.getByLabel("Model", { exact: true })).toHaveValue("gpt-4.1");
  await expect(page.getByLabel("Instructions")).toHaveValue("Answer briefly.");
  await expect(page.getByLabel("Message 1 role")).toHaveValue("developer");
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("Use metric units.");
  await expect(page.getByLabel("Message 2 part 1 text")).toHaveValue("What should I wear?");
  await expect(page.getByLabel("Stream")).not.toBeChecked();
  await open(page, "Parameters");
  await expect(page.getByLabel("temperature")).toHaveValue("0.3");
  await expect(page.getByLabel("max_output_tokens")).toHaveValue("256");
  await expect(page.getByRole("textbox", { name: "previous_response_id" })).toHaveValue(previous);
  await expect(page.getByLabel("metadata value 1")).toHaveValue("7");
  await expect(page.getByLabel("reasoning.encrypted_content")).toBeChecked();
  await open(page, "Tools");
  await expect(page.getByRole("group", { name: "Tool 1: function get_weather" })).toBeVisible();
  await expect(page.getByRole("group", { name: /^Tool 2: web_search/ }).getByLabel("filters.allowed_domains")).toHaveValue("weather.gov");
  await expect(page.getByRole("group", { name: /^Tool 3: a_future_tool/ })).toContainText("kept and sent exactly as written");
  await expect(page.getByLabel("tool_choice", { exact: true })).toHaveValue("function");

  // And back: a form edit shows up in the JSON at once.
  await page.getByLabel("temperature").fill("0.5");
  await expect(requestJson(page)).toHaveValue(/"temperature": 0\.5/);
  await page.getByLabel("temperature").fill("0.3");

  await runAndWait(page);
  expect(await lastReceived(page)).toEqual(full);
  // tool_choice forces get_weather, so the engine answers with that call (arguments valid for its strict schema).
  await expect(
    page
      .getByRole("region", { name: "Output" })
      .getByLabel(/^Function call/)
      .first(),
  ).toContainText("get_weather");
});

test("problems are shown inline with their path and Run refuses to send; invalid JSON keeps the last valid form", async ({ page }) => {
  await fresh(page);
  await requestJson(page).fill(JSON.stringify({ model: "local-echo-1", input: "hi", max_output_tokens: 8, temperature: 3 }));
  const problems = page.getByRole("list", { name: "Request problems" });
  await expect(problems).toContainText("max_output_tokens");
  await expect(problems).toContainText("Must be at least 16 (it is 8).");
  await expect(problems).toContainText("Must be at most 2 (it is 3).");
  await open(page, "Parameters");
  await expect(page.locator("#request-json").locator("..")).toBeVisible();
  await page.screenshot({ path: "test-results/composer-errors.png" });

  const before = (await (await page.request.get("/api/local/v1/debug/requests")).json()) as { data: unknown[] };
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not sent" })).toContainText("max_output_tokens: Must be at least 16");
  const after = (await (await page.request.get("/api/local/v1/debug/requests")).json()) as { data: unknown[] };
  expect(after.data.length).toBe(before.data.length);

  // Fix one in the form: the problem disappears.
  await page.getByLabel("max_output_tokens").fill("64");
  await expect(problems).not.toContainText("max_output_tokens");

  // Invalid JSON: the error says where, the form keeps the last valid body.
  await requestJson(page).fill('{ "model": "other", "input": }');
  await expect(page.getByTestId("json-syntax-error")).toContainText("line 1, column 30");
  await expect(page.getByLabel("Model", { exact: true })).toHaveValue("local-echo-1");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not sent" })).toContainText("Request JSON is not valid JSON");
});

test("images are checked in the page, files upload with progress, and everything survives a reload", async ({ page }) => {
  await fresh(page);
  await page.getByLabel("Message", { exact: true }).fill("Read my notes");
  await page.getByRole("button", { name: "+ File" }).click();

  // A text file pretending to be an image is refused with a clear message.
  await page
    .getByLabel("Message 1: upload image")
    .setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("not really a png") });
  await expect(page.getByRole("alert").filter({ hasText: "fake.png" })).toContainText("“fake.png” is not a PNG, JPEG, WEBP or GIF image");

  // Upload a file through /api/v1/files (held back a moment so the progress bar can be seen).
  await page.route("**/api/v1/files", async (route) => {
    await new Promise((r) => setTimeout(r, 600));
    await route.continue();
  });
  const notes = "Shopping list: apples, bread, coffee. Call the plumber on Tuesday.";
  await page
    .getByLabel("Message 1 part 2: upload file")
    .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from(notes) });
  await expect(page.getByLabel("Upload progress")).toBeVisible();
  await expect(page.getByRole("group", { name: "Message 1 part 2" }).getByLabel("file_id")).toHaveValue(/^file-[0-9a-f]{24}$/);
  await page.getByLabel("Message 1: upload image").setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: makePng(5, 7) });
  await expect(page.getByTestId("image-summary")).toHaveText(/PNG · 5×7/);

  await page.reload();
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("Read my notes");
  await expect(page.getByTestId("image-summary")).toHaveText(/PNG · 5×7/);
  await page.screenshot({ path: "test-results/composer-media.png" });

  await runAndWait(page);
  const output = page.getByRole("region", { name: "Output" });
  await expect(output).toContainText(`notes.txt, ${notes.length} bytes, beginning: «${notes}»`);
  await expect(output).toContainText("PNG, 5 × 7 pixels");
});
