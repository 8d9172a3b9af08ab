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

describe("scrubSecrets: every shape a key can take", () => {
  it("redacts a bearer token whatever the case of Bearer", () => {
    const { value, removed } = scrubSecrets({ a: "bearer abcdefgh12345", b: "BEARER abcdefgh12345", c: "BeArEr\tabcdefgh12345" });
    expect(value).toEqual({ a: "bearer [redacted]", b: "BEARER [redacted]", c: "BeArEr\t[redacted]" });
    expect(removed).toEqual(["a", "b", "c"]);
  });

  it("redacts a key used as an object key, and says where", () => {
    const key = "sk-proj-abcdefghijklmnopqrstuvwx1234";
    const { value, removed } = scrubSecrets({ metadata: { [key]: "note", plain: "x" } });
    expect(value).toEqual({ metadata: { "[redacted]": "note", plain: "x" } });
    expect(JSON.stringify(value)).not.toContain(key);
    expect(removed).toEqual([`metadata.${key}`]);
  });

  it("redacts every key in a string, not only the first", () => {
    const text =
      "sk-abcdefghijklmnopqrstuvwxyz and rk-abcdefghijklmnopqrstuvwxyz and sess-abcdefghijklmnopqrstuvwxyz; Bearer abcdefgh1 Bearer ijklmnop2";
    expect(scrubSecrets(text).value).toBe("[redacted] and [redacted] and [redacted]; Bearer [redacted] Bearer [redacted]");
  });

  it("redacts keys in arrays and at the root, reporting array paths and the root", () => {
    const key = "sk-abcdefghijklmnopqrstuvwxyz";
    expect(scrubSecrets([1, key, { k: [key] }])).toEqual({ value: [1, "[redacted]", { k: ["[redacted]"] }], removed: ["[1]", "[2].k[0]"] });
    expect(scrubSecrets(key)).toEqual({ value: "[redacted]", removed: ["(root)"] });
    expect(scrubSecrets({ k: key }, "request")).toEqual({ value: { k: "[redacted]" }, removed: ["request.k"] });
  });

  it("keeps numbers, booleans and null as they are", () => {
    const input = { n: 1, b: false, z: null, s: "ok" };
    expect(scrubSecrets(input)).toEqual({ value: input, removed: [] });
  });

  it("drops credential fields however they are spelled", () => {
    const fields = [
      "authorization",
      "Proxy-Authorization",
      "api_key",
      "apiKey",
      "x-api-key",
      "OPENAI_API_KEY",
      "api-token",
      "access_token",
      "refresh_token",
      "bearer_token",
      "client_secret",
      "password",
      "Cookie",
      "set-cookie",
      "headers",
    ];
    const input = Object.fromEntries([...fields.map((f) => [f, "v"]), ["keep", "v"]]);
    const { value, removed } = scrubSecrets(input);
    expect(value).toEqual({ keep: "v" });
    expect(removed).toEqual(fields);
  });

  it("keeps fields that only contain a credential word", () => {
    const input = { token_count: 3, passwordless: true, header: "h", authorization_url: "https://x", max_output_tokens: 5 };
    expect(scrubSecrets(input)).toEqual({ value: input, removed: [] });
  });

  it("drops credential fields beside a schema's properties, but keeps parameters named like them inside it", () => {
    const tool = {
      parameters: { properties: { password: { type: "string", properties: { api_key: { type: "string" } } } }, password: "hunter2" },
    };
    const { value } = scrubSecrets(tool);
    expect(value).toEqual({ parameters: { properties: { password: { type: "string", properties: { api_key: { type: "string" } } } } } });
    // A parameter itself named `properties` is a parameter, not a nested properties map: its fields are values again.
    const odd = { properties: { properties: { type: "object", password: "x" } } };
    expect(scrubSecrets(odd).value).toEqual({ properties: { properties: { type: "object" } } });
  });

  it("reports at most 50 paths", () => {
    const input = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, "sk-abcdefghijklmnopqrstuvwxyz"]));
    const { value, removed } = scrubSecrets(input);
    expect(removed).toHaveLength(50);
    expect(removed[49]).toBe("k49");
    expect(Object.values(value as Record<string, string>).every((v) => v === "[redacted]")).toBe(true);
    expect(Object.keys(value as object)).toHaveLength(60);
  });

  it("redacts a Google API key and a key with no dash before it", () => {
    expect(scrubSecrets("x AIzaSyA-abcdefghijklmnopqrstuvwxyz12345 y").value).toBe("x [redacted] y");
    expect(scrubSecrets("AIza-short").value).toBe("AIza-short");
    expect(scrubSecrets("key:sk-abcdefghijklmnopqrstuvwxyz").value).toBe("key:[redacted]");
  });

  it("keeps short tokens after Bearer and words that end in a key prefix", () => {
    for (const text of ["Bearer abc", "Bearer 1234567", "task-abcdefghijklmnopqrstuvwxyz", "sk-abcdefghijklmno", "the bearer of news"]) {
      expect(scrubSecrets(text).value, text).toBe(text);
    }
  });
});

describe("containsKeyLike", () => {
  it("finds a key, a Google key and a bearer token, and gives the same answer when asked twice", () => {
    for (const text of ["x sk-abcdefghijklmnopqrstuvwxyz", "AIzaSyA-abcdefghijklmnopqrstuvwxyz12345", "bearer abcdefgh12345"]) {
      expect(containsKeyLike(text), text).toBe(true);
      expect(containsKeyLike(text), `${text} (again)`).toBe(true);
    }
    expect(containsKeyLike("Bearer abcdefgh12345")).toBe(true);
    expect(containsKeyLike("no key here")).toBe(false);
  });
});
