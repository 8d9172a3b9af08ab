import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { ApiError } from "@/lib/api-error";

/**
 * SSRF guard for caller-chosen base URLs. An address is refused when it is in any range of the IANA IPv4 and IPv6
 * special-purpose address registries (loopback, private, link-local, CGN, documentation, benchmarking, protocol
 * assignments, reserved, multicast, broadcast, …), a cloud metadata address, or an IPv6 address outside global
 * unicast (2000::/3); IPv6 forms that carry an IPv4 address (mapped, translated, NAT64, 6to4, Teredo) are judged by
 * the IPv4 address inside. UPSTREAM_ALLOW_PRIVATE=1 turns the guard off.
 *
 * Two checks, one rule: `assertPublicUpstream` resolves the host before the call (a clear 403), and `guardedFetch`
 * connects through an undici `Agent` whose `connect.lookup` applies the same rule to every address it resolves, so
 * the address checked is the address connected to (no DNS-rebinding window). Redirects are never followed.
 */

type V4 = [number, number, number, number];

/** [first octets as a 32-bit number, prefix length, reason] for the IANA IPv4 special-purpose registry. */
const V4_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ["0.0.0.0", 8, "an unspecified (0.0.0.0/8, 'this network') address"],
  ["10.0.0.0", 8, "a private address"],
  ["100.64.0.0", 10, "a carrier-grade NAT address"],
  ["127.0.0.0", 8, "a loopback address"],
  ["169.254.0.0", 16, "a link-local address"],
  ["172.16.0.0", 12, "a private address"],
  ["192.0.0.0", 24, "an IETF protocol assignment (192.0.0.0/24)"],
  ["192.0.2.0", 24, "a documentation (TEST-NET-1) address"],
  ["192.31.196.0", 24, "an AS112 address"],
  ["192.52.193.0", 24, "an AMT address"],
  ["192.88.99.0", 24, "a 6to4 relay anycast address"],
  ["192.168.0.0", 16, "a private address"],
  ["192.175.48.0", 24, "an AS112 direct-delegation address"],
  ["198.18.0.0", 15, "a benchmarking (198.18.0.0/15) address"],
  ["198.51.100.0", 24, "a documentation (TEST-NET-2) address"],
  ["203.0.113.0", 24, "a documentation (TEST-NET-3) address"],
  ["224.0.0.0", 4, "a multicast address"],
  ["255.255.255.255", 32, "the broadcast address"],
  ["240.0.0.0", 4, "a reserved (240.0.0.0/4) address"],
];

const V4_TABLE = V4_RANGES.map(([base, bits, reason]) => {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { net: (v4Number(ipv4Parts(base)!) & mask) >>> 0, mask, reason };
});

function v4Number(p: V4): number {
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

function ipv4Parts(ip: string): V4 | null {
  const parts = ip.split(".");
  if (parts.length !== 4 || !parts.every((s) => /^\d{1,3}$/.test(s))) return null;
  const n = parts.map(Number);
  return n.every((x) => x <= 255) ? (n as V4) : null;
}

function blockedV4Number(value: number): string | null {
  if (value === 0xa9fea9fe) return "the cloud metadata address";
  for (const range of V4_TABLE) if ((value & range.mask) >>> 0 === range.net) return range.reason;
  return null;
}

function blockedV4(ip: string): string | null {
  const p = ipv4Parts(ip);
  return p ? blockedV4Number(v4Number(p)) : "not an IPv4 address";
}

/** Expands an IPv6 address to 8 groups (handles `::` and a trailing dotted IPv4). */
function ipv6Groups(ip: string): number[] | null {
  let text = ip
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const p = ipv4Parts(v4[1]!);
    if (!p) return null;
    text = text.slice(0, -v4[1]!.length) + `${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array(Math.max(fill, 0)).fill("0"), ...tail].map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const zeros = (g: number[], from: number, to: number) => g.slice(from, to).every((x) => x === 0);
const v4From = (hi: number, lo: number) => ((hi << 16) | lo) >>> 0;

/** The IPv4 address inside, judged; the reason names the IPv6 form it came in. */
function embedded(form: string, value: number): string | null {
  const reason = blockedV4Number(value);
  return reason ? `${reason} inside ${form}` : null;
}

function blockedV6(ip: string): string | null {
  const g = ipv6Groups(ip);
  if (!g) return "not an IPv6 address";
  const [g0, g1] = g as [number, number];
  if (g.every((x) => x === 0)) return "an unspecified (::) address";
  if (zeros(g, 0, 7) && g[7] === 1) return "a loopback address";
  if (g0 === 0xfd00 && g1 === 0x0ec2 && zeros(g, 2, 7) && g[7] === 0x254) return "the cloud metadata address";
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-translated (::ffff:0:a.b.c.d): judge the IPv4 address inside.
  if (zeros(g, 0, 5) && g[5] === 0xffff) return embedded("an IPv4-mapped IPv6 address", v4From(g[6]!, g[7]!));
  if (zeros(g, 0, 4) && g[4] === 0xffff && g[5] === 0) return embedded("an IPv4-translated IPv6 address", v4From(g[6]!, g[7]!));
  // IPv4-compatible (::a.b.c.d, ::/96) is deprecated and never routed: refused whatever it embeds.
  if (zeros(g, 0, 6)) return "an IPv4-compatible (::/96, deprecated) address";
  // NAT64 well-known prefix (64:ff9b::/96) reaches the IPv4 address inside; the local-use prefix is internal.
  if (g0 === 0x64 && g1 === 0xff9b && zeros(g, 2, 6)) return embedded("a NAT64 (64:ff9b::/96) address", v4From(g[6]!, g[7]!));
  if (g0 === 0x64 && g1 === 0xff9b && g[2] === 1) return "a local-use NAT64 (64:ff9b:1::/48) address";
  if (g0 === 0x100 && zeros(g, 1, 4)) return "a discard-only (100::/64) address";
  if (g0 === 0x100 && g1 === 0 && g[2] === 0 && g[3] === 1) return "a dummy-prefix (100:0:0:1::/64) address";
  // Teredo (2001::/32): server IPv4 in groups 2–3, client IPv4 obfuscated (inverted) in groups 6–7.
  if (g0 === 0x2001 && g1 === 0) {
    return (
      embedded("a Teredo address (server)", v4From(g[2]!, g[3]!)) ??
      embedded("a Teredo address (client)", v4From(g[6]! ^ 0xffff, g[7]! ^ 0xffff))
    );
  }
  if (g0 === 0x2001 && g1 < 0x200) return "an IETF protocol assignment (2001::/23)";
  if (g0 === 0x2001 && g1 === 0x0db8) return "a documentation (2001:db8::/32) address";
  // 6to4 (2002::/16) carries an IPv4 address in groups 1–2.
  if (g0 === 0x2002) return embedded("a 6to4 (2002::/16) address", v4From(g1, g[2]!));
  if (g0 === 0x2620 && g1 === 0x4f && g[2] === 0x8000) return "an AS112 (2620:4f:8000::/48) address";
  if ((g0 & 0xfff0) === 0x3ff0) return "a documentation (3fff::/20) address";
  if (g0 === 0x5f00) return "an SRv6 SID (5f00::/16) address";
  if ((g0 & 0xfe00) === 0xfc00) return "a private (unique local) address";
  if ((g0 & 0xffc0) === 0xfe80) return "a link-local address";
  if ((g0 & 0xffc0) === 0xfec0) return "a site-local (fec0::/10, deprecated) address";
  if ((g0 & 0xff00) === 0xff00) return "a multicast address";
  // Only 2000::/3 is allocated for global unicast; everything else is reserved.
  if ((g0 & 0xe000) !== 0x2000) return "a reserved IPv6 address (outside global unicast 2000::/3)";
  return null;
}

/** Why an address may not be reached, or null when it is a public address. */
export function blockedAddressReason(ip: string): string | null {
  const bare = ip.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return blockedV4(bare);
  if (family === 6) return blockedV6(bare);
  return "not an IP address";
}

export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

function forbidden(host: string, address: string, reason: string): ApiError {
  return new ApiError(
    403,
    `The custom base URL points at ${host} (${address}), ${reason}. The playground does not reach internal hosts; the operator can allow them with UPSTREAM_ALLOW_PRIVATE=1.`,
    { code: "upstream_host_forbidden", param: "x-playground-base-url" },
  );
}

/**
 * Throws a 403 in the API's error shape when `baseUrl`'s host is (or resolves to) an address the playground may not
 * reach. Does nothing when `allowPrivate` is set.
 */
export async function assertPublicUpstream(baseUrl: string, allowPrivate: boolean, resolve: Resolver = systemResolver): Promise<void> {
  if (allowPrivate) return;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ApiError(400, "The custom base URL is not a valid URL.", { code: "invalid_base_url", param: "x-playground-base-url" });
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await resolve(host)).map((a) => a.address);
    } catch (error) {
      const code = (error as { code?: string }).code ?? "lookup failed";
      throw new ApiError(502, `The custom base URL's host ${host} could not be resolved (${code}).`, {
        type: "upstream_error",
        code: "upstream_unreachable",
      });
    }
  }
  if (addresses.length === 0) {
    throw new ApiError(502, `The custom base URL's host ${host} has no address.`, { type: "upstream_error", code: "upstream_unreachable" });
  }
  for (const address of addresses) {
    const reason = blockedAddressReason(address);
    if (reason) throw forbidden(host, address, reason);
  }
}

/** The connect-time refusal: its `cause` chain reaches forward.ts, which answers 403. */
export class ForbiddenAddress extends Error {
  readonly code = "UPSTREAM_HOST_FORBIDDEN";
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = "ForbiddenAddress";
  }
}

/** `dns.lookup`'s callback shape, as `net.connect` calls it (one address, or all with `options.all`). */
export type LookupFunction = (
  hostname: string,
  options: { all?: boolean; family?: number | string; hints?: number },
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/**
 * A `lookup` for `net.connect` that resolves every address of the name and fails the connection when any of them is
 * refused by the guard: the socket then connects only to an address this check saw.
 */
export function guardedLookup(resolve: LookupFunction = dnsLookup as unknown as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, result) => {
      if (error) return callback(error, "");
      const list = (Array.isArray(result) ? result : [{ address: result, family: 0 }]) as LookupAddress[];
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
      for (const entry of list) {
        const reason = blockedAddressReason(entry.address);
        if (reason) return callback(new ForbiddenAddress(forbidden(hostname, entry.address, reason)), "");
      }
      if (options.all) return callback(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** An undici `Agent` that connects only to addresses the guard allows (DNS answers checked at connect time). */
export function publicOnlyAgent(resolve?: LookupFunction): Agent {
  return new Agent({ connect: { lookup: guardedLookup(resolve) } });
}

let sharedAgent: Agent | null = null;

/** `fetch` for caller-chosen base URLs: undici's fetch through the pinned-lookup agent. */
export const guardedFetch = ((input: string | URL, init?: RequestInit) => {
  sharedAgent ??= publicOnlyAgent();
  return undiciFetch(input, { ...(init as object), dispatcher: sharedAgent } as Parameters<typeof undiciFetch>[1]);
}) as unknown as typeof fetch;
