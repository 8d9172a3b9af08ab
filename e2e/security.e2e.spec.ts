import { expect, test } from "@playwright/test";
import { fresh, output, runJson, status } from "./support/page";

/**
 * Hostile model output and a stream cut mid-answer, in a real browser against the local engine's documented
 * triggers (`[xss]`, `[cut]`; lib/local-engine/README.md).
 */

test("[xss]: script tags, onerror, javascript: links and hostile citations render as text; no dialog opens, no script runs", async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/");
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("'nonce-");
  expect(csp).toContain("object-src 'none'");
  expect(res?.headers()["x-content-type-options"]).toBe("nosniff");
  await fresh(page);

  await runJson(page, { input: "Show me hostile output [xss]" });
  await expect(status(page)).toHaveAttribute("data-status", "completed");
  const out = output(page);
  await expect(out).toContainText("This sentence cites a hostile source.");
  await expect(out.getByRole("link", { name: "A safe link" })).toHaveAttribute("href", "https://example.com/safe");

  // Nothing hostile reached the DOM as markup.
  expect(await out.locator("script, iframe, svg[onload], img[onerror], object, embed").count()).toBe(0);
  const hrefs = await out.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:|#|\/)/);
  const handlers = await out.evaluate((root) =>
    [...root.querySelectorAll("*")].flatMap((el) =>
      [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.tagName} ${a.name}`),
    ),
  );
  expect(handlers).toEqual([]);

  // The hostile citation: hovering it shows its title as text; its javascript: URL is not a live link.
  await out.locator("[data-citation]").first().hover();
  await out.locator("[data-citation]").first().click();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(violations).toEqual([]);
});

test("[cut]: a stream cut mid-answer keeps the text and says so in plain words", async ({ page }) => {
  await fresh(page);
  await runJson(page, { input: "Tell me a long story about the sea and the wind and the boats [cut]" });
  await expect(status(page)).toHaveAttribute("data-status", "interrupted");
  await expect(page.getByText("The stream ended before the response finished. The output that had arrived is kept.")).toBeVisible();
  await expect(output(page)).toContainText("Tell me a long story");
  // Nothing crashed: the next run works.
  await runJson(page, { input: "Hello again" });
  await expect(status(page)).toHaveAttribute("data-status", "completed");
});

test("Settings: your key stays in sessionStorage, goes with each request, and an internal base URL is refused in plain words", async ({
  page,
}) => {
  const KEY = "sk-e2e-caller-key-0123456789";
  await fresh(page);
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByLabel("Your API key", { exact: true }).fill(KEY);
  await page.getByLabel("Base URL", { exact: true }).fill("http://localhost:1/v1");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  expect(await page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith("rp.caller")))).toEqual([]);
  expect(await page.evaluate(() => window.sessionStorage.getItem("rp.caller-settings.v1"))).toContain(KEY);

  const sent = page.waitForRequest((r) => r.url().endsWith("/api/v1/responses") && r.method() === "POST");
  await runJson(page, { input: "Hello" });
  const request = await sent;
  expect(request.headers()["authorization"]).toBe(`Bearer ${KEY}`);
  expect(request.headers()["x-playground-base-url"]).toBe("http://localhost:1/v1");
  await expect(status(page)).toHaveAttribute("data-status", "failed");
  await expect(page.getByText("That base URL points at an internal address")).toBeVisible();
  expect(await page.locator("body").innerText()).not.toContain(KEY);

  // Forget: back to the local engine.
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Forget" }).click();
  await expect(page.getByTestId("upstream-badge")).toHaveText("Local engine");
});
