import { describe, expect, it } from "vitest";
import { containsKeyLike, scrubSecrets } from "@/lib/share/scrub";

describe("scrubSecrets", () => {
  it("drops credential fields at any depth and reports where", () => {
    const { value, removed } = scrubSecrets({
      a: { Authorization: "x", "X-API-Key": "y", nested: [{ cookie: "c", ok: 1 }] },
      api_key: "z",
    });
    expect(value).toEqual({ a: { nested: [{ ok: 1 }] } });
    expect(removed).toEqual(["a.Authorization", "a.X-API-Key", "a.nested[0].cookie", "api_key"]);
  });

  it("redacts key-shaped text inside strings and keeps the rest", () => {
    const { value } = scrubSecrets({
      text: "use sk-proj-abcdefghijklmnopqrstuvwx1234 or Bearer eyJhbGciOi.abc.def please",
      g: "AIzaSyA-abcdefghijklmnopqrstuvwxyz12345",
    });
    expect(value).toEqual({ text: "use [redacted] or Bearer [redacted] please", g: "[redacted]" });
  });

  it("leaves ordinary text alone", () => {
    for (const text of ["task-manager", "risk-averse approach", "sk-learn is a library", "ask-me-anything", "desk-1234"]) {
      expect(containsKeyLike(text), text).toBe(false);
      expect(scrubSecrets({ text }).removed).toEqual([]);
    }
  });

  it("keeps a function's parameter named like a secret: JSON Schema properties are definitions, not values", () => {
    const tool = {
      type: "function",
      name: "login",
      parameters: { type: "object", properties: { password: { type: "string" }, headers: { type: "object" } }, required: ["password"] },
    };
    expect(scrubSecrets(tool).value).toEqual(tool);
  });

  it("does not modify its input", () => {
    const input = { api_key: "sk-abcdefghijklmnopqrstuvwxyz" };
    scrubSecrets(input);
    expect(input).toEqual({ api_key: "sk-abcdefghijklmnopqrstuvwxyz" });
  });
});
