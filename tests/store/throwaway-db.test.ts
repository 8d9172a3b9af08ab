import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { getStore } from "@/lib/store";
import { DEFAULT_SQLITE_PATH } from "@/lib/store/sqlite";

describe("unit tests' engine state", () => {
  it("lives in a throwaway SQLite file of this worker under the temp folder, not ./data/playground.db", () => {
    const store = getStore();
    expect(store?.kind).toBe("sqlite");
    const location = (store as { location: string }).location;
    expect(location).not.toBe(resolve(DEFAULT_SQLITE_PATH));
    expect(location.startsWith(resolve(tmpdir()))).toBe(true);
    expect(location).toMatch(/engine-[^/]+\.db$/);
  });
});
