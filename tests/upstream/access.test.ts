import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ACCESS_COOKIE,
  ACCESS_HEADER,
  accessCookieValue,
  authorizeUpstreamUse,
  isAccessToken,
  listenScope,
  presentsAccessToken,
} from "@/lib/upstream/access";

// Who may use the server's key: the access token (header, bearer, login cookie), or a server that listens on
// loopback only.

const TOKEN = "classroom-token-4242";

function req(headers: Record<string, string> = {}): Request {
  return new Request("http://playground.test/api/v1/responses", { method: "POST", headers });
}

async function listen(host: string): Promise<Server> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, host, r));
  return server;
}
const close = (server: Server) => new Promise((r) => server.close(r));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the access token", () => {
  it("stores a digest of the token in the cookie, never the token", () => {
    const value = accessCookieValue(TOKEN);
    expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(value).not.toContain(TOKEN);
    expect(accessCookieValue(TOKEN)).toBe(value);
    expect(accessCookieValue("other")).not.toBe(value);
  });

  it("compares the token exactly", () => {
    expect(isAccessToken(TOKEN, TOKEN)).toBe(true);
    expect(isAccessToken(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(isAccessToken("", TOKEN)).toBe(false);
    expect(isAccessToken(TOKEN.toUpperCase(), TOKEN)).toBe(false);
  });

  it("is accepted from the access header, trimmed", () => {
    expect(presentsAccessToken(req({ [ACCESS_HEADER]: TOKEN }), TOKEN)).toBe(true);
    expect(presentsAccessToken(req({ [ACCESS_HEADER]: `  ${TOKEN}  ` }), TOKEN)).toBe(true);
    expect(presentsAccessToken(req({ [ACCESS_HEADER]: "wrong" }), TOKEN)).toBe(false);
  });

  it("is accepted as a bearer token, whatever the case of Bearer", () => {
    expect(presentsAccessToken(req({ authorization: `Bearer ${TOKEN}` }), TOKEN)).toBe(true);
    expect(presentsAccessToken(req({ authorization: `bearer   ${TOKEN} ` }), TOKEN)).toBe(true);
    expect(presentsAccessToken(req({ authorization: `Basic ${TOKEN}` }), TOKEN)).toBe(false);
    expect(presentsAccessToken(req({ authorization: TOKEN }), TOKEN)).toBe(false);
    expect(presentsAccessToken(req({ authorization: `x Bearer ${TOKEN}` }), TOKEN)).toBe(false);
    expect(presentsAccessToken(req({ authorization: "Bearer wrong" }), TOKEN)).toBe(false);
  });

  it("is accepted as the login cookie among others, but not as the raw token in the cookie", () => {
    const digest = accessCookieValue(TOKEN);
    expect(presentsAccessToken(req({ cookie: `${ACCESS_COOKIE}=${digest}` }), TOKEN)).toBe(true);
    expect(presentsAccessToken(req({ cookie: `a=1;  ${ACCESS_COOKIE}=${digest}; b=2` }), TOKEN)).toBe(true);
    expect(presentsAccessToken(req({ cookie: `${ACCESS_COOKIE}=${TOKEN}` }), TOKEN)).toBe(false);
    expect(presentsAccessToken(req({ cookie: `x${ACCESS_COOKIE}=${digest}` }), TOKEN)).toBe(false);
    expect(presentsAccessToken(req({ cookie: `other=${digest}` }), TOKEN)).toBe(false);
    expect(presentsAccessToken(req({ cookie: "" }), TOKEN)).toBe(false);
  });

  it("keeps a cookie value that itself contains '='", () => {
    const token = "t";
    // A value with '=' must be read whole: only the exact digest passes.
    expect(presentsAccessToken(req({ cookie: `${ACCESS_COOKIE}=${accessCookieValue(token)}=x` }), token)).toBe(false);
  });

  it("is refused when nothing is presented", () => {
    expect(presentsAccessToken(req(), TOKEN)).toBe(false);
  });
});

describe("authorizeUpstreamUse", () => {
  // The process listens nowhere here; a loopback answer seen earlier in this process (another suite's server, when
  // files share a process as under Stryker) stays cached for up to a second, so wait for it to lapse.
  it("without a token, on a process that listens nowhere: the scope is unknown and the key is refused", async () => {
    await vi.waitFor(() => expect(listenScope()).toBe("unknown"), { timeout: 3_000, interval: 100 });
    expect(() => authorizeUpstreamUse(req(), "the server's key")).toThrow(expect.objectContaining({ code: "access_token_not_configured" }));
  });

  it("with a token configured: lets the token through and refuses anyone else with 401, naming what was asked", () => {
    vi.stubEnv("PLAYGROUND_ACCESS_TOKEN", TOKEN);
    expect(() => authorizeUpstreamUse(req({ [ACCESS_HEADER]: TOKEN }), "the server's key")).not.toThrow();
    let error: unknown;
    try {
      authorizeUpstreamUse(req(), "the server's key");
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ status: 401, code: "access_token_required", type: "authentication_error" });
    expect((error as Error).message).toContain("to use the server's key");
    expect((error as Error).message).toContain(ACCESS_HEADER);
  });

  it("without a token: allowed while every listening socket is loopback, refused once one listens beyond", async () => {
    const local = await listen("127.0.0.1");
    try {
      expect(listenScope()).toBe("loopback");
      expect(() => authorizeUpstreamUse(req(), "a custom base URL")).not.toThrow();
      const wide = await listen("0.0.0.0");
      try {
        expect(listenScope()).toBe("beyond-loopback");
        let error: unknown;
        try {
          authorizeUpstreamUse(req(), "a custom base URL");
        } catch (e) {
          error = e;
        }
        expect(error).toMatchObject({ status: 401, code: "access_token_not_configured", type: "authentication_error" });
        expect((error as Error).message).toContain("a custom base URL is not used without an access token");
      } finally {
        await close(wide);
      }
    } finally {
      await close(local);
    }
  });

  it("reads an IPv6 loopback listener as loopback and an IPv6 wildcard as beyond", async () => {
    const local = await listen("::1").catch(() => null);
    if (local) {
      try {
        expect(listenScope()).toBe("loopback");
      } finally {
        await close(local);
      }
    }
    const wide = await listen("::");
    try {
      expect(listenScope()).toBe("beyond-loopback");
    } finally {
      await close(wide);
    }
  });

  it("reads an IPv4-mapped loopback listener as loopback", async () => {
    const mapped = await listen("::ffff:127.0.0.1").catch(() => null);
    if (!mapped) return expect.fail("this machine cannot listen on ::ffff:127.0.0.1");
    try {
      expect(mapped.address()).toMatchObject({ address: "::ffff:127.0.0.1" });
      expect(listenScope()).toBe("loopback");
    } finally {
      await close(mapped);
    }
  });

  it("counts a unix socket as local: it neither allows nor refuses on its own", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "rp-access-")), "s.sock");
    const server = createServer();
    await new Promise<void>((r) => server.listen(path, r));
    try {
      expect(listenScope()).not.toBe("beyond-loopback");
      const local = await listen("127.0.0.1");
      try {
        expect(listenScope()).toBe("loopback");
      } finally {
        await close(local);
      }
    } finally {
      await close(server);
    }
  });

  it("keeps a loopback answer for a second: a closed server is noticed only after it", async () => {
    const local = await listen("127.0.0.1");
    expect(listenScope()).toBe("loopback");
    await close(local);
    expect(listenScope()).toBe("loopback"); // cached: nothing listens now, but the answer is under a second old
  });

  it("a server that stops listening beyond loopback is allowed again", async () => {
    const local = await listen("127.0.0.1");
    try {
      const wide = await listen("0.0.0.0");
      expect(listenScope()).toBe("beyond-loopback");
      await close(wide);
      expect(listenScope()).toBe("loopback");
    } finally {
      await close(local);
    }
  });
});
