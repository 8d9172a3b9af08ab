import { describe, expect, it } from "vitest";
import { formatBytes } from "@/lib/media/bytes";

describe("formatBytes: the one size formatter", () => {
  it("bytes below 1 KB, whole units without decimals, one decimal otherwise", () => {
    expect(formatBytes(35)).toBe("35 B");
    expect(formatBytes(1024)).toBe("1 KB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(20 * 1024 * 1024)).toBe("20 MB");
    expect(formatBytes(2.5 * 1024 * 1024)).toBe("2.5 MB");
  });
});
