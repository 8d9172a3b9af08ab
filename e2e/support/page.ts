import { expect, type Page } from "@playwright/test";

/** What the specs share: the page's regions, a clean start, and running a whole request body. */

export const output = (page: Page) => page.getByRole("region", { name: "Output" });
export const events = (page: Page) => page.getByRole("region", { name: "Events" });
export const status = (page: Page) => page.getByTestId("run-status");

/** The playground with nothing left from an earlier test: no settings in localStorage, no draft in IndexedDB. */
export async function fresh(page: Page) {
  await page.goto("/");
  await page.evaluate(async () => {
    window.localStorage.clear();
    window.sessionStorage.clear();
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase("responses-playground");
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    });
  });
  await page.reload();
  await expect(page.getByTestId("upstream-badge")).toHaveText("Local engine");
}

/** Puts a whole body into Request JSON (the composer follows) and presses Run. */
export async function runJson(page: Page, body: Record<string, unknown>) {
  await page.getByLabel("Request JSON", { exact: true }).fill(JSON.stringify({ model: "local-echo-1", stream: true, ...body }));
  await page.getByRole("button", { name: "Run", exact: true }).click();
}

/** The first rendered answer text in Output. */
export const prose = (page: Page) => output(page).locator(".prose-output").first();

/** Types a message into the composer and presses Run. */
export async function ask(page: Page, message: string) {
  await page.getByLabel("Message", { exact: true }).fill(message);
  await page.getByRole("button", { name: "Run", exact: true }).click();
}

/**
 * Watches the answer text in the page, each animation frame, until it grows past `from` characters; returns the
 * run status read in that same frame (so "still streaming when it grew" is checked at the moment of growth).
 */
export async function statusWhenTextGrows(page: Page, from: number): Promise<string | null> {
  return prose(page).evaluate(
    (el, from) =>
      new Promise<string | null>((resolve) => {
        const check = () => {
          const status = document.querySelector('[data-testid="run-status"]')?.getAttribute("data-status") ?? null;
          if ((el as HTMLElement).innerText.length > from) resolve(status);
          else requestAnimationFrame(check);
        };
        check();
      }),
    from,
  );
}
