import { isObject } from "./path";

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

export type ParsedText = { ok: true; body: Record<string, unknown> } | { ok: false; message: string; line: number | null; column: number | null };

/** Parses the textbox: a JSON object, with shortened strings restored. */
export function textToBody(text: string, elided: ReadonlyMap<string, string>): ParsedText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const lc = /line (\d+) column (\d+)/.exec(message);
    let line: number | null = lc ? Number(lc[1]) : null;
    let column: number | null = lc ? Number(lc[2]) : null;
    if (line === null && at) {
      const before = text.slice(0, Number(at[1]));
      line = before.split("\n").length;
      column = before.length - before.lastIndexOf("\n");
    }
    const plain = message.replace(/^JSON\.parse: /, "").replace(/ in JSON at position \d+.*$/, "").replace(/ \(line \d+ column \d+\)$/, "");
    return { ok: false, message: text.trim() === "" ? "The request is empty: it must be a JSON object." : plain, line, column };
  }
  if (!isObject(value)) {
    return { ok: false, message: "The request must be a JSON object ({ … }).", line: 1, column: 1 };
  }
  return { ok: true, body: restore(value, elided) as Record<string, unknown> };
}

function restore(value: unknown, elided: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") return MARKER.test(value) ? (elided.get(value) ?? value) : value;
  if (Array.isArray(value)) return value.map((v) => restore(v, elided));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = restore(v, elided);
    return out;
  }
  return value;
}
