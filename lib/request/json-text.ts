import { isRecord } from "@/lib/is-record";
/**
 * The Request JSON text of a body, and back. Strings longer than ELIDE_AT characters (data URLs of images and
 * files, up to 27 MB of base64) are shown shortened, with a marker that names them; parsing the text puts the
 * full strings back, so the textbox stays fast while what is sent is always the whole body.
 */

export const ELIDE_AT = 2000;
const MARKER = /…\[(\d[\d,]*) characters, shown shortened #(\d+)\]$/;

export interface JsonText {
  text: string;
  /** Shortened string → the full string. */
  elided: Map<string, string>;
}

export function bodyToText(body: unknown): JsonText {
  const elided = new Map<string, string>();
  const text = JSON.stringify(
    body,
    (_key, value: unknown) => {
      if (typeof value === "string" && value.length > ELIDE_AT) {
        const short = `${value.slice(0, 64)}…[${value.length.toLocaleString("en-US")} characters, shown shortened #${elided.size + 1}]`;
        elided.set(short, value);
        return short;
      }
      return value;
    },
    2,
  );
  return { text: text ?? "", elided };
}

export type ParsedText =
  { ok: true; body: Record<string, unknown> } | { ok: false; message: string; line: number | null; column: number | null };

/** Parses the textbox: a JSON object, with shortened strings restored. */
export function textToBody(text: string, elided: ReadonlyMap<string, string>): ParsedText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (text.trim() === "") return { ok: false, message: "The request is empty: it must be a JSON object.", line: 1, column: 1 };
    const { offset, message } = locateJsonError(text);
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    return { ok: false, message, line, column: offset - before.lastIndexOf("\n") };
  }
  if (!isRecord(value)) {
    return { ok: false, message: "The request must be a JSON object ({ … }).", line: 1, column: 1 };
  }
  return { ok: true, body: restore(value, elided) as Record<string, unknown> };
}

function restore(value: unknown, elided: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") return MARKER.test(value) ? (elided.get(value) ?? value) : value;
  if (Array.isArray(value)) return value.map((v) => restore(v, elided));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = restore(v, elided);
    return out;
  }
  return value;
}

/**
 * Where JSON text goes wrong, in plain words. JSON.parse's messages differ between engines and often give no
 * position, so this small scanner walks the grammar and stops at the first problem.
 */
export function locateJsonError(text: string): { offset: number; message: string } {
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: i, message };
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i += 1;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i += 1;
      ws();
      if (text[i] === "}") return void (i += 1);
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i] === "}" ? "Trailing comma before '}'." : "Expected a property name in double quotes.");
        string();
        ws();
        if (text[i] !== ":") fail("Expected ':' after the property name.");
        i += 1;
        value();
        ws();
        if (text[i] === ",") {
          i += 1;
          continue;
        }
        if (text[i] === "}") return void (i += 1);
        fail("Expected ',' or '}' after a property value.");
      }
    }
    if (c === "[") {
      i += 1;
      ws();
      if (text[i] === "]") return void (i += 1);
      for (;;) {
        ws();
        if (text[i] === "]") fail("Trailing comma before ']'.");
        value();
        ws();
        if (text[i] === ",") {
          i += 1;
          continue;
        }
        if (text[i] === "]") return void (i += 1);
        fail("Expected ',' or ']' after a list item.");
      }
    }
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (literal) return void (i += literal[0].length);
    fail(
      i >= text.length
        ? "The JSON ends too early: something is missing at the end."
        : "Expected a value (a string, number, object, list, true, false or null).",
    );
  };
  const string = () => {
    i += 1;
    while (i < text.length) {
      const c = text[i];
      if (c === "\\") i += 2;
      else if (c === '"') return void (i += 1);
      else if (c === "\n") fail("A string cannot span lines: close it with a double quote.");
      else i += 1;
    }
    fail("A string is not closed: add the closing double quote.");
  };
  try {
    value();
    ws();
    if (i < text.length) fail("Unexpected text after the end of the JSON object.");
    return { offset: 0, message: "Invalid JSON." };
  } catch (error) {
    if (typeof error === "object" && error !== null && "offset" in error) return error as { offset: number; message: string };
    throw error;
  }
}
