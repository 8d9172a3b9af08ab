import { expect, test, type Page, type Request } from "@playwright/test";
import { fresh, output, runJson, status } from "./support/page";

/** Function-call round trips and conversations, in both continuation modes, against the local engine. */

const SHOTS = process.env.E2E_SCREENSHOTS;

const weather = {
  type: "function",
  name: "get_current_weather",
  description: "Get the current weather in a given location",
  strict: true,
  parameters: {
    type: "object",
    properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
    required: ["location", "unit"],
    additionalProperties: false,
  },
};

const isResponsesPost = (r: Request) => r.url().endsWith("/api/v1/responses") && r.method() === "POST";

async function callWeather(page: Page, extra: Record<string, unknown> = {}) {
  await runJson(page, { input: "What's the weather in Boston?", tools: [weather], ...extra });
  await expect(status(page)).toHaveAttribute("data-status", "completed");
  const call = output(page).getByRole("article", { name: /Function call/ });
  await expect(call).toContainText("get_current_weather");
  await expect(call.getByLabel("Arguments of get_current_weather")).toContainText('"location": "Boston"');
}

test("function-call round trip with previous_response_id", async ({ page }) => {
  await fresh(page);
  await callWeather(page);
  const firstId = await page.getByTestId("response-id").innerText();

  // Nothing is sent while the call has no output.
  await output(page).getByRole("button", { name: "Send output" }).click();
  await expect(output(page).getByRole("alert")).toContainText("get_current_weather");
  await expect(output(page).getByRole("alert")).toContainText("has no output yet");
  await output(page).getByLabel("Output for get_current_weather").fill("{not json");
  await output(page).getByRole("button", { name: "Send output" }).click();
  await expect(output(page).getByRole("alert")).toContainText("not valid JSON");

  await output(page).getByLabel("Output for get_current_weather").fill('{"temperature": 18, "conditions": "light rain"}');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/function-call.png` });
  const sent = page.waitForRequest(isResponsesPost);
  await output(page).getByRole("button", { name: "Send output" }).click();
  const body = (await sent).postDataJSON() as Record<string, any>;
  expect(body.previous_response_id).toBe(firstId);
  expect(body.input).toHaveLength(1);
  expect(body.input[0]).toMatchObject({ type: "function_call_output", output: '{"temperature":18,"conditions":"light rain"}' });
  expect(body.tools[0].name).toBe("get_current_weather");

  await expect(status(page)).toHaveAttribute("data-status", "completed");
  const answer = output(page)
    .getByRole("article", { name: /Message/ })
    .last();
  await expect(answer).toContainText("You asked: «What's the weather in Boston?»");
  await expect(answer).toContainText("according to get_current_weather, temperature 18, conditions light rain");
  await expect(output(page).getByRole("list", { name: "Earlier turns" })).toContainText("get_current_weather");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/function-call-answer.png` });
});

test("function-call round trip by replaying the whole input (store: false)", async ({ page }) => {
  await fresh(page);
  await callWeather(page, { store: false });
  // A response sent with store: false cannot be continued by id: replay is the only choice.
  await expect(output(page).getByRole("radio", { name: /previous_response_id/ })).toBeDisabled();
  await expect(output(page).getByRole("radio", { name: /Replay the whole input/ })).toBeChecked();
  await output(page).getByRole("radio", { name: "Text (sent as typed)" }).check();
  await output(page).getByLabel("Output for get_current_weather").fill("Sunny, 24 °C");
  const sent = page.waitForRequest(isResponsesPost);
  await output(page).getByRole("button", { name: "Send output" }).click();
  const body = (await sent).postDataJSON() as Record<string, any>;
  expect(body.store).toBe(false);
  expect(body.previous_response_id).toBeUndefined();
  expect(body.input.map((i: { type?: string; role?: string }) => i.type ?? i.role)).toEqual([
    "user",
    "function_call",
    "function_call_output",
  ]);
  expect(body.input[2]).toMatchObject({ call_id: body.input[1].call_id, output: "Sunny, 24 °C" });
  await expect(status(page)).toHaveAttribute("data-status", "completed");
  await expect(
    output(page)
      .getByRole("article", { name: /Message/ })
      .last(),
  ).toContainText("according to get_current_weather, «Sunny, 24 °C»");
});

test("a two-turn conversation, continued by id, then by replay", async ({ page }) => {
  await fresh(page);
  await runJson(page, { input: "Remember the word banana." });
  await expect(status(page)).toHaveAttribute("data-status", "completed");

  await output(page).getByLabel("Reply").fill("Which word did I ask you to remember?");
  const second = page.waitForRequest(isResponsesPost);
  await output(page).getByRole("button", { name: "Send", exact: true }).click();
  expect(((await second).postDataJSON() as Record<string, unknown>).previous_response_id).toMatch(/^resp_/);
  await expect(status(page)).toHaveAttribute("data-status", "completed");
  const turns = output(page).getByRole("list", { name: "Earlier turns" });
  await expect(turns.getByRole("listitem", { name: "Turn 1" })).toContainText("Remember the word banana.");
  const latest = output(page)
    .getByRole("article", { name: /Message/ })
    .last();
  await expect(latest).toContainText("This is turn 2 of our conversation; earlier you said: «Remember the word banana.»");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/conversation.png` });

  await output(page)
    .getByRole("radio", { name: /Replay the whole input/ })
    .check();
  await output(page).getByLabel("Reply").fill("Thanks!");
  const third = page.waitForRequest(isResponsesPost);
  await output(page).getByRole("button", { name: "Send", exact: true }).click();
  const body = (await third).postDataJSON() as Record<string, any>;
  expect(body.store).toBe(false);
  expect(body.input.map((i: { role?: string; type?: string }) => i.role ?? i.type)).toEqual([
    "user",
    "assistant",
    "user",
    "assistant",
    "user",
  ]);
  await expect(status(page)).toHaveAttribute("data-status", "completed");
  await expect(turns.getByRole("listitem", { name: /^Turn \d+$/ })).toHaveCount(2);
  await expect(
    output(page)
      .getByRole("article", { name: /Message/ })
      .last(),
  ).toContainText("5 messages (3 user, 2 assistant)");
});
