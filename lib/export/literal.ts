/**
 * JSON values printed as TypeScript or Python literals, the way a person would write them: short values on one
 * line, long ones broken one member per line, with trailing commas (not in JSON). Strings use JSON escapes, which
 * are valid in both languages.
 */
import { isRecord } from "@/lib/is-record";
export type LiteralLang = "typescript" | "python" | "json";

const MAX_WIDTH = 80;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function scalar(value: unknown, lang: LiteralLang): string {
  if (value === null || value === undefined) return lang === "python" ? "None" : "null";
  if (typeof value === "boolean") return lang === "python" ? (value ? "True" : "False") : String(value);
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : lang === "python" ? "None" : "null";
  if (typeof value === "string") return JSON.stringify(value);
  return JSON.stringify(String(value));
}

function key(name: string, lang: LiteralLang): string {
  return lang === "typescript" && IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** One-line form, or null when the value holds an object/array nested two levels deep (kept multi-line). */
function inline(value: unknown, lang: LiteralLang): string {
  if (Array.isArray(value)) return value.length === 0 ? "[]" : `[${value.map((v) => inline(v, lang)).join(", ")}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const body = entries.map(([k, v]) => `${key(k, lang)}: ${inline(v, lang)}`).join(", ");
    return lang === "typescript" ? `{ ${body} }` : `{${body}}`;
  }
  return scalar(value, lang);
}

/**
 * `value` as a literal whose first line starts at column `column` and whose continuation lines are indented by
 * `indent` spaces.
 */
export function printLiteral(value: unknown, lang: LiteralLang, indent = 0, column = indent): string {
  const flat = inline(value, lang);
  if (column + flat.length <= MAX_WIDTH || !(Array.isArray(value) || isRecord(value))) return flat;
  const pad = " ".repeat(indent + (lang === "python" ? 4 : 2));
  const close = " ".repeat(indent);
  const join = (lines: string[]) => (lang === "json" ? lines.join(",\n") : lines.map((l) => `${l},`).join("\n"));
  if (Array.isArray(value)) {
    const lines = value.map((v) => `${pad}${printLiteral(v, lang, pad.length)}`);
    return `[\n${join(lines)}\n${close}]`;
  }
  const lines = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const head = `${pad}${key(k, lang)}: `;
      return `${head}${printLiteral(v, lang, pad.length, head.length)}`;
    });
  return `{\n${join(lines)}\n${close}}`;
}

/** Python keyword arguments (`name=value,` lines) for a call, one per line at `indent`. */
export function printPythonKwargs(fields: Record<string, unknown>, indent: number): string {
  const pad = " ".repeat(indent);
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const head = `${pad}${k}=`;
      return `${head}${printLiteral(v, "python", indent, head.length)},`;
    })
    .join("\n");
}

/** TypeScript object members (`name: value,` lines) at `indent`. */
export function printTsMembers(fields: Record<string, unknown>, indent: number): string {
  const pad = " ".repeat(indent);
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const head = `${pad}${key(k, "typescript")}: `;
      return `${head}${printLiteral(v, "typescript", indent, head.length)},`;
    })
    .join("\n");
}
