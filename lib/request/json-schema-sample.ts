import { isRecord } from "@/lib/is-record";
/**
 * A deterministic JSON value that validates against a JSON Schema of the Structured Outputs subset: strings from
 * the given text, numbers from its word count (within the bounds), booleans true, an enum's first value, arrays
 * with one item (or `minItems`), nested objects with every property, the first branch of `anyOf`, local `$ref`s.
 * The local engine answers `text.format: json_schema` requests with it.
 */

export interface SampleSeed {
  /** Text to use for strings (the user's last message). */
  text: string;
  /** Number to use for numbers (the message's word count). */
  number: number;
}

const MAX_DEPTH = 12;
/** Past this depth only required properties and `minItems` items are generated, so recursive schemas end. */
const SOFT_DEPTH = 4;

const FORMAT_SAMPLES: Record<string, string> = {
  "date-time": "2025-01-01T00:00:00Z",
  date: "2025-01-01",
  time: "00:00:00",
  duration: "P1D",
  email: "user@example.com",
  hostname: "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  uuid: "00000000-0000-4000-8000-000000000000",
  uri: "https://example.com/",
};

export function sampleFromSchema(schema: unknown, seed: SampleSeed): unknown {
  return sample(schema, isRecord(schema) ? schema : {}, seed, 0, "");
}

function sample(node: unknown, root: Record<string, unknown>, seed: SampleSeed, depth: number, name: string): unknown {
  if (!isRecord(node) || depth > MAX_DEPTH) return null;
  if (typeof node.$ref === "string") return sample(resolve(root, node.$ref), root, seed, depth + 1, name);
  if ("const" in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  if (Array.isArray(node.anyOf) && node.anyOf.length > 0) {
    // Prefer a branch that is not just null, so the answer says something.
    const branch = node.anyOf.find((b) => !(isRecord(b) && b.type === "null")) ?? node.anyOf[0];
    return sample(branch, root, seed, depth + 1, name);
  }
  const types = Array.isArray(node.type) ? (node.type as unknown[]) : [node.type];
  const type = (types.find((t) => t !== "null") ?? types[0] ?? (node.properties ? "object" : node.items ? "array" : "string")) as string;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      const props = isRecord(node.properties) ? node.properties : {};
      const required = Array.isArray(node.required) ? node.required : [];
      for (const [key, sub] of Object.entries(props)) {
        if (depth >= SOFT_DEPTH && !required.includes(key)) continue;
        out[key] = sample(sub, root, seed, depth + 1, key);
      }
      return out;
    }
    case "array": {
      const min = typeof node.minItems === "number" ? node.minItems : 1;
      const max = typeof node.maxItems === "number" ? node.maxItems : Math.max(1, min);
      const count = depth >= SOFT_DEPTH ? (typeof node.minItems === "number" ? node.minItems : 0) : Math.min(Math.max(1, min), max);
      return Array.from({ length: count }, () => sample(node.items ?? {}, root, seed, depth + 1, name));
    }
    case "integer":
    case "number":
      return numberFor(node, seed.number, type === "integer");
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return stringFor(node, seed.text, name);
  }
}

function numberFor(node: Record<string, unknown>, base: number, integer: boolean): number {
  let value = base;
  const num = (k: string) => (typeof node[k] === "number" ? (node[k] as number) : undefined);
  const min = num("minimum");
  const max = num("maximum");
  const exMin = num("exclusiveMinimum");
  const exMax = num("exclusiveMaximum");
  if (min !== undefined && value < min) value = min;
  if (exMin !== undefined && value <= exMin) value = integer ? Math.floor(exMin) + 1 : exMin + 0.5;
  if (max !== undefined && value > max) value = max;
  if (exMax !== undefined && value >= exMax) value = integer ? Math.ceil(exMax) - 1 : exMax - 0.5;
  if (integer) value = Math.round(value);
  const multiple = num("multipleOf");
  if (multiple !== undefined && multiple > 0) value = Math.ceil(value / multiple) * multiple;
  return value;
}

function stringFor(node: Record<string, unknown>, text: string, name: string): string {
  if (typeof node.format === "string" && FORMAT_SAMPLES[node.format]) return FORMAT_SAMPLES[node.format] as string;
  const flat = text.replace(/\s+/g, " ").trim();
  let value = flat === "" ? name || "text" : flat.split(" ").slice(0, 20).join(" ");
  const minLength = typeof node.minLength === "number" ? node.minLength : 0;
  const maxLength = typeof node.maxLength === "number" ? node.maxLength : Infinity;
  while ([...value].length < minLength) value += value === "" ? "x" : ` ${value}`;
  if ([...value].length > maxLength) value = [...value].slice(0, maxLength).join("");
  return value;
}

function resolve(root: Record<string, unknown>, ref: string): unknown {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return {};
  let current: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isRecord(current)) return {};
    current = current[key];
  }
  return current;
}
