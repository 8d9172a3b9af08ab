import { describe, expect, it } from "vitest";
import { redactSecrets } from "@/lib/upstream/redact";

// Behaviour of the message redactor that runs on every upstream error before it reaches the browser.
describe("redactSecrets", () => {
  it("redacts every occurrence of a given secret, not only the first", () => {
    const secret = "my-custom-secret-value";
    expect(redactSecrets(`${secret} then ${secret} and again ${secret}`, [secret])).toBe("[redacted] then [redacted] and again [redacted]");
  });

  it("redacts every key-shaped token (sk-, sess-, rk-) in a message, not only the first", () => {
    expect(redactSecrets("a sk-abcdef123456 b sess-abcdef123456 c rk-abcdef123456 d sk-zzzzzz999999", [])).toBe(
      "a [redacted] b [redacted] c [redacted] d [redacted]",
    );
  });

  it("redacts every bearer token, whatever the case of Bearer, and keeps the word", () => {
    expect(redactSecrets("Bearer tok_abcdef123 / bearer tok_ghijkl456 / BEARER\ttok_mnopqr789", [])).toBe(
      "Bearer [redacted] / bearer [redacted] / BEARER\t[redacted]",
    );
  });

  it("redacts a key the caller sent even when it has no key shape", () => {
    expect(redactSecrets("Incorrect API key provided: abcd1234efgh.", ["abcd1234efgh"])).toBe("Incorrect API key provided: [redacted].");
  });

  it("ignores empty, missing and very short secrets instead of shredding the message", () => {
    const text = "a b c ab abc";
    expect(redactSecrets(text, ["", null, undefined, "a", "ab", "abc"])).toBe(text);
    expect(redactSecrets("abcd abcd", ["abcd"])).toBe("[redacted] [redacted]");
  });

  it("keeps text that only looks a little like a key", () => {
    for (const text of ["sk-short", "task-manager", "ask-questions", "Bearer abc", "risk-12345", "xsk-abcdef123456"]) {
      expect(redactSecrets(text), text).toBe(text);
    }
  });

  it("redacts the whole token, including underscores and dashes inside it", () => {
    expect(redactSecrets("key=sk-proj_ab-cd_ef-gh12;", [])).toBe("key=[redacted];");
    expect(redactSecrets("Bearer a.b~c+d/e=f-g_h tail", [])).toBe("Bearer [redacted] tail");
  });

  it("defaults to no given secrets", () => {
    expect(redactSecrets("plain words")).toBe("plain words");
  });
});
