import "server-only";
import { z } from "zod";
import { parseByteSize } from "@/lib/share/limits";

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

function intOr(fallback: number) {
  return z
    .string()
    .optional()
    .transform((v) => {
      const n = v && v.trim() !== "" ? Number(v) : NaN;
      return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
    });
}

/** Server environment, parsed once per call. Keys and the access token never leave this side of the wire. */
const EnvSchema = z.object({
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim().replace(/\/+$/, "") : "https://api.openai.com/v1"))
    .pipe(z.url({ message: "OPENAI_BASE_URL must be an absolute http(s) URL" })),
  /** Required for any use of the server key (or a custom base URL) when the app listens beyond loopback. */
  PLAYGROUND_ACCESS_TOKEN: optionalText,
  /** `1` lets custom base URLs reach loopback/private hosts (Ollama, vLLM on localhost). */
  UPSTREAM_ALLOW_PRIVATE: z
    .string()
    .optional()
    .transform((v) => v === "1" || v?.toLowerCase() === "true"),
  /** Time allowed until the upstream's response headers arrive. */
  UPSTREAM_CONNECT_TIMEOUT_MS: intOr(15_000),
  /** Longest silence allowed inside an upstream body (between two chunks). */
  UPSTREAM_IDLE_TIMEOUT_MS: intOr(120_000),
  /** Largest request body the proxy reads (images as data URLs up to 20 MB are legitimate). */
  PLAYGROUND_MAX_BODY_BYTES: z
    .string()
    .optional()
    .transform((v) => parseByteSize(v, 30 * 1024 * 1024)),
  /** Proxy calls per client per minute (0 = no limit). */
  PLAYGROUND_RATE_LIMIT_PER_MIN: intOr(120),
  /** Share (POST /api/share) calls per client per minute (0 = no limit). */
  SHARE_RATE_LIMIT_PER_MIN: intOr(20),
});

export type ServerEnv = z.infer<typeof EnvSchema>;

const ENV_NAMES = [
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "PLAYGROUND_ACCESS_TOKEN",
  "UPSTREAM_ALLOW_PRIVATE",
  "UPSTREAM_CONNECT_TIMEOUT_MS",
  "UPSTREAM_IDLE_TIMEOUT_MS",
  "PLAYGROUND_MAX_BODY_BYTES",
  "PLAYGROUND_RATE_LIMIT_PER_MIN",
  "SHARE_RATE_LIMIT_PER_MIN",
] as const satisfies ReadonlyArray<keyof z.input<typeof EnvSchema>>;

let last: { raw: Array<string | undefined>; env: Readonly<ServerEnv> } | null = null;

/**
 * Read on each call, so tests can change process.env between cases; parsed again only when a value changed (a proxied
 * call reads it about five times, and a schema parse each time was a measurable share of the proxy's own cost).
 */
export function serverEnv(): Readonly<ServerEnv> {
  const raw = ENV_NAMES.map((name) => process.env[name]);
  if (last !== null && raw.every((value, i) => value === last!.raw[i])) return last.env;
  const env = Object.freeze(EnvSchema.parse(Object.fromEntries(ENV_NAMES.map((name, i) => [name, raw[i]]))));
  last = { raw, env };
  return env;
}
