import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { it } from "vitest";

/**
 * No silent green: a suite that needs something outside the repo (PostgreSQL, the official OpenAPI spec) skips
 * with a warning on a developer's machine, but under `CI=true` the missing piece is a failing test, not a skip.
 * Returns true when the suite must be skipped.
 */
export function skipUnlessAvailable(available: boolean, what: string): boolean {
  if (available) return false;
  if (process.env.CI === "true" || process.env.CI === "1") {
    it(`has ${what} (required under CI=true)`, () => {
      throw new Error(`${what} is missing; under CI=true this is a failure, not a skip`);
    });
  } else {
    console.warn(`SKIPPED: ${what} is missing`);
  }
  return true;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The official OpenAPI spec: `OPENAI_SPEC_PATH`, else `shared/reference/openai-openapi.yaml` in the nearest folder
 * above the repo that has one (`../shared` beside a checkout, `../../shared` beside a worktree), else null.
 */
export function findOpenApiSpec(): string | null {
  if (process.env.OPENAI_SPEC_PATH) return existsSync(process.env.OPENAI_SPEC_PATH) ? process.env.OPENAI_SPEC_PATH : null;
  let dir = path.resolve(here, "../../..");
  for (;;) {
    const candidate = path.join(dir, "shared/reference/openai-openapi.yaml");
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
