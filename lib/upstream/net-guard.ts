import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { ApiError } from "@/lib/api-error";

/**
 * SSRF guard for caller-chosen base URLs: the host is resolved (every address) and refused when any address is
 * loopback, private, link-local, unspecified, carrier-grade NAT, multicast or a cloud metadata address, unless
 * UPSTREAM_ALLOW_PRIVATE=1. Redirects are never followed (forward.ts uses `redirect: "manual"`).
 *
 * Limit (documented in README): `fetch` resolves the name again when it connects, so a DNS server that answers
 * differently within milliseconds (DNS rebinding) could slip past this check; Node's built-in fetch offers no
 * hook to pin the checked address without adding undici as a dependency.
 */

function ipv4Parts(ip: string): number[] | null {
  const parts = ip.split(".").map(Number);
  return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? parts : null;
}

function blockedV4(ip: string): string | null {
  const p = ipv4Parts(ip);
  if (!p) return "not an IPv4 address";
  const [a, b] = p as [number, number, number, number];
  if (a === 0) return "an unspecified (0.0.0.0/8) address";
  if (a === 127) return "a loopback address";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "a private address";
  if (a === 169 && b === 254) return ip === "169.254.169.254" ? "the cloud metadata address" : "a link-local address";
  if (a === 100 && b >= 64 && b <= 127) return "a carrier-grade NAT address";
  if (a >= 224) return "a multicast or reserved address";
  return null;
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
    text = text.slice(0, -v4[1]!.length) + `${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array(Math.max(fill, 0)).fill("0"), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function blockedV6(ip: string): string | null {
  const g = ipv6Groups(ip);
  if (!g) return "not an IPv6 address";
  if (g.every((x) => x === 0)) return "an unspecified (::) address";
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return "a loopback address";
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the embedded IPv4 address.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
    const v4 = `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
    return blockedV4(v4);
  }
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return "the cloud metadata address";
  if ((g[0]! & 0xfe00) === 0xfc00) return "a private (unique local) address";
  if ((g[0]! & 0xffc0) === 0xfe80) return "a link-local address";
  if ((g[0]! & 0xff00) === 0xff00) return "a multicast address";
  // NAT64 (64:ff9b::/96) embeds an IPv4 address too.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return blockedV4(`${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`);
  }
  return null;
}

/** Why an address may not be reached, or null when it is a public address. */
export function blockedAddressReason(ip: string): string | null {
  const family = isIP(ip.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  if (family === 4) return blockedV4(ip);
  if (family === 6) return blockedV6(ip);
  return "not an IP address";
}

export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

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
    if (reason) {
      throw new ApiError(
        403,
        `The custom base URL points at ${host} (${address}), ${reason}. The playground does not reach internal hosts; the operator can allow them with UPSTREAM_ALLOW_PRIVATE=1.`,
        { code: "upstream_host_forbidden", param: "x-playground-base-url" },
      );
    }
  }
}
