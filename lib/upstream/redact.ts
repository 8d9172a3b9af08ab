import "server-only";

// Anything shaped like an OpenAI-style secret (sk-…, sess-…) or a bearer token.
const SECRET_PATTERN = /\b(sk|sess|rk)-[A-Za-z0-9_-]{6,}/g;
const BEARER_PATTERN = /(Bearer\s+)[A-Za-z0-9._~+/=-]{6,}/gi;

/** Removes the given secrets, and anything that looks like a key, from a message before it leaves the server. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined | null> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out.replace(SECRET_PATTERN, "[redacted]").replace(BEARER_PATTERN, "$1[redacted]");
}
