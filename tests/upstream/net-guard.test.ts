import { describe, expect, it } from "vitest";
import { assertPublicUpstream, blockedAddressReason, type Resolver } from "@/lib/upstream/net-guard";

// The SSRF guard for caller-chosen base URLs, judged address by address and then URL by URL.

const PUBLIC_V4 = [
  "8.8.8.8",
  "1.1.1.1",
  "93.184.216.34",
  "172.15.255.255",
  "172.32.0.1",
  "192.167.1.1",
  "192.169.0.1",
  "169.253.1.1",
  "169.255.1.1",
  "100.63.255.255",
  "100.128.0.1",
  "223.255.255.255",
  "11.0.0.1",
  "126.255.255.255",
  "128.0.0.1",
  "1.0.0.0",
];
const PUBLIC_V6 = [
  "2606:4700::1111",
  "2001:4860:4860::8888",
  "[2606:4700::1111]",
  "2a00:1450:4001:81b::200e",
  "2400:cb00:2048:1::c629:d7a2",
];
/** Outside global unicast (2000::/3): nothing public lives there, so nothing there is an upstream. */
const NON_GLOBAL_V6 = ["fb00::1", "fe00::1", "1::1", "::1:0:1", "4000::1", "64:ff9a::7f00:1"];

describe("blockedAddressReason: IPv4", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["169.254.0.1", "link-local"],
    ["169.254.169.254", "metadata"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
  ])("blocks %s as %s", (ip, word) => {
    expect(blockedAddressReason(ip)).toContain(word);
  });

  it.each(PUBLIC_V4)("allows the public address %s", (ip) => {
    expect(blockedAddressReason(ip)).toBeNull();
  });

  it("names the metadata address apart from the rest of link-local", () => {
    expect(blockedAddressReason("169.254.169.254")).toBe("the cloud metadata address");
    expect(blockedAddressReason("169.254.169.253")).toBe("a link-local address");
  });
});

describe("blockedAddressReason: IPv6", () => {
  it.each([
    ["::", "an unspecified (::) address"],
    ["0:0:0:0:0:0:0:0", "an unspecified (::) address"],
    ["fe80::", "link-local"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["fe80::1%eth0", "link-local"],
    ["fc00::1", "unique local"],
    ["fd12:3456::1", "unique local"],
    ["fdff:ffff::1", "unique local"],
    ["fe80::1", "link-local"],
    ["febf::1", "link-local"],
    ["FE80::ABCD", "link-local"],
    ["fd00:ec2::254", "metadata"],
    ["ff02::1", "multicast"],
    ["ff05::2", "multicast"],
    ["ffff::1", "multicast"],
  ])("blocks %s (%s)", (ip, word) => {
    expect(blockedAddressReason(ip)).toContain(word);
  });

  it.each(PUBLIC_V6)("allows the public address %s", (ip) => {
    expect(blockedAddressReason(ip)).toBeNull();
  });

  it.each(NON_GLOBAL_V6)("blocks %s, outside global unicast", (ip) => {
    expect(blockedAddressReason(ip)).toContain("outside global unicast 2000::/3");
  });

  it("blocks deprecated site-local fec0::/10", () => {
    expect(blockedAddressReason("fec0::1")).toContain("site-local");
    expect(blockedAddressReason("feff::1")).toContain("site-local");
  });

  it("judges the IPv4 address inside an IPv4-mapped address (dotted or hex)", () => {
    expect(blockedAddressReason("::ffff:127.0.0.1")).toBe("a loopback address inside an IPv4-mapped IPv6 address");
    expect(blockedAddressReason("::ffff:10.0.0.1")).toBe("a private address inside an IPv4-mapped IPv6 address");
    expect(blockedAddressReason("::ffff:a9fe:a9fe")).toBe("the cloud metadata address inside an IPv4-mapped IPv6 address");
    expect(blockedAddressReason("::ffff:7f00:1")).toBe("a loopback address inside an IPv4-mapped IPv6 address");
    expect(blockedAddressReason("::ffff:224.0.0.1")).toContain("multicast");
    expect(blockedAddressReason("::ffff:8.8.8.8")).toBeNull();
    expect(blockedAddressReason("::ffff:808:808")).toBeNull();
  });

  it("judges the IPv4 address inside an IPv4-compatible address (::a.b.c.d)", () => {
    // Deprecated (RFC 4291): refused whatever the address inside, public ones included.
    for (const ip of ["::127.0.0.1", "::10.1.2.3", "::169.254.169.254", "::8.8.8.8", "::7f00:1"]) {
      expect(blockedAddressReason(ip)).toBe("an IPv4-compatible (::/96, deprecated) address");
    }
  });

  it("judges the IPv4 address inside a NAT64 address (64:ff9b::/96)", () => {
    const inside = " inside a NAT64 (64:ff9b::/96) address";
    expect(blockedAddressReason("64:ff9b::127.0.0.1")).toBe(`a loopback address${inside}`);
    expect(blockedAddressReason("64:ff9b::7f00:1")).toBe(`a loopback address${inside}`);
    expect(blockedAddressReason("64:ff9b::10.0.0.1")).toBe(`a private address${inside}`);
    expect(blockedAddressReason("64:ff9b::a9fe:a9fe")).toBe(`the cloud metadata address${inside}`);
    expect(blockedAddressReason("64:ff9b::c0a8:101")).toBe(`a private address${inside}`);
    expect(blockedAddressReason("64:ff9b::8.8.8.8")).toBeNull();
    // The local-use NAT64 prefix is refused as a whole; neighbours of the /96 are outside global unicast.
    expect(blockedAddressReason("64:ff9b:1::7f00:1")).toBe("a local-use NAT64 (64:ff9b:1::/48) address");
    expect(blockedAddressReason("64:ff9a::7f00:1")).toContain("outside global unicast");
    expect(blockedAddressReason("65:ff9b::7f00:1")).toContain("outside global unicast");
  });

  it("does not read a loopback verdict into a partly-zero prefix: such addresses are refused as non-global instead", () => {
    for (const ip of ["1::ffff:7f00:1", "0:0:0:0:1:ffff:7f00:1", "0:0:0:1:0:ffff:7f00:1", "::fffe:7f00:1", "::1:7f00:1"]) {
      expect(blockedAddressReason(ip)).toBe("a reserved IPv6 address (outside global unicast 2000::/3)");
    }
  });

  it("does not mistake the metadata address's neighbours for it", () => {
    expect(blockedAddressReason("fd00:ec2::253")).toBe("a private (unique local) address");
    expect(blockedAddressReason("fd00:ec3::254")).toBe("a private (unique local) address");
    expect(blockedAddressReason("fd00:ec2:0:0:0:0:1:254")).toBe("a private (unique local) address");
    expect(blockedAddressReason("fd01:ec2::254")).toBe("a private (unique local) address");
  });

  it("reads only the loopback address as loopback", () => {
    expect(blockedAddressReason("::1")).toBe("a loopback address");
    expect(blockedAddressReason("1::1")).not.toBe("a loopback address");
    expect(blockedAddressReason("0:0:0:0:1:0:0:1")).not.toBe("a loopback address");
    expect(blockedAddressReason("::2")).not.toBe("a loopback address");
  });
});

describe("blockedAddressReason: zones and brackets", () => {
  it("judges a link-local address with a zone by its address", () => {
    expect(blockedAddressReason("fe80::1%eth0")).toBe("a link-local address");
    expect(blockedAddressReason("fe80::1%25eth0")).toBe("a link-local address");
    expect(blockedAddressReason("2606:4700::1111%eth0")).toBeNull();
  });
});

describe("blockedAddressReason: not an address", () => {
  it.each(["localhost", "example.com", "", "1.2.3", "256.1.1.1", "1.2.3.4.5", ":::", "1::2::3", "[::1"])("refuses %j", (text) => {
    expect(blockedAddressReason(text)).not.toBeNull();
  });

  it("says it is not an IP address", () => {
    expect(blockedAddressReason("example.com")).toBe("not an IP address");
  });
});

const resolveTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("assertPublicUpstream", () => {
  it("allows a name that resolves only to public addresses", async () => {
    await expect(
      assertPublicUpstream("https://api.example.test/v1", false, resolveTo("93.184.216.34", "2606:4700::1111")),
    ).resolves.toBeUndefined();
  });

  it("refuses a name when any one of its addresses is internal, naming host, address and reason", async () => {
    const error = await assertPublicUpstream("https://rebind.example.test/v1", false, resolveTo("93.184.216.34", "10.0.0.7")).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 403, code: "upstream_host_forbidden", param: "x-playground-base-url" });
    expect((error as Error).message).toContain("rebind.example.test (10.0.0.7), a private address");
    expect((error as Error).message).toContain("UPSTREAM_ALLOW_PRIVATE=1");
  });

  it("judges a literal address without asking DNS, brackets and all", async () => {
    const never: Resolver = async () => {
      throw new Error("DNS must not be asked for a literal address");
    };
    await expect(assertPublicUpstream("http://[::1]:8080/v1", false, never)).rejects.toMatchObject({ status: 403 });
    await expect(assertPublicUpstream("http://127.0.0.1:8080/v1", false, never)).rejects.toMatchObject({ status: 403 });
    await expect(assertPublicUpstream("http://[64:ff9b::7f00:1]/v1", false, never)).rejects.toMatchObject({ status: 403 });
    await expect(assertPublicUpstream("http://8.8.8.8/v1", false, never)).resolves.toBeUndefined();
    await expect(assertPublicUpstream("http://[2606:4700::1111]/v1", false, never)).resolves.toBeUndefined();
  });

  it("asks DNS for the bare host name", async () => {
    const asked: string[] = [];
    const resolver: Resolver = async (host) => {
      asked.push(host);
      return [{ address: "93.184.216.34", family: 4 }];
    };
    await assertPublicUpstream("https://user:pw@api.example.test:8443/v1?x=1", false, resolver);
    expect(asked).toEqual(["api.example.test"]);
  });

  it("refuses a URL that does not parse with 400", async () => {
    await expect(assertPublicUpstream("not a url", false, resolveTo("8.8.8.8"))).rejects.toMatchObject({
      status: 400,
      message: "The custom base URL is not a valid URL.",
      code: "invalid_base_url",
      param: "x-playground-base-url",
    });
  });

  it("reports a name that does not resolve as 502 with the resolver's code", async () => {
    const failing: Resolver = async () => {
      throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
    };
    const error = await assertPublicUpstream("https://missing.example.test/v1", false, failing).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: "upstream_unreachable", type: "upstream_error" });
    expect((error as Error).message).toBe("The custom base URL's host missing.example.test could not be resolved (ENOTFOUND).");
    const codeless: Resolver = async () => {
      throw new Error("nope");
    };
    const second = await assertPublicUpstream("https://missing.example.test/v1", false, codeless).catch((e: unknown) => e);
    expect((second as Error).message).toContain("(lookup failed)");
  });

  it("reports a name with no address as 502", async () => {
    const error = await assertPublicUpstream("https://empty.example.test/v1", false, resolveTo()).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: "upstream_unreachable", type: "upstream_error" });
    expect((error as Error).message).toContain("empty.example.test has no address");
  });

  it("asks the system resolver by default, and judges every address it gives (localhost is loopback)", async () => {
    await expect(assertPublicUpstream("http://localhost:11434/v1", false)).rejects.toMatchObject({
      status: 403,
      code: "upstream_host_forbidden",
    });
  });

  it("allows anything, without resolving, when private upstreams are allowed", async () => {
    const never: Resolver = async () => {
      throw new Error("DNS must not be asked");
    };
    await expect(assertPublicUpstream("http://10.0.0.1/v1", true, never)).resolves.toBeUndefined();
    await expect(assertPublicUpstream("http://localhost:11434/v1", true, never)).resolves.toBeUndefined();
    await expect(assertPublicUpstream("not a url", true, never)).resolves.toBeUndefined();
  });
});
