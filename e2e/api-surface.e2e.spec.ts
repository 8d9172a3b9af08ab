import { expect, test } from "@playwright/test";
import { fresh, output, runJson } from "./support/page";

// These machines are shared (2 cores, several builds at once): a whole page run can take longer than the default.
test.describe.configure({ timeout: 90_000 });

/** Issue 16 items 7, 8, 10 through the real server: JSON 404/405, the token count and cost, Cancel. */

test("unknown paths and wrong methods under /api/v1 answer in the API's error shape", async ({ request }) => {
  const missing = await request.post("/api/v1/foo", { data: {} });
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toEqual({
    error: { message: "Invalid URL (POST /v1/foo)", type: "invalid_request_error", code: null, param: null },
  });
  const nested = await request.get("/api/v1/responses/resp_1/nope");
  expect(nested.status()).toBe(404);
  const wrong = await request.get("/api/v1/responses");
  expect(wrong.status()).toBe(405);
  expect(wrong.headers()["allow"]).toBe("POST");
  expect((await wrong.json()).error.type).toBe("invalid_request_error");
  const count = await request.post("/api/v1/responses/input_tokens", { data: { model: "gpt-5", input: "Tell me a joke." } });
  expect(await count.json()).toEqual({ object: "response.input_tokens", input_tokens: 4 });
});

test("the composer shows the input token count and its cost; a finished run shows its cost", async ({ page }) => {
  await fresh(page);
  const estimate = page.getByTestId("input-token-estimate");
  await page.getByLabel("Request JSON", { exact: true }).fill(JSON.stringify({ model: "gpt-5", input: "Tell me a joke." }));
  await expect(estimate).toHaveText(/^4 input tokens · ≈ \$0\.000005 input$/);
  await page
    .getByLabel("Request JSON", { exact: true })
    .fill(JSON.stringify({ model: "gpt-5", input: "Tell me a much longer joke, please." }));
  await expect(estimate).toHaveText(/^7 input tokens/);
  await runJson(page, { input: "hello there" });
  await expect(output(page).getByTestId("run-cost")).toContainText("≈ $0", { timeout: 30_000 });
});

test("a background run can be cancelled from the page", async ({ page }) => {
  await fresh(page);
  // Slow the engine for this run (the proxy forwards the pacing header), so Cancel comes before the end.
  await page.route("**/api/v1/responses", (route) =>
    route.continue({ headers: { ...route.request().headers(), "x-local-engine-delay-ms": "400" } }),
  );
  await runJson(page, {
    stream: false,
    background: true,
    background_options: { note: "shown" },
    input: "Write a very long answer about rivers and lakes and seas and oceans, with many words in it.",
  });
  const panel = page.getByTestId("background-run");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('background_options: {"note":"shown"}');
  await panel.getByRole("button", { name: "Cancel" }).click();
  await expect(panel).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });
  await expect(panel.getByRole("button", { name: "Cancel" })).toHaveCount(0);
});
