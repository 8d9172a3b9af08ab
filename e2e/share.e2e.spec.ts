import { createClient } from "@libsql/client";
import { expect, test, type Page } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { eventRecordInput, type EventRecordInput } from "@/lib/responses/event-log";
import { parseSseMessage, readSse } from "@/lib/responses/sse";
import { recordingFromLog, recordingToFileText, type Recording } from "@/lib/share/recording";
import { fragmentUrl } from "@/lib/share/fragment";
import { E2E_DATABASE_FILE } from "./support/e2e-env";

/**
 * Share a real recorded run, then open its permalink in a fresh browser context: the same request JSON, the replay
 * reaching the same rendered answer, stepping event by event, and no key anywhere (page HTML, database rows).
 * (The full-UI flow, composer → Run → Share button, is added when the composer lands.)
 */

const KEY = "sk-test-e2eSECRETabcdefghijklmnopqrstuvwxyz0123";

interface RecordedRun {
  request: Record<string, unknown>;
  recording: Recording;
  answer: string;
}

/** Runs a streamed request through the app's proxy exactly as the playground does, timing every event. */
async function recordRun(baseURL: string, request: Record<string, unknown>): Promise<RecordedRun> {
  const started = performance.now();
  const res = await fetch(`${baseURL}/api/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-playground-upstream": "local" },
    body: JSON.stringify(request),
  });
  expect(res.status).toBe(200);
  if (!res.body) throw new Error("no body");
  const records: EventRecordInput[] = [];
  let answer = "";
  for await (const message of readSse(res.body)) {
    const parsed = parseSseMessage(message);
    if (parsed.kind === "done") break;
    records.push(eventRecordInput(parsed, performance.now() - started));
    if (parsed.kind === "event" && parsed.event.type === "response.output_text.delta") answer += String(parsed.event.delta);
  }
  return { request, recording: recordingFromLog({ request, records, startedAt: new Date(), end: { reason: "ended" } }), answer };
}

/** The text a reader sees once markdown is rendered: markers gone, whitespace collapsed. */
function plainText(markdown: string): string {
  return markdown
    .split("\n")
    .map((line) => line.replace(/^\s*(#{1,6}\s+|>\s?|[-*]\s+|\d+\.\s+)/, ""))
    .join("\n")
    .replace(/\*\*|__|`/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

async function renderedText(page: Page): Promise<string> {
  const texts = await page.getByRole("region", { name: "Output" }).locator(".prose-output").allInnerTexts();
  return texts.join(" ").replace(/\s+/g, " ").trim();
}

async function dbDump(): Promise<string> {
  const client = createClient({ url: `file:${resolve(E2E_DATABASE_FILE)}` });
  try {
    const rs = await client.execute("SELECT * FROM permalinks");
    return JSON.stringify(rs.rows);
  } finally {
    client.close();
  }
}

test("a shared recorded run opens in a fresh browser, shows the same request, replays to the same answer, and steps event by event", async ({
  browser,
  baseURL,
  request: api,
}) => {
  const run = await recordRun(baseURL ?? "", {
    model: "local-echo-1",
    instructions: "Answer in plain words.",
    input: [{ role: "user", content: [{ type: "input_text", text: "Explain what a permalink replay shows, step by step." }] }],
    stream: true,
  });
  expect(run.recording.events.length).toBeGreaterThan(20);
  expect(run.answer).toContain("Explain what a permalink replay shows");

  // The Authorization header must not matter: it is never read, let alone stored.
  const created = await api.post("/api/share", {
    data: { title: "Permalink replay, step by step", request: run.request, recording: run.recording },
    headers: { authorization: `Bearer ${KEY}` },
  });
  expect(created.status()).toBe(201);
  const { id, path } = (await created.json()) as { id: string; path: string };
  expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);

  // A fresh context: no cookies, no storage, nothing from the page that shared it.
  const context = await browser.newContext();
  const page = await context.newPage();
  const sent: string[] = [];
  page.on("request", (r) => {
    if (/\/api\/(v1|local|share)/.test(r.url())) sent.push(`${r.method()} ${r.url()}`);
  });
  await page.goto(path);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Permalink replay, step by step");
  const json = await page.getByLabel("Request JSON").textContent();
  expect(JSON.parse(json ?? "null")).toEqual(run.request);
  await expect(page.getByLabel("Request summary")).toContainText("local-echo-1");
  await expect(page.getByLabel("Request summary")).toContainText("Answer in plain words.");
  await expect(page.getByTestId("replay-position")).toHaveText(`0 / ${run.recording.events.length}`);

  // Replay to the end, instantly: the same answer as the live run, rendered by the same components.
  await page.getByLabel("Speed").selectOption("instant");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "completed");
  await expect(page.getByTestId("replay-position")).toHaveText(`${run.recording.events.length} / ${run.recording.events.length}`);
  expect(await renderedText(page)).toBe(plainText(run.answer));
  await expect(page.getByRole("region", { name: "Usage" })).toContainText("Output tokens");
  const timeline = page.getByRole("region", { name: "Events" });
  await expect(timeline.locator('[data-event-type="response.completed"]')).toBeVisible();

  // Back to the start, then one event at a time: the timeline grows by one, the explanation follows.
  await page.getByLabel("Scrub").fill("0");
  await expect(page.getByTestId("replay-position")).toHaveText(`0 / ${run.recording.events.length}`);
  await expect(timeline.getByRole("listitem")).toHaveCount(0);
  for (let i = 1; i <= 8; i++) {
    await page.getByRole("button", { name: "Step ›" }).click();
    await expect(page.getByTestId("replay-position")).toHaveText(`${i} / ${run.recording.events.length}`);
    const type = run.recording.events[i - 1]?.type ?? "";
    await expect(timeline.getByRole("listitem")).toHaveCount(i);
    await expect(timeline.getByRole("listitem").nth(i - 1)).toHaveAttribute("data-event-type", type);
    await expect(page.getByTestId("replay-now")).toContainText(type);
  }
  await expect(page.getByTestId("replay-now")).toContainText("The next small piece of the answer's text");
  // Partway through, only part of the answer is there.
  const partial = await renderedText(page);
  expect(partial.length).toBeGreaterThan(0);
  expect(partial.length).toBeLessThan(plainText(run.answer).length);
  await page.getByRole("button", { name: "Step back" }).click();
  await expect(page.getByTestId("replay-position")).toHaveText(`7 / ${run.recording.events.length}`);
  await expect(timeline.getByRole("listitem")).toHaveCount(7);

  // Clicking an event in the timeline explains it (the same detail panel as a live run).
  await timeline.getByRole("listitem").first().click();
  await expect(page.getByLabel("Event detail")).toContainText("created the response");

  // Timed playback can be paused mid-way, and stays put.
  await page.getByLabel("Speed").selectOption("0.25");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
  await expect.poll(async () => Number((await page.getByTestId("replay-position").textContent())?.split(" / ")[0])).toBeGreaterThan(8);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  const paused = await page.getByTestId("replay-position").textContent();
  await page.waitForTimeout(400);
  expect(await page.getByTestId("replay-position").textContent()).toBe(paused);
  expect(Number(paused?.split(" / ")[0])).toBeLessThan(run.recording.events.length);

  // Opening and replaying a permalink never sent a request.
  expect(sent).toEqual([]);

  // Export recording downloads the same recording.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export recording" }).click()]);
  expect(download.suggestedFilename()).toBe("permalink-replay-step-by-step.recording.json");
  const file = JSON.parse(
    await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8")),
  ) as Recording;
  expect(file.events).toEqual(run.recording.events);

  // Open in playground hands the request over and goes to the playground.
  await page.getByRole("button", { name: "Open in playground" }).click();
  // The playground takes it into an editable composer (once), and sends nothing by itself.
  await expect(page).toHaveURL(/\/$/);
  const composerJson = page.getByRole("region", { name: "Request" }).getByLabel("Request JSON", { exact: true });
  await expect.poll(async () => JSON.parse((await composerJson.inputValue()) || "null")).toEqual(run.request);
  expect(await page.evaluate(() => window.sessionStorage.getItem("rp.handoff.request"))).toBeNull();
  await page.waitForTimeout(300);
  // Counting the input's tokens is not running it: only a POST that would generate counts here.
  expect(sent.filter((r) => r.startsWith("POST") && r.includes("/responses") && !r.endsWith("/responses/input_tokens"))).toEqual([]);
  await context.close();
});

test("keys never reach the database or the page: the header is ignored, key-shaped fields are dropped or redacted", async ({
  request: api,
}) => {
  const created = await api.post("/api/share", {
    headers: { authorization: `Bearer ${KEY}` },
    data: {
      title: "Keys must not leak",
      request: { model: "local-echo-1", input: `my key is ${KEY}`, api_key: KEY, metadata: { token: `Bearer ${KEY}` } },
      headers: { Authorization: `Bearer ${KEY}` },
      recording: {
        version: 1,
        request: { model: "local-echo-1", api_key: KEY },
        events: [
          {
            atMs: 3,
            type: "response.created",
            raw: JSON.stringify({ type: "response.created", response: { id: "resp_1", instructions: KEY } }),
          },
        ],
      },
    },
  });
  expect(created.status()).toBe(201);
  const { id, removed } = (await created.json()) as { id: string; removed: string[] };
  expect(removed).toEqual(
    expect.arrayContaining([
      "request.input",
      "request.api_key",
      "request.metadata.token",
      "recording.request.api_key",
      "recording.events[0].raw",
    ]),
  );

  const html = await (await api.get(`/p/${id}`)).text();
  expect(html).toContain("Keys must not leak");
  expect(html).toContain("my key is [redacted]");
  expect(html).not.toContain("sk-test");
  expect(html).not.toContain("e2eSECRET");
  const json = await (await api.get(`/api/share/${id}`)).text();
  expect(json).not.toContain("e2eSECRET");

  const rows = await dbDump();
  expect(rows).toContain(id);
  expect(rows).not.toContain("sk-test");
  expect(rows).not.toContain("e2eSECRET");
});

test("an unknown permalink is a 404 page; a stateless link decodes the request from the fragment", async ({ page }) => {
  const missing = await page.goto("/p/AAAAAAAAAAAAAAAAAAAAAA");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This permalink does not exist" })).toBeVisible();

  const request = { model: "gpt-4.1", input: "Hello from a link that stores nothing, 你好", temperature: 0.3 };
  const url = await fragmentUrl("", { title: "Stateless", request });
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stateless");
  expect(JSON.parse((await page.getByLabel("Request JSON").textContent()) ?? "null")).toEqual(request);
  await expect(page.getByRole("region", { name: "Output" })).toContainText("No recorded run was shared");

  await page.goto("/p#r=broken");
  await expect(page.getByRole("alert").filter({ hasText: "damaged" })).toBeVisible();
});

test("a recording exported to a file imports back at /replay, replays offline, and can be shared from there", async ({
  page,
  baseURL,
}, testInfo) => {
  const run = await recordRun(baseURL ?? "", { model: "local-echo-1", input: "Replay me in a classroom without network.", stream: true });
  const file = testInfo.outputPath("classroom.recording.json");
  writeFileSync(file, recordingToFileText({ ...run.recording, title: "Classroom replay" }));
  const bad = testInfo.outputPath("bad.recording.json");
  writeFileSync(bad, JSON.stringify({ version: 1, request: { model: "m" }, events: [{ type: "x" }] }));

  await page.goto("/replay");
  await page.getByLabel("Recording file").setInputFiles(bad);
  await expect(page.getByRole("alert").filter({ hasText: "The recording is damaged" })).toContainText("`events[0].atMs`");

  await page.getByLabel("Recording file").setInputFiles(file);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Classroom replay");
  expect(JSON.parse((await page.getByLabel("Request JSON").textContent()) ?? "null")).toEqual(run.request);
  await page.getByLabel("Speed").selectOption("4");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "completed");
  expect(await renderedText(page)).toBe(plainText(run.answer));

  // Share it: the dialog stores request + recording and gives a permalink that replays the same run.
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share" });
  await expect(dialog.getByLabel("Title")).toHaveValue("Classroom replay");
  await expect(dialog.getByLabel(/Include the recording/)).toBeChecked();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Permalink").inputValue();
  expect(link).toMatch(/\/p\/[A-Za-z0-9_-]{22}$/);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Classroom replay");
  await expect(page.getByTestId("replay-position")).toHaveText(`0 / ${run.recording.events.length}`);
});
