/**
 * Keeps keys out of anything the playground stores or publishes (permalinks, recordings). Isomorphic and pure.
 *
 * Two rules, applied to every value at any depth:
 * 1. A field whose name is a credential or a header bag (`authorization`, `api_key`, `headers`, `cookie`, …) is
 *    dropped. The Responses API has no such request field except the MCP tool's `authorization` and `headers`,
 *    which carry exactly the secrets we must not publish.
 * 2. Inside every string, anything shaped like a key (`sk-…`, `sk-proj-…`, `rk-…`, `sess-…`, Google's `AIza…`,
 *    `Bearer <token>`) is replaced by `[redacted]`. This also covers recorded events, whose `raw` wire text may
 *    echo the request.
 *
 * The result says which paths changed, so the caller can tell the user what was removed.
 */

/** Field names that hold credentials or raw HTTP headers. Compared lower-cased with `-` and `_` removed. */
const SECRET_FIELDS = new Set([
  "authorization",
  "proxyauthorization",
  "apikey",
  "xapikey",
  "openaiapikey",
  "apitoken",
  "accesstoken",
  "refreshtoken",
  "bearertoken",
  "clientsecret",
  "password",
  "cookie",
  "setcookie",
  "headers",
]);

// OpenAI-style secrets (sk-…, sk-proj-…, rk-…, sess-…) and Google API keys. 16+ characters after the prefix keeps
// everyday words such as "sk-learn" out, while every real key (40+ characters) is caught.
const KEY_PATTERN = /\b(?:sk|rk|sess)-[A-Za-z0-9_-]{16,}|\bAIza[0-9A-Za-z_-]{30,}/g;
const BEARER_PATTERN = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

export const REDACTED = "[redacted]";

function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(name.toLowerCase().replace(/[-_]/g, ""));
}

/** True when the text contains something shaped like a key. */
export function containsKeyLike(text: string): boolean {
  KEY_PATTERN.lastIndex = 0;
  BEARER_PATTERN.lastIndex = 0;
  const found = KEY_PATTERN.test(text) || BEARER_PATTERN.test(text);
  KEY_PATTERN.lastIndex = 0;
  BEARER_PATTERN.lastIndex = 0;
  return found;
}

export function redactKeyLike(text: string): string {
  if (!text.includes("-") && !/AIza|bearer/i.test(text)) return text; // fast path: no key shape can match
  return text.replace(KEY_PATTERN, REDACTED).replace(BEARER_PATTERN, `$1${REDACTED}`);
}

export interface ScrubResult<T> {
  value: T;
  /** JSON-path-like locations that were dropped or redacted, e.g. `request.tools[0].headers`. At most 50. */
  removed: string[];
}

const MAX_REPORTED = 50;

/** A deep copy of `value` with credential fields dropped and key-shaped text redacted. */
export function scrubSecrets<T>(value: T, rootPath = ""): ScrubResult<T> {
  const removed: string[] = [];
  const note = (path: string) => {
    if (removed.length < MAX_REPORTED) removed.push(path || "(root)");
  };

  // `inSchemaProperties`: the keys of a JSON Schema `properties` object name a function's parameters (a tool may
  // well take a `password`); they are schemas, not values, and are kept.
  const walk = (node: unknown, path: string, inSchemaProperties = false): unknown => {
    if (typeof node === "string") {
      const clean = redactKeyLike(node);
      if (clean !== node) note(path);
      return clean;
    }
    if (Array.isArray(node)) return node.map((child, i) => walk(child, `${path}[${i}]`));
    if (typeof node === "object" && node !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        const childPath = path ? `${path}.${key}` : key;
        if (!inSchemaProperties && isSecretField(key)) {
          note(childPath);
          continue;
        }
        const cleanKey = redactKeyLike(key);
        if (cleanKey !== key) note(childPath);
        out[cleanKey] = walk(child, childPath, key === "properties" && !inSchemaProperties);
      }
      return out;
    }
    return node;
  };

  return { value: walk(value, rootPath) as T, removed };
}
