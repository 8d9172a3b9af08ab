import { expect, test } from "@playwright/test";

test.describe("Chinese interface", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("a zh-CN browser gets Chinese labels, and the switch goes to English and back", async ({ page, context }) => {
    await context.clearCookies();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("button", { name: "示例" })).toBeVisible();
    await expect(page.getByRole("region", { name: "输出" })).toBeVisible();

    const language = page.getByRole("combobox", { name: "界面语言" });
    await language.selectOption("en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("button", { name: "Presets" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Output" })).toBeVisible();

    // The choice is a cookie: it outlives a reload and beats Accept-Language.
    await page.reload();
    await expect(page.getByRole("button", { name: "Presets" })).toBeVisible();

    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("button", { name: "示例" })).toBeVisible();
  });
});
