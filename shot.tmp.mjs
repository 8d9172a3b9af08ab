import { chromium } from "@playwright/test";
const [url, out, action] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync"] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(url);
await page.waitForTimeout(800);
if (action === "run") {
  await page.getByLabel("Message", { exact: true }).fill("What is the Responses API? Give me a short overview with a code example.");
  await page.getByRole("button", { name: "Run" }).click();
  await page.waitForTimeout(2500);
}
await page.screenshot({ path: out, fullPage: false });
await browser.close();
