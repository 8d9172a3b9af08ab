import { JSON_SCHEMA_TYPES, STRICT_SCHEMA_KEYWORDS, STRICT_SCHEMA_MAX_DEPTH, STRICT_SCHEMA_MAX_PROPERTIES } from "./limits";
import { type PathKey } from "./path";
import { isRecord } from "@/lib/is-record";

/**
 * A checker for the JSON Schema subset OpenAI accepts for function `parameters` and `text.format` json_schema:
 * an object at the root; `properties`, `required`, `items`, `enum`, `const`, `anyOf`, `$ref`/`$defs`,
 * `additionalProperties` and the usual string/number/array bounds; and, in strict mode, the Structured Outputs
 * rules: every object lists all of its properties in `required` and sets `additionalProperties: false`, only the
 * supported keywords, at most 10 levels of nesting and 5000 properties.
 */

export interface SchemaIssue {
  /** Relative to the schema's root. */
  path: PathKey[];
  message: string;
  /** Errors are refused by the API; warnings are likely mistakes it lets through. */
  severity: "error" | "warning";
}

const TYPES: ReadonlySet<string> = new Set(JSON_SCHEMA_TYPES);

export function checkJsonSchema(schema: unknown, opts: { strict: boolean }): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  if (!isRecord(schema)) {
    issues.push({ path: [], message: "The schema must be a JSON object.", severity: "error" });
    return issues;
  }
  if (schema.type !== "object") {
    issues.push({
      path: ["type"],
      message: `The root of the schema must be an object: set "type": "object"${schema.type === undefined ? "" : ` (it is ${JSON.stringify(schema.type)})`}.`,
      severity: "error",
    });
  }
  const state = { properties: 0 };
  walk(schema, schema, [], 1, opts.strict, issues, state);
  if (opts.strict && state.properties > STRICT_SCHEMA_MAX_PROPERTIES) {
    issues.push({
      path: [],
      message: `Strict mode allows at most ${STRICT_SCHEMA_MAX_PROPERTIES} properties in all; this schema has ${state.properties}.`,
      severity: "error",
    });
  }
  return issues;
}

function walk(
  node: unknown,
  root: Record<string, unknown>,
  path: PathKey[],
  depth: number,
  strict: boolean,
  issues: SchemaIssue[],
  state: { properties: number },
): void {
  const err = (p: PathKey[], message: string) => issues.push({ path: p, message, severity: "error" });
  const warn = (p: PathKey[], message: string) => issues.push({ path: p, message, severity: "warning" });
  const strictOrWarn = strict ? err : warn;

  if (!isRecord(node)) {
    err(path, "Each schema must be a JSON object.");
    return;
  }
  if (strict && depth > STRICT_SCHEMA_MAX_DEPTH) {
    err(path, `Strict mode allows at most ${STRICT_SCHEMA_MAX_DEPTH} levels of nesting.`);
    return;
  }
  if (strict) {
    for (const key of Object.keys(node)) {
      if (!STRICT_SCHEMA_KEYWORDS.has(key)) err([...path, key], `'${key}' is not supported in strict mode.`);
    }
  }

  // type
  const types = new Set<string>();
  if (node.type !== undefined) {
    const list = Array.isArray(node.type) ? node.type : [node.type];
    if (list.length === 0) err([...path, "type"], "'type' must not be an empty list.");
    for (const t of list) {
      if (typeof t !== "string" || !TYPES.has(t)) {
        err([...path, "type"], `Unknown type ${JSON.stringify(t)}: use one of ${JSON_SCHEMA_TYPES.join(", ")}.`);
      } else if (types.has(t)) {
        err([...path, "type"], `The type '${t}' is listed twice.`);
      } else types.add(t);
    }
  } else if (strict && node.anyOf === undefined && node.$ref === undefined && node.enum === undefined && node.const === undefined) {
    err(path, "In strict mode every schema needs a 'type' (or 'anyOf', '$ref', 'enum' or 'const').");
  }

  // objects
  const isObjectType = types.has("object") || node.properties !== undefined;
  let propertyNames: string[] = [];
  if (node.properties !== undefined) {
    if (!isRecord(node.properties)) err([...path, "properties"], "'properties' must be an object that maps names to schemas.");
    else {
      propertyNames = Object.keys(node.properties);
      state.properties += propertyNames.length;
      for (const name of propertyNames) {
        walk(node.properties[name], root, [...path, "properties", name], depth + 1, strict, issues, state);
      }
    }
  }
  if (node.required !== undefined) {
    if (!Array.isArray(node.required) || node.required.some((r) => typeof r !== "string")) {
      err([...path, "required"], "'required' must be a list of property names.");
    } else {
      const seen = new Set<string>();
      for (const name of node.required as string[]) {
        if (seen.has(name)) err([...path, "required"], `'${name}' is listed twice in 'required'.`);
        seen.add(name);
        if (!propertyNames.includes(name)) strictOrWarn([...path, "required"], `'required' names '${name}', which is not in 'properties'.`);
      }
    }
  }
  if (node.additionalProperties !== undefined && typeof node.additionalProperties !== "boolean") {
    if (strict) err([...path, "additionalProperties"], "In strict mode 'additionalProperties' must be false.");
    else walk(node.additionalProperties, root, [...path, "additionalProperties"], depth + 1, strict, issues, state);
  }
  if (strict && isObjectType) {
    if (node.additionalProperties !== false) {
      err([...path, "additionalProperties"], 'In strict mode every object must set "additionalProperties": false.');
    }
    const required = Array.isArray(node.required) ? (node.required as unknown[]) : [];
    const missing = propertyNames.filter((name) => !required.includes(name));
    if (missing.length > 0) {
      err(
        [...path, "required"],
        `In strict mode every property must be required; add ${missing.map((m) => `'${m}'`).join(", ")} to 'required'.`,
      );
    }
  }
  if (!isObjectType && node.required !== undefined && types.size > 0) {
    warn([...path, "required"], "'required' only applies to objects.");
  }

  // arrays
  if (node.items !== undefined) {
    if (Array.isArray(node.items)) err([...path, "items"], "'items' must be a single schema (tuples are not supported).");
    else walk(node.items, root, [...path, "items"], depth + 1, strict, issues, state);
  } else if (strict && types.has("array")) {
    err([...path, "items"], "In strict mode an array schema needs 'items'.");
  }

  // combinators and references
  if (node.anyOf !== undefined) {
    if (!Array.isArray(node.anyOf) || node.anyOf.length === 0) err([...path, "anyOf"], "'anyOf' must be a non-empty list of schemas.");
    else node.anyOf.forEach((sub, i) => walk(sub, root, [...path, "anyOf", i], depth + 1, strict, issues, state));
  }
  for (const defsKey of ["$defs", "definitions"] as const) {
    const defs = node[defsKey];
    if (defs === undefined) continue;
    if (!isRecord(defs)) err([...path, defsKey], `'${defsKey}' must be an object that maps names to schemas.`);
    else for (const [name, sub] of Object.entries(defs)) walk(sub, root, [...path, defsKey, name], depth, strict, issues, state);
  }
  if (node.$ref !== undefined) {
    if (typeof node.$ref !== "string") err([...path, "$ref"], "'$ref' must be a string.");
    else if (!resolvesLocally(root, node.$ref))
      err([...path, "$ref"], `'$ref' ${JSON.stringify(node.$ref)} does not point to a definition in this schema.`);
  }

  // values
  if (node.enum !== undefined) {
    if (!Array.isArray(node.enum) || node.enum.length === 0) err([...path, "enum"], "'enum' must be a non-empty list of values.");
    else if (types.size > 0) {
      for (const value of node.enum) {
        if (!types.has(jsonType(value)) && !(jsonType(value) === "integer" && types.has("number"))) {
          err([...path, "enum"], `The enum value ${JSON.stringify(value)} does not match the type ${[...types].join(" | ")}.`);
          break;
        }
      }
    }
  }
  bounds(node, path, "minLength", "maxLength", true, err);
  bounds(node, path, "minItems", "maxItems", true, err);
  bounds(node, path, "minimum", "maximum", false, err);
  if (node.pattern !== undefined) {
    if (typeof node.pattern !== "string") err([...path, "pattern"], "'pattern' must be a string.");
    else {
      try {
        new RegExp(node.pattern, "u");
      } catch {
        err([...path, "pattern"], `'pattern' is not a valid regular expression: ${node.pattern}`);
      }
    }
  }
}

function bounds(
  node: Record<string, unknown>,
  path: PathKey[],
  minKey: string,
  maxKey: string,
  integer: boolean,
  err: (p: PathKey[], message: string) => void,
): void {
  const min = node[minKey];
  const max = node[maxKey];
  for (const [key, value] of [
    [minKey, min],
    [maxKey, max],
  ] as const) {
    if (value === undefined) continue;
    const ok = typeof value === "number" && Number.isFinite(value) && (!integer || (Number.isInteger(value) && value >= 0));
    if (!ok) err([...path, key], `'${key}' must be ${integer ? "a whole number of 0 or more" : "a number"}.`);
  }
  if (typeof min === "number" && typeof max === "number" && min > max) {
    err([...path, minKey], `'${minKey}' (${min}) is greater than '${maxKey}' (${max}).`);
  }
}

function resolvesLocally(root: Record<string, unknown>, ref: string): boolean {
  if (ref === "#") return true;
  if (!ref.startsWith("#/")) return false;
  let current: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isRecord(current) || !(key in current)) return false;
    current = current[key];
  }
  return isRecord(current);
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}
