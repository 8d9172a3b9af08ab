import { expect, test } from "@playwright/test";

/** Compare: the composer's request as Responses and as Chat Completions, both sent at once, side by side. */

const SHOTS = process.env.E2E_SCREENSHOTS;
const PNG_1PX = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

test("a compare run with a function tool and an image: both columns answer, the chat column shows the tool call", async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.getByTestId("upstream-badge")).toHaveText("Local engine");
  await page.request.delete("/api/local/v1/debug/requests");

  const body = {
    model: "local-echo-1",
    instructions: "Answer briefly.",
    input: [
      {
        role: "user",
        content: [
          { type: "input_text", text: "What is the weather in Boston? Also look at this picture." },
          { type: "input_image", image_url: PNG_1PX, detail: "low" },
        ],
      },
    ],
    tools: [
      {
        type: "function",
        name: "get_weather",
        description: "Current weather for a city",
        strict: true,
        parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"], additionalProperties: false },
      },
      { type: "web_search" },
    ],
    reasoning: { effort: "low", summary: "auto" },
  };
  await page.getByLabel("Request JSON").fill(JSON.stringify(body));
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /Compare/ });
  await expect(dialog).toBeVisible();

  // The translation and what it could not carry, in plain words.
  const notTranslated = dialog.getByRole("region", { name: "Not translated" });
  await expect(notTranslated).toContainText("tools[1]");
  await expect(notTranslated).toContainText("web search");
  await expect(notTranslated).toContainText("reasoning.summary");
  await expect(notTranslated).toContainText("reasoning summaries");
  const chatRequest = dialog.getByRole("region", { name: "Chat Completions request" });
  await expect(chatRequest).toContainText('"image_url"');
  await expect(chatRequest).toContainText('"include_usage": true');

  await dialog.getByRole("button", { name: "Run both" }).click();

  const responses = dialog.getByRole("region", { name: "Responses", exact: true });
  const chat = dialog.getByRole("region", { name: "Chat Completions", exact: true });
  await expect(responses.getByTestId("run-status")).toHaveAttribute("data-status", "completed");
  await expect(chat.getByTestId("chat-status")).toHaveAttribute("data-status", "done");

  // Responses: the function call item; Chat Completions: the assembled tool call, finish_reason and usage.
  await expect(responses).toContainText("get_weather");
  const call = chat.getByTestId("chat-tool-call");
  await expect(call).toHaveCount(1);
  await expect(call).toContainText("get_weather");
  await expect(call).toContainText('"location": "Boston"');
  await expect(chat).toContainText("tool_calls");
  await expect(chat.getByRole("list", { name: "Chat Completions chunks" })).toContainText("[DONE]");
  await expect(chat.getByRole("list", { name: "Chat Completions chunks" })).toContainText("usage");
  await expect(responses.getByRole("list", { name: "Responses events" })).toContainText("response.completed");

  // The engine received the chat body with the image part.
  const seen = (await (await page.request.get("/api/local/v1/debug/requests")).json()) as { data: Array<{ path: string; body: any }> };
  const chatBody = seen.data.find((r) => r.path.endsWith("/chat/completions"))?.body;
  expect(chatBody.messages[0]).toEqual({ role: "system", content: "Answer briefly." });
  expect(chatBody.messages[1].content[1]).toEqual({ type: "image_url", image_url: { url: PNG_1PX, detail: "low" } });
  expect(chatBody.tools).toEqual([{ type: "function", function: expect.objectContaining({ name: "get_weather" }) }]);
  expect(chatBody.stream_options).toEqual({ include_usage: true });
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/compare.png`, fullPage: true });

  // A second run without the tool: the same text in both columns.
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.getByLabel("Request JSON").fill(JSON.stringify({ model: "local-echo-1", input: "Same words in both APIs" }));
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await dialog.getByRole("button", { name: "Run both" }).click();
  await expect(chat.getByTestId("chat-status")).toHaveAttribute("data-status", "done");
  await expect(responses.getByTestId("run-status")).toHaveAttribute("data-status", "completed");
  await expect(chat).toContainText("Same words in both APIs");
  await expect(responses).toContainText("Same words in both APIs");
  await expect(dialog.getByRole("region", { name: "Not translated" })).toContainText(
    "Everything in this request has a Chat Completions equivalent",
  );
});

test("Code has a Chat Completions form, and a permalink shows the Chat translation with what was dropped", async ({ page }) => {
  await page.goto("/");
  const body = {
    model: "local-echo-1",
    input: "Hello both APIs",
    previous_response_id: "resp_earlier",
    tools: [{ type: "file_search", vector_store_ids: ["vs_1"] }],
  };
  await page.getByLabel("Request JSON").fill(JSON.stringify(body));
  await page.getByRole("button", { name: "Code", exact: true }).click();
  const code = page.getByRole("dialog", { name: /Code for this request/ });
  await code.getByRole("radio", { name: "Chat Completions" }).check();
  await code.getByRole("tab", { name: "TypeScript" }).click();
  await expect(code).toContainText("client.chat.completions.create");
  await expect(code).toContainText("previous_response_id: Chat Completions keeps no server-side conversation");
  await code.getByRole("radio", { name: "Responses" }).check();
  await expect(code).toContainText("client.responses.create");
  await code.getByRole("button", { name: "Close" }).click();

  const shared = await page.request.post("/api/share", { data: { title: "Compare me", request: body } });
  expect(shared.status()).toBe(201);
  const { path } = (await shared.json()) as { path: string };
  await page.goto(path);
  await page.getByText("As Chat Completions").click();
  const request = page.getByRole("region", { name: "Request" });
  await expect(request.getByRole("region", { name: "Not translated" })).toContainText("previous_response_id");
  await expect(request.getByRole("region", { name: "Not translated" })).toContainText("file search");
  await expect(request).toContainText('"messages"');
});
