import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetch as undiciFetch } from "undici";
import { forward } from "@/lib/upstream/forward";
import { blockedAddressReason, guardedFetch, guardedLookup, publicOnlyAgent, type LookupFunction } from "@/lib/upstream/net-guard";

/** Every special-purpose range the guard refuses, with one or more addresses inside it. */
const REFUSED: Record<string, string[]> = {
  "0.0.0.0/8 this network": ["0.0.0.0", "0.1.2.3"],
  "10.0.0.0/8 private": ["10.0.0.1", "10.255.255.255"],
  "100.64.0.0/10 carrier-grade NAT": ["100.64.0.1", "100.127.255.254"],
  "127.0.0.0/8 loopback": ["127.0.0.1", "127.8.9.10"],
  "169.254.0.0/16 link-local and metadata": ["169.254.1.1", "169.254.169.254"],
  "172.16.0.0/12 private": ["172.16.0.1", "172.31.255.255"],
  "192.0.0.0/24 IETF protocol assignments": ["192.0.0.1", "192.0.0.170"],
  "192.0.2.0/24 TEST-NET-1": ["192.0.2.1"],
  "192.31.196.0/24 AS112": ["192.31.196.1"],
  "192.52.193.0/24 AMT": ["192.52.193.1"],
  "192.88.99.0/24 6to4 relay anycast": ["192.88.99.1"],
  "192.168.0.0/16 private": ["192.168.1.1"],
  "192.175.48.0/24 AS112 direct delegation": ["192.175.48.1"],
  "198.18.0.0/15 benchmarking": ["198.18.0.1", "198.19.255.255"],
  "198.51.100.0/24 TEST-NET-2": ["198.51.100.7"],
  "203.0.113.0/24 TEST-NET-3": ["203.0.113.9"],
  "224.0.0.0/4 multicast": ["224.0.0.1", "239.255.255.250"],
  "240.0.0.0/4 reserved": ["240.0.0.1", "250.1.2.3"],
  "255.255.255.255 broadcast": ["255.255.255.255"],
  ":: and ::1": ["::", "::1"],
  "::ffff:0:0/96 IPv4-mapped": ["::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:a9fe:a9fe", "::ffff:198.18.0.1"],
  "::ffff:0:0:0/96 IPv4-translated": ["::ffff:0:127.0.0.1"],
  "::/96 IPv4-compatible": ["::127.0.0.1", "::10.0.0.1", "::8.8.8.8"],
  "64:ff9b::/96 NAT64 of an internal IPv4": ["64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b::10.1.2.3"],
  "64:ff9b:1::/48 local-use NAT64": ["64:ff9b:1::1", "64:ff9b:1:ffff::8.8.8.8"],
  "100::/64 discard-only": ["100::1"],
  "100:0:0:1::/64 dummy prefix": ["100:0:0:1::1"],
  "2001::/32 Teredo with an internal server or client": ["2001:0:7f00:1::1", "2001:0:808:808::80ff:fffe"],
  "2001::/23 IETF protocol assignments": ["2001:2::1", "2001:10::1", "2001:20::1"],
  "2001:db8::/32 documentation": ["2001:db8::1"],
  "2002::/16 6to4 of an internal IPv4": ["2002:7f00:1::1", "2002:c0a8:101::1", "2002:a9fe:a9fe::1"],
  "2620:4f:8000::/48 AS112": ["2620:4f:8000::1"],
  "3fff::/20 documentation": ["3fff::1"],
  "5f00::/16 SRv6": ["5f00::1"],
  "fc00::/7 unique local": ["fc00::1", "fd12:3456::1", "fd00:ec2::254"],
  "fe80::/10 link-local": ["fe80::1", "fe80::1%eth0"],
  "fec0::/10 site-local": ["fec0::1", "feff::1"],
  "ff00::/8 multicast": ["ff02::1", "ff05::1:3", "ff0e::1"],
  "outside 2000::/3": ["4000::1", "e000::1"],
};

const ALLOWED = [
  "8.8.8.8",
  "1.1.1.1",
  "93.184.216.34",
  "172.32.0.1",
  "100.128.0.1",
  "198.20.0.1",
  "223.255.255.255",
  "2606:4700::1111",
  "2a00:1450:4001:80b::200e",
  "::ffff:8.8.8.8",
  "64:ff9b::8.8.8.8",
  "2002:808:808::1",
  "2001:0:808:808::f7f7:f7f7",
];

describe("SSRF guard: special-purpose ranges", () => {
  for (const [range, addresses] of Object.entries(REFUSED)) {
    it(`refuses ${range}`, () => {
      for (const ip of addresses) expect(blockedAddressReason(ip), ip).not.toBeNull();
    });
  }

  it("allows public IPv4 and IPv6 addresses, also inside IPv4-mapped, NAT64, 6to4 and Teredo forms", () => {
    for (const ip of ALLOWED) expect(blockedAddressReason(ip), ip).toBeNull();
  });

  it("judges NAT64 (64:ff9b::/96) by the IPv4 address inside it", () => {
    expect(blockedAddressReason("64:ff9b::127.0.0.1")).toMatch(/loopback.*NAT64/);
    expect(blockedAddressReason("64:ff9b::c0a8:101")).toMatch(/private.*NAT64/);
    expect(blockedAddressReason("64:ff9b::8.8.8.8")).toBeNull();
  });

  it("refuses IPv4-compatible ::127.0.0.1 and ::7f00:1", () => {
    expect(blockedAddressReason("::127.0.0.1")).not.toBeNull();
    expect(blockedAddressReason("::7f00:1")).not.toBeNull();
  });

  it("refuses IPv4 multicast 224.0.0.0/4 and IPv6 multicast ff00::/8 as multicast", () => {
    for (const ip of ["224.0.0.1", "239.1.2.3", "ff02::1", "ff3e::8000:1"]) expect(blockedAddressReason(ip), ip).toMatch(/multicast/);
  });

  it("judges 6to4 and Teredo by the IPv4 address inside (Teredo's client address is inverted)", () => {
    expect(blockedAddressReason("2002:7f00:1::1")).toMatch(/loopback.*6to4/);
    // client 127.0.0.1 → obfuscated 80ff:fffe
    expect(blockedAddressReason("2001:0:808:808::80ff:fffe")).toMatch(/loopback.*Teredo/);
    expect(blockedAddressReason("2001:0:a00:1::f7f7:f7f7")).toMatch(/private.*Teredo/);
  });

  it("refuses text that is not an IP address", () => {
    for (const s of ["localhost", "", "1.2.3", "::g", "256.1.1.1"]) expect(blockedAddressReason(s), s).not.toBeNull();
  });
});

/** A lookup that answers every name with fixed addresses (no DNS, no traffic). */
function fixedLookup(addresses: Array<{ address: string; family: number }>): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}

function lookupOnce(lookup: LookupFunction, all: boolean): Promise<{ error: Error | null; result: unknown }> {
  return new Promise((resolve) => lookup("upstream.example.test", { all }, (error, result) => resolve({ error, result })));
}

describe("SSRF guard at connect time (DNS rebinding)", () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end("reached");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it("refuses a name whose answer includes a loopback address, whichever answer comes first", async () => {
    const lookup = guardedLookup(
      fixedLookup([
        { address: "93.184.216.34", family: 4 },
        { address: "127.0.0.1", family: 4 },
      ]),
    );
    for (const all of [true, false]) {
      const { error } = await lookupOnce(lookup, all);
      expect(error?.message).toMatch(/loopback/);
    }
  });

  it("passes a public answer through unchanged, in the shape the caller asked for", async () => {
    const lookup = guardedLookup(fixedLookup([{ address: "93.184.216.34", family: 4 }]));
    expect((await lookupOnce(lookup, true)).result).toEqual([{ address: "93.184.216.34", family: 4 }]);
    expect((await lookupOnce(lookup, false)).result).toBe("93.184.216.34");
  });

  it("the dispatcher refuses to connect to a name that resolves to loopback, and nothing reaches the server", async () => {
    const agent = publicOnlyAgent(fixedLookup([{ address: "127.0.0.1", family: 4 }]));
    try {
      const error = await undiciFetch(`http://rebind.example.test:${port}/v1/models`, { dispatcher: agent }).then(
        () => null,
        (e: Error & { cause?: Error }) => e,
      );
      expect(error?.cause?.name).toBe("ForbiddenAddress");
      expect(hits).toBe(0);
    } finally {
      await agent.close();
    }
  });

  it("guardedFetch (the custom base URL's fetch) refuses localhost at connect time with the system resolver", async () => {
    const error = await guardedFetch(`http://localhost:${port}/v1/models`).then(
      () => null,
      (e: Error & { cause?: Error }) => e,
    );
    expect(error?.cause?.name).toBe("ForbiddenAddress");
    expect(hits).toBe(0);
  });

  it("the proxy answers 403 upstream_host_forbidden when the connect-time check refuses the address", async () => {
    const agent = publicOnlyAgent(fixedLookup([{ address: "127.0.0.1", family: 4 }]));
    try {
      const res = await forward(
        new Request("http://playground.test/api/v1/models"),
        {
          kind: "openai",
          baseUrl: `http://rebind.example.test:${port}/v1`,
          fetch: ((url: string, init: object) => undiciFetch(url, { ...init, dispatcher: agent })) as unknown as typeof fetch,
          apiKey: "sk-caller-0123456789abcdef",
        },
        { method: "GET", path: "/models" },
      );
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("upstream_host_forbidden");
      expect(hits).toBe(0);
    } finally {
      await agent.close();
    }
  });
});
