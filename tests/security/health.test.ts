import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";

afterEach(() => vi.unstubAllEnvs());

function probe(headers: Record<string, string>): Request {
  return new Request("http://playground.test/api/health", { headers });
}

describe("/api/health", () => {
  it("says the local engine is in use when no key is configured", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    const res = health(probe({}));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, upstream: "local" });
  });

  it("answers a custom base URL without a key with a 400 in the API's error shape, not an empty 500", async () => {
    const res = health(probe({ "x-playground-base-url": "https://gateway.example.com/v1" }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; param: string } };
    expect(body.error).toMatchObject({ code: "base_url_requires_key", param: "x-playground-base-url" });
  });

  it("answers an invalid base URL with a 400 that names the header", async () => {
    const res = health(probe({ "x-playground-base-url": "not a url", authorization: "Bearer sk-caller-0123456789" }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; param: string; message: string } };
    expect(body.error).toMatchObject({ code: "invalid_base_url", param: "x-playground-base-url" });
    expect(body.error.message).not.toContain("sk-caller");
  });
});
