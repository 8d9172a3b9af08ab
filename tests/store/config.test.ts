import { describe, expect, it } from "vitest";
import { storeConfigFromEnv } from "@/lib/store";
import { parseByteSize } from "@/lib/share/limits";
import { newPermalinkId } from "@/lib/store/ids";

describe("store selection by DATABASE_URL", () => {
  it.each([
    [undefined, { kind: "sqlite", path: "./data/playground.db" }],
    ["", { kind: "sqlite", path: "./data/playground.db" }],
    ["file:./data/other.db", { kind: "sqlite", path: "file:./data/other.db" }],
    ["postgres://u:p@db:5432/play", { kind: "postgres", connectionString: "postgres://u:p@db:5432/play" }],
    ["postgresql://db/play", { kind: "postgres", connectionString: "postgresql://db/play" }],
    ["none", { kind: "none" }],
  ])("%s", (url, expected) => {
    expect(storeConfigFromEnv({ DATABASE_URL: url })).toMatchObject(expected);
  });

  it("refuses an unknown scheme with a message that does not echo credentials", () => {
    expect(() => storeConfigFromEnv({ DATABASE_URL: "mysql://root:hunter2@db/x" })).toThrow(/must be a postgres:\/\/ .*got "mysql:…"/);
    expect(() => storeConfigFromEnv({ DATABASE_URL: "mysql://root:hunter2@db/x" })).not.toThrow(/hunter2/);
  });

  it("SHARE_MAX_BYTES accepts bytes and KB/MB, defaulting to 2 MB", () => {
    expect(storeConfigFromEnv({}).maxBytes).toBe(2 * 1024 * 1024);
    expect(parseByteSize("1000")).toBe(1000);
    expect(parseByteSize("512kb")).toBe(512 * 1024);
    expect(parseByteSize("5 MB")).toBe(5 * 1024 * 1024);
    expect(parseByteSize("lots")).toBe(2 * 1024 * 1024);
  });

  it("ids carry 128 random bits as 22 URL-safe characters", () => {
    const ids = new Set(Array.from({ length: 1000 }, newPermalinkId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
