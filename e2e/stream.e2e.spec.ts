import { expect, test } from "@playwright/test";
import { ask, events, fresh, output, prose as answerText, status as runStatus, statusWhenTextGrows } from "./support/page";

test("a prompt streams into Output while events arrive, ending in response.completed with usage", async ({ page }) => {
  await fresh(page);
  // A long prompt (the engine quotes it back) keeps the answer streaming for seconds, so "still streaming when the
  // text grew" is not a race against a two-second answer.
  const more = Array.from({ length: 30 }, (_, i) => `point ${i} about how each delta arrives as its own event`).join(". ");
  await ask(page, `Explain in plain words what a streaming response is, and why a playground shows every event. ${more}`);

  const status = runStatus(page);
  await expect(status).toHaveAttribute("data-status", "in_progress");
  const text = answerText(page);
  await expect(text).not.toBeEmpty();
  const early = (await text.innerText()).length;
  // Still streaming when the text grew: the status is read in the same frame as the growth.
  expect(await statusWhenTextGrows(page, early)).toBe("in_progress");

  await expect(status).toHaveAttribute("data-status", "completed");
  await expect(events(page).locator('[data-event-type="response.completed"]')).toBeVisible();
  // The list follows the newest event; scroll back to the top to see the first one.
  await events(page)
    .getByRole("list", { name: "Event list" })
    .evaluate((el) => (el.scrollTop = 0));
  await expect(events(page).getByRole("listitem").first()).toHaveAttribute("data-event-type", "response.created");
  const usage = page.getByRole("region", { name: "Usage" });
  await expect(usage).toContainText("Input tokens");
  await expect(usage).toContainText("Output tokens");
  await expect(text).toContainText("Explain in plain words");
});

test("clicking an event shows its JSON highlighted", async ({ page }) => {
  await fresh(page);
  await page.getByLabel("Message", { exact: true }).fill("Hello there");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "completed");
  await events(page).locator('[data-event-type="response.completed"]').click();
  const detail = page.getByLabel("Event JSON");
  await expect(detail).toContainText('"type": "response.completed"');
  await expect(detail.locator(".shiki")).toBeVisible();
  await expect(page.getByLabel("Event detail")).toContainText("finished");
});

test("Stop mid-stream keeps the partial text, and the engine sees the abort", async ({ page }) => {
  await fresh(page);
  const long = Array.from({ length: 60 }, (_, i) => `sentence number ${i} keeps the local engine talking for a while`).join(". ");
  await page.getByLabel("Message", { exact: true }).fill(long);
  await page.getByRole("button", { name: "Run" }).click();
  const prose = answerText(page);
  await expect(prose).toContainText("sentence number 1");
  const id = await page.getByTestId("response-id").innerText();
  await page.getByRole("button", { name: "Stop" }).click();

  await expect(runStatus(page)).toHaveAttribute("data-status", "cancelled");
  const partial = await prose.innerText();
  expect(partial.length).toBeGreaterThan(0);
  await expect(output(page)).toContainText("Stopped. The output that had arrived is kept.");

  // The engine noticed the client went away: the stored response is marked cancelled, not completed.
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/local/v1/responses/${id}`);
      return ((await res.json()) as { status: string }).status;
    })
    .toBe("cancelled");
  // Nothing arrived later: checked once the engine itself has ended the response (an event, not a fixed sleep).
  expect(await prose.innerText()).toBe(partial);
});

test("an API error is shown in plain words", async ({ page }) => {
  await fresh(page);
  // The proxy passes upstream errors through; here the upstream says the key is wrong.
  await page.route("**/api/v1/responses", (route) =>
    route.fulfill({
      status: 401,
      contentType: "application/json",
      body: JSON.stringify({
        error: { message: "Incorrect API key provided", type: "invalid_request_error", param: null, code: "invalid_api_key" },
      }),
    }),
  );
  await page.getByLabel("Message", { exact: true }).fill("hi");
  await page.getByRole("button", { name: "Run" }).click();
  const alert = output(page).getByRole("alert");
  await expect(alert).toContainText("The API key is missing or invalid");
  await expect(alert).toContainText("Incorrect API key provided");
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "failed");
});

test("what the user typed survives a reload", async ({ page }) => {
  await fresh(page);
  await page.getByLabel("Instructions").fill("Answer like a pirate.");
  await page.getByLabel("Message", { exact: true }).fill("Where is the treasure?");
  await page.reload();
  await expect(page.getByLabel("Instructions")).toHaveValue("Answer like a pirate.");
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("Where is the treasure?");
});

test("a non-streamed request renders the whole answer at once", async ({ page }) => {
  await fresh(page);
  await page.getByLabel("Stream").uncheck();
  await page.getByLabel("Message", { exact: true }).fill("No stream please");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "completed");
  await expect(answerText(page)).toContainText("No stream please");
  await expect(page.getByRole("region", { name: "Usage" })).toContainText("Output tokens");
});

test("the event list follows a stream until the user scrolls up, stays put while events arrive, and follows again at the bottom", async ({
  page,
}) => {
  await fresh(page);
  // A long answer (the engine echoes the prompt, one word per 20 ms): several seconds of events.
  await page.getByLabel("Message", { exact: true }).fill(Array.from({ length: 160 }, (_, i) => `word${i}`).join(" "));
  await page.getByRole("button", { name: "Run" }).click();
  const list = events(page).getByRole("list", { name: "Event list" });
  const lastIndex = async () =>
    Math.max(
      ...(await list.locator("[data-event-index]").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-event-index"))))),
    );
  const firstIndex = async () =>
    Math.min(
      ...(await list.locator("[data-event-index]").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-event-index"))))),
    );
  // Following: the newest event is among the rows, and the rows move on.
  await expect.poll(lastIndex).toBeGreaterThan(40);
  const seen = await lastIndex();
  await expect.poll(lastIndex).toBeGreaterThan(seen);
  await expect(runStatus(page)).toHaveAttribute("data-status", "in_progress");

  // The user scrolls up with the wheel: the view stays where they put it while events keep coming.
  await list.hover();
  await page.mouse.wheel(0, -100_000);
  await expect.poll(firstIndex).toBe(0);
  const countThen = Number(
    (
      await events(page)
        .getByText(/^\d+ events$/)
        .innerText()
    ).split(" ")[0],
  );
  await expect
    .poll(async () =>
      Number(
        (
          await events(page)
            .getByText(/^\d+ events$/)
            .innerText()
        ).split(" ")[0],
      ),
    )
    .toBeGreaterThan(countThen + 20);
  expect(await firstIndex()).toBe(0);
  await expect(list.locator('[data-event-index="0"]')).toHaveAttribute("data-event-type", "response.created");

  // Back at the bottom, it follows again, to the last event.
  await page.mouse.wheel(0, 1_000_000);
  await expect(runStatus(page)).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  await expect(list.locator('[data-event-type="response.completed"]')).toBeVisible();
});
