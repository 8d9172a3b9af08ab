import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

type Catalog = { [key: string]: string | Catalog };

function leaves(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments of a message (`{name}`, `{count, plural, …}`, `<tag>`), at any depth, sorted. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  for (const m of message.matchAll(/<([A-Za-z_]\w*)>/g)) found.add(`<${m[1]}>`);
  // A small ICU reader: text with {arg}, {arg, type} or {arg, plural|select, selector {message} …}.
  let i = 0;
  const text = (): void => {
    while (i < message.length && message[i] !== "}") {
      if (message[i] === "{") {
        i++;
        argument();
      } else i++;
    }
  };
  const argument = (): void => {
    const close = message.slice(i).search(/[,}]/);
    const name = message.slice(i, i + close).trim();
    found.add(`{${name}}`);
    i += close;
    if (message[i] === "}") return void i++;
    const rest = message.slice(i + 1);
    const type = rest.split(",")[0]?.trim() ?? "";
    if (!["plural", "select", "selectordinal"].includes(type)) {
      i = message.indexOf("}", i) + 1;
      return;
    }
    i += 1 + rest.indexOf(",") + 1;
    while (i < message.length && message[i] !== "}") {
      if (message[i] === "{") {
        i++;
        text();
        i++;
      } else i++;
    }
    i++;
  };
  text();
  return [...found].sort();
}

const enKeys = leaves(en as Catalog);
const zhKeys = leaves(zh as Catalog);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [readFileSync(path, "utf8")] : [];
  });
}

describe("message catalogs", () => {
  it("has every English key in Chinese and no Chinese key that English lacks", () => {
    expect([...enKeys.keys()].filter((k) => !zhKeys.has(k))).toEqual([]);
    expect([...zhKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it("gives each message the same ICU placeholders in both languages", () => {
    const mismatched = [...enKeys].flatMap(([key, message]) => {
      const other = zhKeys.get(key);
      if (other === undefined) return [];
      const a = placeholders(message);
      const b = placeholders(other);
      return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ key, en: a, "zh-CN": b }];
    });
    expect(mismatched).toEqual([]);
  });

  it("has no empty message and no English left untranslated in the Chinese catalog", () => {
    expect([...zhKeys].filter(([, m]) => m.trim() === "").map(([k]) => k)).toEqual([]);
    // A Chinese message identical to a long English one was copied, not translated (names like "OpenAI" are short).
    const copied = [...zhKeys].filter(([k, m]) => m === enKeys.get(k) && /[a-z]{3,} [a-z]{3,} [a-z]{3,}/.test(m));
    expect(copied.map(([k]) => k)).toEqual([]);
  });

  it("uses every key somewhere in the source (no stale entries)", () => {
    const code = ["app", "components", "lib", "i18n"].flatMap((d) => sources(join(process.cwd(), d))).join("\n");
    const unused = [...enKeys.keys()].filter((key) => {
      const last = key.split(".").at(-1) ?? key;
      return !(code.includes(`"${last}"`) || code.includes(`"${key}"`) || code.includes(`\`${last}`) || code.includes(`.${last}`));
    });
    expect(unused).toEqual([]);
  });
});

describe("placeholders", () => {
  it("reads plain, plural and rich-text arguments", () => {
    expect(placeholders("{count, plural, one {# event} other {# events}} in <b>{name}</b>")).toEqual(["<b>", "{count}", "{name}"]);
    expect(placeholders("fix {count, plural, one {this} other {these # problems}} for {model}")).toEqual(["{count}", "{model}"]);
  });
});
