import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { fresh } from "./support/page";
import { E2E_DATABASE_FILE } from "./support/e2e-env";

/**
 * The whole teaching loop through the page itself: build a request, run it, Share it with its recording, open the
 * link in a fresh browser, and replay. Also: presets load and run offline, and the code export is there to copy.
 */

const KEYISH = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";

test("build, run, Share with the recording, then replay it in a fresh browser", async ({ page, browser }) => {
  await fresh(page);
  await page.getByLabel("Instructions").fill("Answer for a classroom.");
  await page.getByLabel("Message", { exact: true }).fill("Show the class how a streamed answer is built, event by event.");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "completed");
  const output = page.getByRole("region", { name: "Output" });
  const answer = (await output.locator(".prose-output").first().innerText()).trim();
  const body = JSON.parse(await page.getByLabel("Request JSON", { exact: true }).inputValue()) as Record<string, unknown>;

  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share" });
  await dialog.getByLabel("Title").fill("Streaming, event by event");
  const include = dialog.getByRole("checkbox", { name: /Include the recording/ });
  await expect(include).toBeEnabled();
  await include.check();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByLabel("Permalink").inputValue();
  expect(url).toMatch(/\/p\/[A-Za-z0-9_-]{22}$/);

  const context = await browser.newContext();
  const viewer = await context.newPage();
  const posted: string[] = [];
  viewer.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/responses")) posted.push(r.url());
  });
  const response = await viewer.goto(url);
  const html = (await response?.text()) ?? "";
  await expect(viewer.getByRole("heading", { level: 1 })).toHaveText("Streaming, event by event");
  expect(JSON.parse((await viewer.getByLabel("Request JSON").textContent()) ?? "null")).toEqual(body);

  await viewer.getByLabel("Speed").selectOption("instant");
  await viewer.getByRole("button", { name: "Play", exact: true }).click();
  await expect(viewer.getByTestId("run-status")).toHaveAttribute("data-status", "completed");
  expect((await viewer.getByRole("region", { name: "Output" }).locator(".prose-output").first().innerText()).trim()).toBe(answer);

  // Step through the first events one at a time.
  await viewer.getByLabel("Scrub").fill("0");
  const timeline = viewer.getByRole("region", { name: "Events" });
  for (const [i, type] of ["response.created", "response.in_progress", "response.output_item.added"].entries()) {
    await viewer.getByRole("button", { name: "Step ›" }).click();
    await expect(timeline.getByRole("listitem")).toHaveCount(i + 1);
    await expect(timeline.getByRole("listitem").nth(i)).toHaveAttribute("data-event-type", type);
  }
  expect(posted).toEqual([]);
  expect(html).not.toMatch(/sk-[A-Za-z0-9_-]{8,}/);
  await context.close();

  // Nothing key-shaped sits in the database file either.
  expect(readFileSync(E2E_DATABASE_FILE).toString("latin1")).not.toMatch(/sk-[A-Za-z0-9_-]{8,}/);
});

test("a key typed into the request is removed before the permalink is stored", async ({ page }) => {
  await fresh(page);
  await page.getByLabel("Message", { exact: true }).fill(`my key is ${KEYISH} please keep it`);
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  await expect(dialog).toContainText("Removed because they looked like keys");
  const url = await dialog.getByLabel("Permalink").inputValue();
  const html = await (await page.request.get(url)).text();
  expect(html).not.toContain(KEYISH);
  expect(readFileSync(E2E_DATABASE_FILE).toString("latin1")).not.toContain(KEYISH);
});

test("the file search preset uploads its file, builds a vector store, and runs offline with file citations", async ({ page }) => {
  await fresh(page);
  await page.getByRole("button", { name: "Presets" }).click();
  const presets = page.getByRole("dialog", { name: /Presets/ });
  await expect(presets.getByRole("list", { name: "Presets" }).getByRole("listitem")).toHaveCount(7);
  await presets.getByRole("button", { name: /Load the .*file search.* preset/i }).click();
  await expect(presets).toBeHidden();
  const body = JSON.parse(await page.getByLabel("Request JSON", { exact: true }).inputValue()) as {
    tools: Array<{ vector_store_ids?: string[] }>;
  };
  expect(body.tools[0]?.vector_store_ids?.[0]).toMatch(/^vs_/);
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "completed");
  // The answer cites the uploaded file by name.
  await expect(page.getByRole("region", { name: "Output" }).getByText("dragons.txt").first()).toBeVisible();
});

test("Code shows the request as curl, Python and TypeScript, ready to copy", async ({ page }) => {
  await fresh(page);
  await page.getByLabel("Message", { exact: true }).fill("Export me");
  await page.getByRole("button", { name: "Code" }).click();
  const dialog = page.getByRole("dialog", { name: "Code for this request" });
  await expect(dialog).toContainText("curl");
  await expect(dialog).toContainText("$OPENAI_API_KEY");
  await expect(dialog).toContainText("/api/local/v1/responses");
  await dialog.getByRole("tab", { name: "Python" }).click();
  await expect(dialog).toContainText("from openai import OpenAI");
  await dialog.getByRole("tab", { name: "TypeScript" }).click();
  await expect(dialog).toContainText('import OpenAI from "openai"');
  await expect(dialog.getByRole("button", { name: /Copy/ })).toBeVisible();
});
