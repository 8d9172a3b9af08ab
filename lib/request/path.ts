/**
 * Paths into the request body (`["input", 1, "content", 0, "image_url"]`) and immutable reads and writes.
 * Every composer control is a view of one path; writing `undefined` deletes the key, and objects left empty
 * by a delete are removed too, so a parameter the user cleared is not sent.
 */
import { isRecord } from "@/lib/is-record";

export type PathKey = string | number;
export type Path = readonly PathKey[];
export type JsonObject = Record<string, unknown>;

/** `input[1].content[0].image_url`, the form OpenAI uses in `param`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function getPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof key === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      // Symbols (zod paths may hold them) never name a JSON field.
      if (typeof key === "symbol" || !isRecord(current)) return undefined;
      current = current[key];
    }
  }
  return current;
}

/**
 * A copy of `root` with `value` at `path` (only the objects along the path are copied). `undefined` deletes;
 * parents that become empty objects are deleted as well. Missing parents are created (arrays for number keys).
 */
export function setPath<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  return setIn(root, path, 0, value) as T;
}

function setIn(node: unknown, path: Path, index: number, value: unknown): unknown {
  const key = path[index] as PathKey;
  const last = index === path.length - 1;
  if (typeof key === "number") {
    const arr = Array.isArray(node) ? [...node] : [];
    if (last) {
      if (value === undefined) arr.splice(key, 1);
      else arr[key] = value;
      return arr;
    }
    arr[key] = setIn(arr[key], path, index + 1, value);
    return arr;
  }
  const obj: JsonObject = isRecord(node) ? { ...node } : {};
  if (last) {
    if (value === undefined) delete obj[key];
    else obj[key] = value;
    return obj;
  }
  const child = setIn(obj[key], path, index + 1, value);
  if (value === undefined && isRecord(child) && Object.keys(child).length === 0) delete obj[key];
  else obj[key] = child;
  return obj;
}

/** Moves item `from` to `to` in an array (a copy). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  if (from < 0 || from >= out.length || to < 0 || to >= out.length) return out;
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}

/** Structural equality for JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}
