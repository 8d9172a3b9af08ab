import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import Page from "@/app/page";
import { callerHeaders, loadCallerSettings, saveCallerSettings } from "@/components/settings/caller-settings";
import { presentsAccessToken } from "@/lib/upstream/access";
import { resetRateLimits } from "@/lib/upstream/limits";

const TOKEN = "classroom-token-4242";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  resetRateLimits();
});

function form(token: string, ip = "192.0.2.10"): Request {
  return new Request("http://playground.test/api/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body: new URLSearchParams({ token }).toString(),
  });
}

describe("1. the login page's cookie", () => {
  it("the right token sets an HttpOnly SameSite=Strict cookie that authorises; a wrong one sets nothing", async () => {
    vi.stubEnv("PLAYGROUND_ACCESS_TOKEN", TOKEN);
    const wrong = await login(form("nope"));
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get("location")).toBe("/login?error=wrong");
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const ok = await login(form(TOKEN));
    expect(ok.headers.get("location")).toBe("/");
    const cookie = ok.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN); // a digest, not the token
    const value = cookie.split(";")[0]!;
    expect(presentsAccessToken(new Request("http://x/", { headers: { cookie: value } }), TOKEN)).toBe(true);
  });

  it("guessing is rate-limited per client", async () => {
    vi.stubEnv("PLAYGROUND_ACCESS_TOKEN", TOKEN);
    for (let i = 0; i < 10; i++) expect((await login(form(`guess-${i}`))).status).toBe(303);
    const limited = await login(form(TOKEN));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeTruthy();
  });
});

describe("1. the caller's key in the browser", () => {
  function storages() {
    const make = () => {
      const m = new Map<string, string>();
      return {
        getItem: (k: string) => m.get(k) ?? null,
        setItem: (k: string, v: string) => void m.set(k, v),
        removeItem: (k: string) => void m.delete(k),
        m,
      };
    };
    const local = make();
    const session = make();
    vi.stubGlobal("window", { localStorage: local, sessionStorage: session });
    return { local, session };
  }

  it("stays in sessionStorage unless the user asks to be remembered, then only in localStorage", () => {
    const { local, session } = storages();
    saveCallerSettings({ apiKey: " sk-mine-123456789 ", baseUrl: "", remember: false });
    expect(local.m.size).toBe(0);
    expect(session.m.size).toBe(1);
    expect(loadCallerSettings()).toEqual({ apiKey: "sk-mine-123456789", baseUrl: "", remember: false });
    saveCallerSettings({ apiKey: "sk-mine-123456789", baseUrl: "https://gw.example/v1", remember: true });
    expect(session.m.size).toBe(0);
    expect(local.m.size).toBe(1);
    expect(loadCallerSettings().remember).toBe(true);
    saveCallerSettings({ apiKey: "", baseUrl: "", remember: false });
    expect(local.m.size + session.m.size).toBe(0);
  });

  it("is sent per request as a bearer key, with the base URL header", () => {
    expect(callerHeaders({ apiKey: "sk-mine", baseUrl: "https://gw.example/v1", remember: false })).toEqual({
      authorization: "Bearer sk-mine",
      "x-playground-base-url": "https://gw.example/v1",
    });
    expect(callerHeaders({ apiKey: "", baseUrl: "", remember: false })).toEqual({});
  });
});

describe("1. the server's key never reaches the browser", () => {
  it("the page's props name the upstream host, never the key", () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-server-secret-0123456789");
    vi.stubEnv("OPENAI_BASE_URL", "https://gateway.example.test/v1");
    const props = JSON.stringify((Page() as { props: unknown }).props);
    expect(props).toContain("gateway.example.test");
    expect(props).not.toContain("sk-server-secret");
  });
});
